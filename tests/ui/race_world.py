"""A small hand-made season on the in-memory unit of work, for race, standings and playoff tabs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.model import Driver, Entry, Event, RaceResult, Session, SessionKind, Track, TrackKind
from domain.ruleset import RuleSet
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.fakes import FakeStore, FakeUnitOfWork

DRIVERS = ("Alex Able", "Ben Baker", "Cal Cole", "Dan Dunn", "Eli Eads", "Fay Fox")
CARS = ("1", "2", "3", "4", "5", "6")


@dataclass
class FakeStorage:
    """domain.ports.Storage over the in-memory store."""

    store: FakeStore = field(default_factory=FakeStore)
    rulesets: dict[str, RuleSet] = field(default_factory=lambda: {TRUCK_2023.key: TRUCK_2023})
    location: str = "memory"
    read_only: bool = False

    def uow_factory(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)

    def close(self) -> None:
        self.store = FakeStore()


@dataclass
class World:
    storage: FakeStorage
    events: list[Event]
    drivers: dict[str, Driver]


def build_world(rounds_with_results: int = 2, rounds: int = 3) -> World:
    """Six trucks; in every raced round car 1 wins, car 2 is 2nd… and stage 1 goes in order."""
    storage = FakeStorage()
    track = Track(name="Test Oval", length_millimiles=1250, kind=TrackKind.OVAL)
    drivers = {name: Driver(name=name) for name in DRIVERS}
    events = [
        Event(
            key=f"truck-2023-r{n}",
            name=f"Race {n}",
            series="truck",
            season=2023,
            round_no=n,
            track=track,
            start_date=date(2023, 3, n),
            end_date=date(2023, 3, n),
        )
        for n in range(1, rounds + 1)
    ]
    with storage.uow_factory() as uow:
        uow.tracks.add(track)
        for driver in drivers.values():
            uow.drivers.add(driver)
        for event in events:
            uow.events.add(event)
            uow.sessions.add(
                Session(event_id=event.id, kind=SessionKind.RACE, name="Race", order=1)
            )
            for car, name in zip(CARS, DRIVERS, strict=True):
                entry = Entry(
                    event_id=event.id,
                    car_number=car,
                    driver_id=drivers[name].id,
                    team=f"Team {car}",
                    owner=f"Owner {car}",
                    make="Toyota",
                )
                uow.entries.add(entry)
                if event.round_no <= rounds_with_results:
                    position = int(car)
                    uow.results.add(
                        RaceResult(
                            event_id=event.id,
                            car_number=car,
                            driver_id=drivers[name].id,
                            finish=position,
                            laps=100,
                            stage1=position,
                        )
                    )
        uow.commit()
    return World(storage=storage, events=events, drivers=drivers)


def open_race_tab(qtbot, context, event: Event):
    """A Race tab on its own over `context`, showing `event`."""
    from ui.tabs.race_tab import RaceTab

    tab = RaceTab(context)
    qtbot.addWidget(tab)
    context.set_event(event)
    return tab
