"""Before a typed lap is saved: which cars ran in another group of the same qualifying round.

The other checks of domain/rules/plausibility.py read only the session's laps, which the lap
log already holds; this one needs the event's other sessions, so it is a query.
"""

from __future__ import annotations

from uuid import UUID

from domain.ports import UnitOfWork
from domain.rules.plausibility import groups_of_cars


def other_group_cars(uow: UnitOfWork, session_id: UUID) -> dict[str, str]:
    """Car number -> the other group it ran in; empty for a session that is not a group."""
    with uow:
        session = uow.sessions.get(session_id)
        if session.group is None:
            return {}
        sessions = uow.sessions.list_for_event(session.event_id)
        laps = uow.laps.list_for_event(session.event_id)
    return groups_of_cars(sessions, laps, session)
