"""Before a typed lap is saved: what about it looks like a mistake, for the spotter to confirm."""

from __future__ import annotations

from uuid import UUID

from domain.laptime import parse_lap_time
from domain.ports import UnitOfWork
from domain.rules.plausibility import Doubt, LapToCheck, doubts_about_lap, groups_of_cars
from domain.services.common import active_entry_for_car


def lap_doubts(uow: UnitOfWork, session_id: UUID, car_text: str, time_text: str) -> list[Doubt]:
    """The questions to ask before `log_lap` stores this lap; empty when it looks right.

    Reads only. An unknown car or an unreadable time raises the error `log_lap` would, so the
    entry form shows it inline as it does for a lap that is logged.
    """
    with uow:
        session = uow.sessions.get(session_id)
        event = uow.events.get(session.event_id)
        entry = active_entry_for_car(uow, event.id, car_text)
        lap_ms = parse_lap_time(time_text, track_length_millimiles=event.track.length_millimiles)
        laps = uow.laps.list_for_session(session_id)
        other_groups: dict[str, str] = {}
        if session.group is not None:
            sessions = uow.sessions.list_for_event(event.id)
            grouped = [
                lap
                for lap in uow.laps.list_for_event(event.id)
                if lap.car_number == entry.car_number
            ]
            other_groups = groups_of_cars(sessions, grouped, session)
    checked = LapToCheck(
        car_number=entry.car_number, lap_ms=lap_ms, session=session, track_kind=event.track.kind
    )
    return doubts_about_lap(checked, laps, other_groups)
