"""Every repository gives back exactly the values it was given, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import DuplicateError, NotFoundError
from domain.model import (
    Driver,
    Entry,
    Lap,
    LapFlag,
    Session,
    SessionKind,
    Substitution,
    Track,
    TrackKind,
)
from domain.ports import UnitOfWorkFactory
from tests.persistence.conftest import Weekend


def test_tracks_events_sessions_drivers_and_entries_come_back_as_stored(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    with uow_factory() as uow:
        assert uow.tracks.get(weekend.track.id) == weekend.track
        assert uow.tracks.all() == [weekend.track]
        assert uow.events.get(weekend.event.id) == weekend.event
        assert uow.events.get_by_key("truck-2023-gateway") == weekend.event
        assert uow.sessions.get(weekend.practice.id) == weekend.practice
        assert uow.drivers.get(weekend.driver.id) == weekend.driver
        assert uow.entries.get(weekend.entry.id) == weekend.entry


def test_car_numbers_zero_double_zero_and_zero_one_stay_three_different_cars(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    numbers = ["01", "0", "00", "11F"]
    with uow_factory() as uow:
        for number in numbers:
            entry = replace(weekend.entry, id=uuid4(), car_number=number, guaranteed=True)
            uow.entries.add(entry)
        uow.commit()
    with uow_factory() as uow:
        listed = [entry.car_number for entry in uow.entries.list_for_event(weekend.event.id)]
    assert listed == ["0", "00", "01", "11", "11F"]
    with uow_factory() as uow:
        found = {n: uow.entries.find_for_car(weekend.event.id, n) for n in [*numbers, "1", "001"]}
    assert {n: e.car_number for n, e in found.items() if e} == {n: n for n in numbers}
    assert found["1"] is None and found["001"] is None  # "01" is not "1", nor "001"


def test_a_qualifying_group_session_keeps_its_group_round_and_order(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    group_b = Session(
        event_id=weekend.event.id,
        kind=SessionKind.QUALIFYING,
        name="Qualifying Group B",
        order=3,
        group="B",
        round_no=2,
    )
    with uow_factory() as uow:
        uow.sessions.add(group_b)
        uow.sessions.update(replace(weekend.practice, cancelled=True))
        uow.commit()
    with uow_factory() as uow:
        sessions = uow.sessions.list_for_event(weekend.event.id)
    assert sessions == [replace(weekend.practice, cancelled=True), group_b]


def test_laps_keep_flags_notes_and_utc_time_and_list_in_logging_order(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    central = timezone(timedelta(hours=-5))
    first = Lap(
        session_id=weekend.practice.id,
        car_number="11",
        lap_ms=29_876,
        flag=LapFlag.OUT,
        note="bent toe link, lap 1",
        logged_at=datetime(2023, 6, 2, 14, 0, 0, 123456, tzinfo=central),
    )
    second = Lap(session_id=weekend.practice.id, car_number="01", lap_ms=30_001)
    with uow_factory() as uow:
        uow.laps.add(second)
        uow.laps.add(first)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.laps.list_for_session(weekend.practice.id)
        by_event = uow.laps.list_for_event(weekend.event.id)
    assert stored == [first, second]
    assert by_event == stored
    assert stored[0].logged_at.tzinfo == UTC


def test_a_lap_can_be_corrected_and_deleted(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    lap = Lap(session_id=weekend.practice.id, car_number="11", lap_ms=92_368)
    with uow_factory() as uow:
        uow.laps.add(lap)
        uow.commit()
    corrected = replace(lap, lap_ms=92_506, flag=LapFlag.INVALID)
    with uow_factory() as uow:
        uow.laps.update(corrected)
        uow.commit()
    with uow_factory() as uow:
        assert uow.laps.get(lap.id) == corrected
        uow.laps.delete(lap.id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.laps.list_for_session(weekend.practice.id) == []


def test_substitutions_round_trip_and_can_be_removed(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    breidinger = Driver(name="Toni Breidinger")
    swap = Substitution(
        entry_id=weekend.entry.id,
        replaced_driver_id=weekend.driver.id,
        driver_id=breidinger.id,
        from_session_order=0,
        reason="Corey Heim withdrew for health reasons",
    )
    with uow_factory() as uow:
        uow.drivers.add(breidinger)
        uow.substitutions.add(swap)
        uow.commit()
    with uow_factory() as uow:
        assert uow.substitutions.list_for_event(weekend.event.id) == [swap]
        uow.substitutions.delete(swap.id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.substitutions.list_for_event(weekend.event.id) == []


def test_drivers_are_found_by_name_whatever_the_case_and_namesakes_are_kept_apart(
    uow_factory: UnitOfWorkFactory,
) -> None:
    senior = Driver(name="Kyle Busch", disambiguator="No. 8")
    namesake = Driver(name="Kyle Busch", disambiguator="No. 51")
    with uow_factory() as uow:
        uow.drivers.add(senior)
        uow.drivers.add(namesake)
        uow.commit()
    with uow_factory() as uow:
        assert uow.drivers.find_by_name("kyle busch ") == [namesake, senior]
        assert uow.drivers.find_by_name("Kyle") == []
        assert len(uow.drivers.all()) == 2


def test_a_car_number_already_on_the_entry_list_is_refused_by_number(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    with uow_factory() as uow, pytest.raises(DuplicateError, match=r"No\. 11 is already"):
        uow.entries.add(replace(weekend.entry, id=uuid4()))


def test_an_entry_may_be_updated_without_clashing_with_itself(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    moved = replace(weekend.entry, withdrawn=True, points_eligible=False)
    with uow_factory() as uow:
        uow.entries.update(moved)
        uow.commit()
    with uow_factory() as uow:
        assert uow.entries.list_for_event(weekend.event.id) == [moved]


@pytest.mark.parametrize(
    "repository", ["tracks", "events", "sessions", "drivers", "entries", "laps", "results"]
)
def test_a_missing_id_says_the_record_no_longer_exists(
    uow_factory: UnitOfWorkFactory, repository: str
) -> None:
    with uow_factory() as uow, pytest.raises(NotFoundError, match="no longer exists"):
        getattr(uow, repository).get(uuid4())


def test_deleting_or_updating_a_missing_record_says_so(uow_factory: UnitOfWorkFactory) -> None:
    ghost = Track(name="Nowhere", length_millimiles=1000, kind=TrackKind.ROAD)
    with uow_factory() as uow:
        with pytest.raises(NotFoundError, match="lap no longer exists"):
            uow.laps.delete(uuid4())
        with pytest.raises(NotFoundError, match="session no longer exists"):
            uow.sessions.update(
                Session(event_id=uuid4(), kind=SessionKind.RACE, name="Race", order=4, id=ghost.id)
            )


def test_an_unknown_event_key_is_named_in_the_message(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow, pytest.raises(NotFoundError, match="no event “cup-2031-mars”"):
        uow.events.get_by_key("cup-2031-mars")


def test_an_entry_for_a_missing_driver_is_refused_at_commit(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    stray = Entry(
        event_id=weekend.event.id,
        car_number="99",
        driver_id=uuid4(),
        team="T",
        owner="O",
        make="Ford",
    )
    with uow_factory() as uow:
        uow.entries.add(stray)
        with pytest.raises(NotFoundError, match="no longer exists"):
            uow.commit()
