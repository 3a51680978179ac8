"""Use cases of an event's schedule after it is made: rename, reorder, remove (undoable) sessions.

Adding one is laps.add_session. A removed session takes its laps with it; the snapshot lets
undo put both back with their ids.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from domain.changes import Changes, RowChanges
from domain.errors import DuplicateError, ValidationError
from domain.model import Lap, Session
from domain.ports import UnitOfWork
from domain.services.common import require_text


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """A removed session and its laps, as they were."""

    session: Session
    laps: tuple[Lap, ...]


def rename_session(uow: UnitOfWork, session_id: UUID, name: str) -> tuple[Session, Changes]:
    """Give a session another name; no two sessions of an event share one."""
    shown = " ".join(require_text(name, "the session's name, e.g. Practice 2").split())
    with uow:
        old = uow.sessions.get(session_id)
        for other in uow.sessions.list_for_event(old.event_id):
            if other.id != old.id and other.name.casefold() == shown.casefold():
                raise DuplicateError(f"This event already has a session named “{shown}”.")
        new = replace(old, name=shown)
        uow.sessions.update(new)
        uow.commit()
    return new, Changes(sessions=RowChanges(changed=(new,)))


def move_session(uow: UnitOfWork, session_id: UUID, steps: int) -> tuple[Session, Changes]:
    """Swap a session with the one before (steps -1) or after (+1) it in the schedule.

    A substitution starts at a session's place in the schedule, so a move that would change
    which sessions a substitute drives is refused.
    """
    if steps not in (-1, 1):
        raise ValidationError("A session moves one place up or down at a time.")
    with uow:
        moving = uow.sessions.get(session_id)
        sessions = uow.sessions.list_for_event(moving.event_id)
        index = next(i for i, s in enumerate(sessions) if s.id == session_id)
        if not 0 <= index + steps < len(sessions):
            where = "first" if steps < 0 else "last"
            raise ValidationError(f"{moving.name} is already the {where} session.")
        other = sessions[index + steps]
        starts = {s.from_session_order for s in uow.substitutions.list_for_event(moving.event_id)}
        if {moving.order, other.order} & starts:
            raise ValidationError(
                f"A driver substitution starts at {moving.name} or {other.name}; moving one "
                "past the other would change who drove which session. Remove the substitution "
                "first, or leave the order."
            )
        moved = replace(moving, order=other.order)
        swapped = replace(other, order=moving.order)
        uow.sessions.update(moved)
        uow.sessions.update(swapped)
        uow.commit()
    return moved, Changes(sessions=RowChanges(changed=(moved, swapped)))


def session_lap_count(uow: UnitOfWork, session_id: UUID) -> int:
    """How many laps removing the session would delete (the app asks first when there are)."""
    with uow:
        return len(uow.laps.list_for_session(session_id))


def remove_session(uow: UnitOfWork, session_id: UUID) -> tuple[SessionSnapshot, Changes]:
    """Remove a session with its laps; the snapshot lets undo bring both back."""
    with uow:
        session = uow.sessions.get(session_id)
        laps = tuple(uow.laps.list_for_session(session_id))
        uow.sessions.delete(session_id)
        uow.commit()
    changes = Changes(sessions=RowChanges(removed=(session,)), laps=RowChanges(removed=laps))
    return SessionSnapshot(session, laps), changes


def restore_session(uow: UnitOfWork, snapshot: SessionSnapshot) -> tuple[Session, Changes]:
    """Undo remove_session: the session in its place, and its laps."""
    with uow:
        uow.events.get(snapshot.session.event_id)
        for other in uow.sessions.list_for_event(snapshot.session.event_id):
            if other.order == snapshot.session.order or other.name == snapshot.session.name:
                raise DuplicateError(
                    f"{snapshot.session.name} cannot come back: another session now has its "
                    "name or place."
                )
        uow.sessions.add(snapshot.session)
        for lap in snapshot.laps:
            uow.laps.add(lap)
        uow.commit()
    changes = Changes(
        sessions=RowChanges(added=(snapshot.session,)), laps=RowChanges(added=snapshot.laps)
    )
    return snapshot.session, changes
