"""A small weekend in the fake store for the use-case tests: two sessions, three cars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import services
from domain.model import Event, Session, SessionKind, Track, TrackKind
from domain.ports import UnitOfWorkFactory
from tests.fakes import FakeStore, fake_uow_factory


@dataclass
class World:
    store: FakeStore
    uow: UnitOfWorkFactory
    event: Event
    practice: Session
    race: Session


def make_world() -> World:
    """Gateway-like: a 1.25-mile oval, No. 1 Jesse Love, No. 11 Corey Heim, No. 98 Ty Majeski."""
    store = FakeStore()
    uow = fake_uow_factory(store)
    track = Track(name="World Wide Technology Raceway", length_millimiles=1250, kind=TrackKind.OVAL)
    event = Event(
        key="truck-2023-gateway",
        name="Truck Series at WWTR",
        series="truck",
        season=2023,
        round_no=12,
        track=track,
        start_date=date(2023, 6, 2),
        end_date=date(2023, 6, 3),
    )
    with uow() as work:
        work.tracks.add(track)
        work.events.add(event)
        work.commit()
    practice = services.add_session(uow(), event.id, SessionKind.PRACTICE, "Practice")
    race = services.add_session(uow(), event.id, SessionKind.RACE, "Race")
    for car, name, team in (
        ("1", "Jesse Love", "Tricon Garage"),
        ("11", "Corey Heim", "Tricon Garage"),
        ("98", "Ty Majeski", "ThorSport Racing"),
    ):
        services.add_entry(uow(), event.id, car, name, team=team, make="Toyota")
    return World(store=store, uow=uow, event=event, practice=practice, race=race)


def entry_of(world: World, car: str):
    with world.uow() as work:
        return next(e for e in work.entries.list_for_event(world.event.id) if e.car_number == car)
