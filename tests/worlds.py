"""The reference weekends' events and sessions (DESIGN §2), built one way for every test layer.

Fakes and real databases alike get them through `store_weekend`, which takes a fresh unit of
work as the use cases do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.model import Event, Session, SessionKind, Track, TrackKind
from domain.ports import UnitOfWork

GATEWAY_KEY = "truck-2023-gateway"
CHICAGO_KEY = "cup-2025-chicago"

SessionPlan = tuple[tuple[SessionKind, str, str | None], ...]  # kind, name, qualifying group

PRACTICE_AND_RACE: SessionPlan = (
    (SessionKind.PRACTICE, "Practice", None),
    (SessionKind.RACE, "Race", None),
)
ONE_QUALIFYING: SessionPlan = (
    (SessionKind.PRACTICE, "Practice", None),
    (SessionKind.QUALIFYING, "Qualifying", None),
    (SessionKind.RACE, "Race", None),
)
# Chicago 2025 qualified in two groups whose results are combined (DESIGN §3).
TWO_QUALIFYING_GROUPS: SessionPlan = (
    (SessionKind.PRACTICE, "Practice", None),
    (SessionKind.QUALIFYING, "Qualifying Group A", "A"),
    (SessionKind.QUALIFYING, "Qualifying Group B", "B"),
    (SessionKind.RACE, "Race", None),
)


def gateway_event() -> Event:
    """2023 Truck Series round 12 at World Wide Technology Raceway, a 1.25-mile oval."""
    track = Track(name="World Wide Technology Raceway", length_millimiles=1250, kind=TrackKind.OVAL)
    return Event(
        key=GATEWAY_KEY,
        name="Toyota 200",
        series="truck",
        season=2023,
        round_no=12,
        track=track,
        start_date=date(2023, 6, 2),
        end_date=date(2023, 6, 3),
    )


def chicago_event() -> Event:
    """2025 Cup Series round 19 on the 2.2-mile Chicago street course."""
    track = Track(name="Chicago Street Course", length_millimiles=2200, kind=TrackKind.STREET)
    return Event(
        key=CHICAGO_KEY,
        name="Grant Park 165",
        series="cup",
        season=2025,
        round_no=19,
        track=track,
        start_date=date(2025, 7, 5),
        end_date=date(2025, 7, 6),
    )


def sessions_of(event: Event, plan: SessionPlan) -> list[Session]:
    """The plan's sessions of `event`, ordered from 1."""
    return [
        Session(event_id=event.id, kind=kind, name=name, order=order, group=group)
        for order, (kind, name, group) in enumerate(plan, start=1)
    ]


def store_weekend(uow: UnitOfWork, event: Event, sessions: Iterable[Session] = ()) -> None:
    """Store the event, its track and its sessions in one committed unit of work."""
    with uow:
        uow.tracks.add(event.track)
        uow.events.add(event)
        for session in sessions:
            uow.sessions.add(session)
        uow.commit()
