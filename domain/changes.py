"""Change notices: what one use case added, changed or removed, as values (DESIGN §4).

Every use case returns a `Changes` beside its result. One bus in ui/ hands it to the views,
which update the rows it names; a notice from an import, a followed feed or the team server
looks the same, so a view never cares where a change came from. `origin` is the view that
asked, so it may skip its own echo.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Generic, TypeVar
from uuid import UUID

from domain.model import (
    Driver,
    Entry,
    Event,
    Lap,
    Penalty,
    RaceResult,
    Session,
    Substitution,
    Track,
    Waiver,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RowChanges(Generic[T]):
    """Values of one kind as they are after the change (removed: as they were)."""

    added: tuple[T, ...] = ()
    changed: tuple[T, ...] = ()
    removed: tuple[T, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def merged(self, later: RowChanges[T]) -> RowChanges[T]:
        """Both changes in order: this one first, `later` after it."""
        return RowChanges(
            self.added + later.added, self.changed + later.changed, self.removed + later.removed
        )


def added(*values: T) -> RowChanges[T]:
    """Rows that are new: `Changes(laps=added(lap))`."""
    return RowChanges(added=values)


def changed(*values: T) -> RowChanges[T]:
    """Rows stored again with other values."""
    return RowChanges(changed=values)


def removed(*values: T) -> RowChanges[T]:
    """Rows that are gone, as they were."""
    return RowChanges(removed=values)


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything one action changed. Empty (falsy) when nothing did."""

    laps: RowChanges[Lap] = field(default_factory=RowChanges)
    entries: RowChanges[Entry] = field(default_factory=RowChanges)
    substitutions: RowChanges[Substitution] = field(default_factory=RowChanges)
    drivers: RowChanges[Driver] = field(default_factory=RowChanges)
    results: RowChanges[RaceResult] = field(default_factory=RowChanges)
    penalties: RowChanges[Penalty] = field(default_factory=RowChanges)
    waivers: RowChanges[Waiver] = field(default_factory=RowChanges)
    sessions: RowChanges[Session] = field(default_factory=RowChanges)
    events: RowChanges[Event] = field(default_factory=RowChanges)
    tracks: RowChanges[Track] = field(default_factory=RowChanges)
    # (series, season) of seasons created, edited or deleted.
    seasons: frozenset[tuple[str, int]] = frozenset()
    # Events whose facts changed too widely to list row by row (a 19,500-lap import, a sync):
    # views showing them read them again instead of updating rows.
    reloaded_events: frozenset[UUID] = frozenset()
    origin: object | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in _FACT_FIELDS)  # asked once per lap logged

    def touches_season_scores(self) -> bool:
        """Whether season standings could read differently: results, penalties, who drove,
        waivers, the schedule (the Standings and Postseason views reload on these)."""
        return bool(
            self.results
            or self.penalties
            or self.entries
            or self.substitutions
            or self.waivers
            or self.events
            or self.seasons
            or self.reloaded_events
        )

    def merged(self, later: Changes) -> Changes:
        """One notice for two changes made in one action (this one first)."""
        combined: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(later, f.name)
            if isinstance(mine, RowChanges):
                combined[f.name] = mine.merged(theirs)
            elif isinstance(mine, frozenset):
                combined[f.name] = mine | theirs
        return replace(self, **combined)

    def from_origin(self, origin: object | None) -> Changes:
        """The same notice, saying which view asked for it."""
        return replace(self, origin=origin)


# Every field but `origin`, worked out once (dataclasses.fields() builds a tuple per call).
_FACT_FIELDS = tuple(f.name for f in fields(Changes) if f.name != "origin")
