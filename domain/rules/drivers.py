"""Who drives a car when: an entry's driver as substitutions take effect over a weekend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from domain.model import Entry, Substitution


def substitutions_in_order(subs: Iterable[Substitution], entry_id: UUID) -> list[Substitution]:
    """An entry's substitutions in the order they take effect."""
    return sorted(
        (s for s in subs if s.entry_id == entry_id), key=lambda s: (s.from_session_order, s.at)
    )


def driver_at(entry: Entry, subs: Sequence[Substitution], session_order: int) -> UUID:
    """Who drives the entry in the session at `session_order` (from 0: the whole weekend)."""
    driver_id = entry.driver_id
    for sub in substitutions_in_order(subs, entry.id):
        if sub.from_session_order <= session_order:
            driver_id = sub.driver_id
    return driver_id


def drivers_from(entry: Entry, subs: Sequence[Substitution], order: int) -> set[UUID]:
    """Everyone who drives the entry in session `order` or later."""
    later = substitutions_in_order(subs, entry.id)
    return {driver_at(entry, subs, order)} | {
        s.driver_id for s in later if s.from_session_order > order
    }
