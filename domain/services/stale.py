"""Edits made from an old screen: refused with what another laptop changed, in words.

Every editable record carries a version (DESIGN §4). An edit names the copy the user saw; if
the stored record has moved on since, the edit is refused (ConcurrentEditError, with the record
as it now is) so the user keeps theirs or applies their own, never overwriting unseen.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Protocol, TypeVar

from domain.errors import ConcurrentEditError
from domain.ports import UnitOfWork
from domain.services.common import shown_value


class _Versioned(Protocol):
    @property
    def version(self) -> int: ...


R = TypeVar("R", bound=_Versioned)

# Fields that are bookkeeping, not something a person changed.
_UNSAID = frozenset({"id", "version", "event_id", "entry_id", "session_id", "at", "logged_at"})


def ensure_as_seen(uow: UnitOfWork, stored: R, seen: R | None, subject: str) -> None:
    """Refuse the edit when `stored` is no longer the version of `seen` (None: no check).

    The message names what changed: "No. 48's entry was changed on another laptop: driver now
    Jesse Love. Keep theirs, or apply yours."
    """
    if seen is None or seen.version == stored.version:
        return
    raise ConcurrentEditError(
        f"{subject} was changed on another laptop: {changed_words(uow, seen, stored)}. "
        "Keep theirs, or apply yours.",
        current=stored,
    )


def changed_words(uow: UnitOfWork, before: object, after: object) -> str:
    """What differs between two copies of one record, as a person says it."""
    words = []
    for f in fields(before):  # type: ignore[arg-type]
        old, new = getattr(before, f.name), getattr(after, f.name)
        if f.name in _UNSAID or old == new:
            continue
        label = f.name.removesuffix("_id").replace("_", " ")
        if isinstance(new, bool):
            words.append(label if new else f"no longer {label}")
        elif new is None or new == "":
            words.append(f"{label} now empty")
        else:
            words.append(f"{label} now {shown_value(uow, f.name, new)}")
    return ", ".join(words) or "saved again with the same values"


def next_version(stored: R, saved: R) -> R:
    """`saved` as the store now holds it: one version past the copy it replaced."""
    return replace(saved, version=stored.version + 1)  # type: ignore[type-var]


def reapplied(seen: R, edited: R, current: R) -> R:
    """This laptop's edit laid over another's ("apply yours"): only the fields the user changed
    from the copy they saw go onto the record as it now is; the other laptop's stay."""
    yours = {
        f.name: getattr(edited, f.name)
        for f in fields(seen)  # type: ignore[arg-type]
        if f.name not in ("id", "version") and getattr(edited, f.name) != getattr(seen, f.name)
    }
    return replace(current, **yours)  # type: ignore[type-var]
