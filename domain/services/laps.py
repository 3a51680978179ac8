"""Use cases of the lap log and the weekend's sessions: what the spotter does with the keyboard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from uuid import UUID

from domain.changes import Changes, added, changed, removed
from domain.errors import ConcurrentEditError, DuplicateError, ValidationError
from domain.laptime import format_lap_time, parse_lap_time
from domain.model import Lap, LapFlag, Session, SessionKind
from domain.ports import UnitOfWork
from domain.rules.lap_numbers import lap_name, lap_numbers
from domain.services.common import active_entry_for_car, record_changes, require_text


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
    uow: UnitOfWork,
    lap_id: UUID,
    time_text: str,
    *,
    car_text: str | None = None,
    seen_version: int | None = None,
) -> tuple[Lap, Changes]:
    """Correct a mistyped time (and car); the lap keeps its place, flag and note.

    `seen_version` is the version the user corrected: if another laptop changed the lap since,
    the edit is refused with what it holds now (ConcurrentEditError), never laid over it. Both
    corrections stay in the history.
    """
    with uow:
        old = _lap_as_seen(uow, lap_id, seen_version, time_text)
        session = uow.sessions.get(old.session_id)
        event = uow.events.get(session.event_id)
        car = old.car_number
        if car_text is not None:
            car = active_entry_for_car(uow, event.id, car_text).car_number
        lap_ms = parse_lap_time(time_text, track_length_millimiles=event.track.length_millimiles)
        lap = replace(old, car_number=car, lap_ms=lap_ms)
        uow.laps.update(lap)
        _record_lap_change(uow, session, old, lap)
        uow.commit()
    lap = replace(lap, version=old.version + 1)
    return lap, Changes(laps=changed(lap))


def lap_subject(uow: UnitOfWork, lap: Lap) -> str:
    """ "No. 48's lap 11": the lap's number within its car's run of the session."""
    run = [other for other in uow.laps.list_for_session(lap.session_id)
           if other.car_number == lap.car_number]  # fmt: skip
    return lap_name(lap, lap_numbers(run).get(lap.id))


def _lap_as_seen(uow: UnitOfWork, lap_id: UUID, seen_version: int | None, yours: str) -> Lap:
    """The stored lap, if it is still the version the user saw."""
    lap = uow.laps.get(lap_id)
    if seen_version is not None and lap.version != seen_version:
        raise ConcurrentEditError(
            f"{lap_subject(uow, lap)} was changed to {_describe_lap(lap)} on another laptop: "
            f"keep theirs, or apply yours ({yours.strip() or 'your change'}).",
            current=lap,
        )
    return lap


def _describe_lap(lap: Lap) -> str:
    extra = [f"flag {lap.flag.value}"] if lap.flag else []
    extra += [f"note “{lap.note}”"] if lap.note else []
    return format_lap_time(lap.lap_ms) + (f" ({', '.join(extra)})" if extra else "")


def delete_lap(
    uow: UnitOfWork, lap_id: UUID, *, seen_version: int | None = None
) -> tuple[Lap, Changes]:
    """Remove a lap; the returned value lets undo put it back with restore_lap."""
    with uow:
        lap = _lap_as_seen(uow, lap_id, seen_version, "delete it")
        uow.laps.delete(lap_id)
        _record_lap_change(uow, uow.sessions.get(lap.session_id), lap, None)
        uow.commit()
    return lap, Changes(laps=removed(lap))


def restore_lap(uow: UnitOfWork, lap: Lap) -> tuple[Lap, Changes]:
    """Put a deleted lap back exactly as it was (same id, time, flag, note and place)."""
    with uow:
        session = uow.sessions.get(lap.session_id)
        uow.laps.add(lap)
        _record_lap_change(uow, session, None, lap, why="put back")
        uow.commit()
    return lap, Changes(laps=added(lap))


def flag_lap(
    uow: UnitOfWork, lap_id: UUID, flag: LapFlag | None, *, seen_version: int | None = None
) -> tuple[Lap, Changes]:
    """Mark an out, in, caution or invalid lap (None clears it); flagged laps leave the bests."""
    yours = f"flag {flag.value}" if flag else "no flag"
    return _change_lap(uow, lap_id, seen_version, yours, flag=flag)


def set_lap_note(
    uow: UnitOfWork, lap_id: UUID, note: str, *, seen_version: int | None = None
) -> tuple[Lap, Changes]:
    """Attach a note to a lap, e.g. "bent toe link"; an empty note removes it."""
    note = note.strip()
    return _change_lap(uow, lap_id, seen_version, f"note “{note}”", note=note)


def _change_lap(
    uow: UnitOfWork, lap_id: UUID, seen_version: int | None, yours: str, **fields: object
) -> tuple[Lap, Changes]:
    with uow:
        old = _lap_as_seen(uow, lap_id, seen_version, yours)
        lap = replace(old, **fields)  # type: ignore[arg-type]
        uow.laps.update(lap)
        _record_lap_change(uow, uow.sessions.get(lap.session_id), old, lap)
        uow.commit()
    lap = replace(lap, version=old.version + 1)
    return lap, Changes(laps=changed(lap))


def _record_lap_change(
    uow: UnitOfWork, session: Session, old: Lap | None, new: Lap | None, why: str = ""
) -> None:
    """Corrections, flags, notes and deletions go into the History tab; a typed lap does not
    (5,000 laps would bury the edits, and logging stays one insert: DESIGN §6)."""
    lap = old if old is not None else new
    if lap is None:
        raise TypeError("a lap change needs the lap before or after it")
    record_changes(
        uow,
        event_id=session.event_id,
        subject=f"Lap No. {lap.car_number}, {session.name}",
        old=old,
        new=new,
        why=why,
    )


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
