"""Use cases of the lap log and the weekend's sessions: what the spotter does with the keyboard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from uuid import UUID

from domain.changes import Changes, added, changed, removed
from domain.errors import DuplicateError, ValidationError
from domain.laptime import parse_lap_time
from domain.model import Lap, LapFlag, Session, SessionKind
from domain.ports import UnitOfWork
from domain.services.common import active_entry_for_car, require_text


def log_lap(
    uow: UnitOfWork, session_id: UUID, car_text: str, time_text: str
) -> tuple[Lap, Changes]:
    """Save one lap (a time, or a speed in mph read through the track length) for an entered car."""
    with uow:
        session = _open_session(uow, session_id)
        event = uow.events.get(session.event_id)
        entry = active_entry_for_car(uow, event.id, car_text)
        lap_ms = parse_lap_time(time_text, track_length_millimiles=event.track.length_millimiles)
        lap = Lap(session_id=session.id, car_number=entry.car_number, lap_ms=lap_ms)
        uow.laps.add(lap)
        uow.commit()
    return lap, Changes(laps=added(lap))


def edit_lap(
    uow: UnitOfWork, lap_id: UUID, time_text: str, *, car_text: str | None = None
) -> tuple[Lap, Changes]:
    """Correct a mistyped time (and car); the lap keeps its place, flag and note."""
    with uow:
        old = uow.laps.get(lap_id)
        session = uow.sessions.get(old.session_id)
        event = uow.events.get(session.event_id)
        car = old.car_number
        if car_text is not None:
            car = active_entry_for_car(uow, event.id, car_text).car_number
        lap_ms = parse_lap_time(time_text, track_length_millimiles=event.track.length_millimiles)
        lap = replace(old, car_number=car, lap_ms=lap_ms)
        uow.laps.update(lap)
        uow.commit()
    return lap, Changes(laps=changed(lap))


def delete_lap(uow: UnitOfWork, lap_id: UUID) -> tuple[Lap, Changes]:
    """Remove a lap; the returned value lets undo put it back with restore_lap."""
    with uow:
        lap = uow.laps.get(lap_id)
        uow.laps.delete(lap_id)
        uow.commit()
    return lap, Changes(laps=removed(lap))


def restore_lap(uow: UnitOfWork, lap: Lap) -> tuple[Lap, Changes]:
    """Put a deleted lap back exactly as it was (same id, time, flag, note and place)."""
    with uow:
        uow.sessions.get(lap.session_id)
        uow.laps.add(lap)
        uow.commit()
    return lap, Changes(laps=added(lap))


def flag_lap(uow: UnitOfWork, lap_id: UUID, flag: LapFlag | None) -> tuple[Lap, Changes]:
    """Mark an out, in, caution or invalid lap (None clears it); flagged laps leave the bests."""
    return _change_lap(uow, lap_id, flag=flag)


def set_lap_note(uow: UnitOfWork, lap_id: UUID, note: str) -> tuple[Lap, Changes]:
    """Attach a note to a lap, e.g. "bent toe link"; an empty note removes it."""
    return _change_lap(uow, lap_id, note=note.strip())


def _change_lap(uow: UnitOfWork, lap_id: UUID, **fields: object) -> tuple[Lap, Changes]:
    with uow:
        lap = replace(uow.laps.get(lap_id), **fields)  # type: ignore[arg-type]
        uow.laps.update(lap)
        uow.commit()
    return lap, Changes(laps=changed(lap))


def add_session(
    uow: UnitOfWork,
    event_id: UUID,
    kind: SessionKind,
    name: str,
    *,
    group: str | None = None,
    round_no: int = 1,
) -> tuple[Session, Changes]:
    """Add practice, a qualifying group or round, or the race at the end of the schedule."""
    name = require_text(name, "a name for the session, e.g. Practice or Qualifying Group A")
    if round_no < 1:
        raise ValidationError("A qualifying round is numbered from 1.")
    with uow:
        uow.events.get(event_id)
        sessions = uow.sessions.list_for_event(event_id)
        if any(s.name.casefold() == name.casefold() for s in sessions):
            raise DuplicateError(f"This event already has a session named “{name}”.")
        order = max((s.order for s in sessions), default=0) + 1
        session = Session(
            event_id=event_id,
            kind=kind,
            name=name,
            order=order,
            group=group.strip().upper() if group and group.strip() else None,
            round_no=round_no,
        )
        uow.sessions.add(session)
        uow.commit()
    return session, Changes(sessions=added(session))


def set_session_cancelled(
    uow: UnitOfWork, session_id: UUID, cancelled: bool
) -> tuple[Session, Changes]:
    """A cancelled qualifying session makes the series' fallback rule set the lineup."""
    with uow:
        session = replace(uow.sessions.get(session_id), cancelled=cancelled)
        uow.sessions.update(session)
        uow.commit()
    return session, Changes(sessions=changed(session))


def set_qualifying_cancelled(
    uow: UnitOfWork, event_id: UUID, cancelled: bool
) -> tuple[list[Session], Changes]:
    """Cancel (or reopen) every qualifying session of the event at once, so none is left mixed."""
    with uow:
        uow.events.get(event_id)
        sessions = [
            replace(s, cancelled=cancelled)
            for s in uow.sessions.list_for_event(event_id)
            if s.kind is SessionKind.QUALIFYING
        ]
        if not sessions:
            raise ValidationError(
                "This event has no qualifying session; add one to the schedule first."
            )
        for session in sessions:
            uow.sessions.update(session)
        uow.commit()
    return sessions, Changes(sessions=changed(*sessions))


def _open_session(uow: UnitOfWork, session_id: UUID) -> Session:
    session = uow.sessions.get(session_id)
    if session.cancelled:
        raise ValidationError(
            f"{session.name} is marked cancelled; clear “cancelled” before logging laps in it."
        )
    return session


def restore_sessions_cancelled(
    uow: UnitOfWork, cancelled: Mapping[UUID, bool]
) -> tuple[list[Session], Changes]:
    """Undo of cancelling qualifying: each session back to its own flag, in one transaction."""
    with uow:
        sessions = [replace(uow.sessions.get(i), cancelled=flag) for i, flag in cancelled.items()]
        for session in sessions:
            uow.sessions.update(session)
        uow.commit()
    return sessions, Changes(sessions=changed(*sessions))
