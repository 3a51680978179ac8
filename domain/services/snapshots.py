"""Every stored row of an event, taken before it is deleted, so undo puts each one back."""

from __future__ import annotations

from dataclasses import dataclass

from domain.model import ChangeRecord, Entry, Event, Lap, Penalty, RaceResult, Session, Substitution
from domain.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class EventSnapshot:
    """An event as it was: its sessions, laps, entries, substitutions, results, penalties and
    edit history, with their ids (drivers and the track are shared, so they are not deleted)."""

    event: Event
    sessions: tuple[Session, ...]
    laps: tuple[Lap, ...]
    entries: tuple[Entry, ...]
    substitutions: tuple[Substitution, ...]
    results: tuple[RaceResult, ...]
    penalties: tuple[Penalty, ...]
    history: tuple[ChangeRecord, ...]

    @property
    def holds_data(self) -> bool:
        """Laps or results: what a user would lose, so deleting asks first."""
        return bool(self.laps or self.results)

    def describe(self) -> str:
        """What deleting the event takes with it, in words: "342 laps, 40 results"."""
        counts = (
            (len(self.laps), "lap"), (len(self.results), "result"),
            (len(self.entries), "entry"), (len(self.penalties), "penalty"),
        )  # fmt: skip
        parts = [f"{n} {_plural(word, n)}" for n, word in counts if n]
        return ", ".join(parts) or "no laps, entries or results"


def take_snapshot(uow: UnitOfWork, event: Event) -> EventSnapshot:
    """Inside an open unit of work: everything stored for the event."""
    return EventSnapshot(
        event=event,
        sessions=tuple(uow.sessions.list_for_event(event.id)),
        laps=tuple(uow.laps.list_for_event(event.id)),
        entries=tuple(uow.entries.list_for_event(event.id)),
        substitutions=tuple(uow.substitutions.list_for_event(event.id)),
        results=tuple(uow.results.list_for_event(event.id)),
        penalties=tuple(uow.penalties.list_for_event(event.id)),
        history=tuple(uow.history.newest_first(event.id)),
    )


def restore_snapshot(uow: UnitOfWork, snapshot: EventSnapshot) -> None:
    """Inside an open unit of work: add every row back, parents before children."""
    uow.events.add(snapshot.event)
    for session in snapshot.sessions:
        uow.sessions.add(session)
    for entry in snapshot.entries:
        uow.entries.add(entry)
    for substitution in snapshot.substitutions:
        uow.substitutions.add(substitution)
    for lap in snapshot.laps:
        uow.laps.add(lap)
    for result in snapshot.results:
        uow.results.add(result)
    for penalty in snapshot.penalties:
        uow.penalties.add(penalty)
    for record in snapshot.history:
        uow.history.add(record)


def _plural(word: str, count: int) -> str:
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"
