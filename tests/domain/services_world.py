"""A small weekend in the fake store for the use-case tests: two sessions, three cars."""

from __future__ import annotations

from dataclasses import dataclass

from domain import services
from domain.model import Event, Session, SessionKind
from domain.ports import UnitOfWorkFactory
from tests.fakes import FakeStore, fake_uow_factory
from tests.worlds import gateway_event, store_weekend


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
    event = gateway_event()
    store_weekend(uow(), event)
    practice, _ = services.add_session(uow(), event.id, SessionKind.PRACTICE, "Practice")
    race, _ = services.add_session(uow(), event.id, SessionKind.RACE, "Race")
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
