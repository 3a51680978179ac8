"""The narrow driver lists name an event's or a season's drivers only, in SQL and in the fake."""

from __future__ import annotations

from uuid import UUID

from domain.model import (
    Driver,
    Entry,
    Event,
    Penalty,
    RaceResult,
    Substitution,
    Track,
    TrackKind,
    Waiver,
    WaiverReason,
)
from domain.ports import UnitOfWorkFactory
from tests.fakes import fake_uow_factory
from tests.persistence.conftest import make_event

_NAMES = ["Heim", "Love", "Breidinger", "Majeski", "Riggs", "Smith", "Waived", "Hocevar", "Larson"]
_NAMED_NOWHERE = "Nobody"


def _car(event: Event, number: str, driver: Driver) -> Entry:
    return Entry(
        event_id=event.id, car_number=number, driver_id=driver.id, team="T", owner="O", make="Ford"
    )


def _truck_2023(d: dict[str, Driver], r12: Event, r13: Event) -> list[tuple[str, object]]:
    """Round 12: Heim entered, Love substitutes, Breidinger in the No. 1, Majeski finishes.

    Round 13: Smith entered, Riggs penalised, one penalty names no driver; Waived has a waiver.
    """
    eleven = _car(r12, "11", d["Heim"])
    swap = Substitution(
        entry_id=eleven.id,
        replaced_driver_id=d["Heim"].id,
        driver_id=d["Love"].id,
        from_session_order=0,
    )
    finish = RaceResult(event_id=r12.id, car_number="98", driver_id=d["Majeski"].id, finish=1)
    medical = WaiverReason.MEDICAL
    return [
        ("entries", eleven),
        ("entries", _car(r12, "1", d["Breidinger"])),
        ("substitutions", swap),
        ("results", finish),
        ("entries", _car(r13, "98", d["Smith"])),
        (
            "penalties",
            Penalty(event_id=r13.id, car_number="34", driver_id=d["Riggs"].id, reason=""),
        ),
        ("penalties", Penalty(event_id=r13.id, car_number="35", reason="Parts")),
        ("waivers", Waiver(series="truck", season=2023, driver_id=d["Waived"].id, reason=medical)),
    ]


def _store_drivers_of_two_seasons(uow_factory: UnitOfWorkFactory) -> None:
    """Truck 2023 as above; Truck 2024, a Cup race of 2023 and an unnamed driver besides."""
    track = Track(name="World Wide Technology Raceway", length_millimiles=1250, kind=TrackKind.OVAL)
    r12, r13 = (make_event(track, key=f"truck-2023-r{n}", round_no=n) for n in (12, 13))
    later = make_event(track, key="truck-2024-r1", season=2024, round_no=1)
    cup = make_event(track, key="cup-2023-r1", series="cup", round_no=1)
    d = {name: Driver(name=name) for name in [*_NAMES, _NAMED_NOWHERE]}
    other = WaiverReason.OTHER
    rows = [
        ("tracks", track),
        *(("events", event) for event in (r12, r13, later, cup)),
        *(("drivers", driver) for driver in d.values()),
        *_truck_2023(d, r12, r13),
        ("entries", _car(later, "7", d["Hocevar"])),
        ("entries", _car(cup, "5", d["Larson"])),
        ("waivers", Waiver(series="truck", season=2024, driver_id=d["Larson"].id, reason=other)),
    ]
    with uow_factory() as uow:
        for repository, value in rows:
            getattr(uow, repository).add(value)
        uow.commit()


def _listed(uow_factory: UnitOfWorkFactory) -> dict[str, list[str]]:
    """The names each narrow list gives: round 12, the 2023 season and the 2024 season."""
    with uow_factory() as uow:
        round_12 = uow.events.get_by_key("truck-2023-r12")
        lists = {
            "round 12": uow.drivers.list_for_event(round_12.id),
            "2023": uow.drivers.list_for_season("truck", 2023),
            "2024": uow.drivers.list_for_season("truck", 2024),
        }
    return {key: [driver.name for driver in drivers] for key, drivers in lists.items()}


def test_an_events_drivers_include_the_substitute_and_the_replaced_driver_and_no_one_else(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _store_drivers_of_two_seasons(uow_factory)
    assert _listed(uow_factory)["round 12"] == ["Breidinger", "Heim", "Love", "Majeski"]


def test_a_seasons_drivers_add_penalties_and_waivers_and_leave_out_other_seasons_and_series(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _store_drivers_of_two_seasons(uow_factory)
    listed = _listed(uow_factory)
    assert listed["2023"] == ["Breidinger", "Heim", "Love", "Majeski", "Riggs", "Smith", "Waived"]
    assert listed["2024"] == ["Hocevar", "Larson"]


def test_an_event_with_nothing_entered_names_no_drivers(uow_factory: UnitOfWorkFactory) -> None:
    _store_drivers_of_two_seasons(uow_factory)
    with uow_factory() as uow:
        assert uow.drivers.list_for_event(UUID(int=0)) == []
        assert uow.drivers.list_for_season("arca", 2023) == []


def test_the_fake_unit_of_work_lists_the_same_drivers_as_the_database(
    uow_factory: UnitOfWorkFactory,
) -> None:
    fake = fake_uow_factory()
    _store_drivers_of_two_seasons(fake)
    _store_drivers_of_two_seasons(uow_factory)
    assert _listed(fake) == _listed(uow_factory)
