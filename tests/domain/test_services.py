"""Use cases of the entry list and the lap log, against the fake unit of work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain import services
from domain.errors import (
    DuplicateError,
    InvalidLapTimeError,
    NotFoundError,
    ValidationError,
)
from domain.model import LapFlag, SessionKind
from tests.domain.services_world import entry_of, make_world


@pytest.fixture
def world():
    return make_world()


def test_adding_an_entry_records_it_in_the_history(world):
    with world.uow() as uow:
        history = uow.history.newest_first(world.event.id)
    assert {r.subject for r in history} == {"Entry No. 1", "Entry No. 11", "Entry No. 98"}
    assert all(r.field_name == "added" for r in history)


@pytest.mark.parametrize("car", ["1x", "1xx", "", "1234", "A1"])
def test_a_car_number_that_is_not_one_is_rejected(world, car):
    with pytest.raises(ValidationError):
        services.add_entry(world.uow(), world.event.id, car, "Someone", team="T", make="Ford")


def test_a_car_number_already_on_the_list_is_a_duplicate(world):
    with pytest.raises(DuplicateError, match=r"No\. 11 is already on the entry list"):
        services.add_entry(world.uow(), world.event.id, "11", "Someone", team="T", make="Ford")


def test_car_numbers_0_00_and_01_are_different_cars(world):
    for car in ("0", "00", "01"):
        services.add_entry(world.uow(), world.event.id, car, f"Driver {car}", team="T", make="Ford")
    with world.uow() as uow:
        numbers = {e.car_number for e in uow.entries.list_for_event(world.event.id)}
    assert {"0", "00", "01", "1"} <= numbers


def test_the_same_driver_cannot_be_entered_twice_in_one_event(world):
    with pytest.raises(DuplicateError, match=r"Corey Heim already drives No\. 11"):
        services.add_entry(
            world.uow(), world.event.id, "67", "Corey Heim", team="23XI", make="Toyota"
        )


def test_drivers_sharing_a_name_are_never_merged_silently(world):
    first, _ = services.find_or_add_driver(world.uow(), "Jason White", disambiguator="No. 1")
    second, _ = services.find_or_add_driver(world.uow(), "Jason White", disambiguator="No. 34")
    assert first.id != second.id
    assert (
        services.find_or_add_driver(world.uow(), "jason white", disambiguator="no. 34")[0] == second
    )
    with pytest.raises(ValidationError, match="More than one driver could be"):
        services.find_or_add_driver(world.uow(), "Jason White")


def test_editing_an_entry_keeps_the_old_values_in_the_history(world):
    entry = entry_of(world, "98")
    services.edit_entry(world.uow(), replace(entry, make="Ford"), why="entry list corrected")
    with world.uow() as uow:
        record = uow.history.newest_first(world.event.id)[0]
    assert (record.field_name, record.old_value, record.new_value) == ("make", "Toyota", "Ford")
    assert record.why == "entry list corrected"


def test_a_car_with_laps_cannot_be_renumbered(world):
    services.log_lap(world.uow(), world.practice.id, "98", "33.100")
    entry = entry_of(world, "98")
    with pytest.raises(ValidationError, match="cannot change"):
        services.edit_entry(world.uow(), replace(entry, car_number="99"))


def test_love_replaces_heim_once_breidinger_takes_the_no_1(world):
    with pytest.raises(DuplicateError, match=r"Jesse Love already drives No\. 1\b"):
        services.substitute_driver(world.uow(), entry_of(world, "11").id, "Jesse Love")
    services.substitute_driver(world.uow(), entry_of(world, "1").id, "Toni Breidinger")
    services.substitute_driver(
        world.uow(), entry_of(world, "11").id, "Jesse Love", reason="Heim is unwell."
    )
    views = {v.entry.car_number: v for v in services.event_entries(world.uow(), world.event.id)}
    assert views["11"].driver.name == "Jesse Love"
    assert views["11"].entered_driver.name == "Corey Heim"
    assert views["11"].substitutions == (
        "Jesse Love replaces Corey Heim in the No. 11: Heim is unwell.",
    )
    assert views["1"].driver.name == "Toni Breidinger"


def test_a_substitution_from_the_race_leaves_practice_with_the_entered_driver(world):
    sub, _ = services.substitute_driver(
        world.uow(), entry_of(world, "98").id, "Matt Crafton", from_session_order=world.race.order
    )
    view = next(
        v for v in services.event_entries(world.uow(), world.event.id) if v.entry.id == sub.entry_id
    )
    by_session = {session.name: driver.name for session, driver in view.drivers_by_session}
    assert by_session == {"Practice": "Ty Majeski", "Race": "Matt Crafton"}
    services.remove_substitution(world.uow(), sub, why="undo")
    view = next(
        v for v in services.event_entries(world.uow(), world.event.id) if v.entry.id == sub.entry_id
    )
    assert view.driver.name == "Ty Majeski"


def test_a_withdrawn_car_cannot_log_laps_until_reinstated(world):
    entry = entry_of(world, "11")
    services.withdraw_entry(world.uow(), entry.id, why="Heim unwell")
    with pytest.raises(ValidationError, match="withdrawn"):
        services.log_lap(world.uow(), world.practice.id, "11", "33.000")
    services.reinstate_entry(world.uow(), entry.id)
    assert services.log_lap(world.uow(), world.practice.id, "11", "33.000")[0].lap_ms == 33_000


def test_a_lap_of_a_car_not_entered_tells_where_to_add_it(world):
    with pytest.raises(ValidationError) as raised:
        services.log_lap(world.uow(), world.practice.id, "1x", "33.000")
    assert "not a car number" in str(raised.value)
    with pytest.raises(ValidationError, match=r"No\. 12F is not on the entry list"):
        services.log_lap(world.uow(), world.practice.id, "12F", "33.000")


def test_a_speed_is_read_through_the_track_length(world):
    # 1.25 miles at 136.364 mph is 33.000 s
    lap, _ = services.log_lap(world.uow(), world.practice.id, "98", "136.364 mph")
    assert 32_990 <= lap.lap_ms <= 33_010


def test_a_bad_time_saves_nothing(world):
    with pytest.raises(InvalidLapTimeError):
        services.log_lap(world.uow(), world.practice.id, "98", "33.1.2")
    with world.uow() as uow:
        assert uow.laps.list_for_session(world.practice.id) == []


def test_a_deleted_lap_comes_back_exactly_on_undo(world):
    lap, _ = services.log_lap(world.uow(), world.practice.id, "98", "33.100")
    flagged, _ = services.flag_lap(world.uow(), lap.id, LapFlag.OUT)
    noted, _ = services.set_lap_note(world.uow(), lap.id, "  bent toe link ")
    assert (flagged.flag, noted.note) == (LapFlag.OUT, "bent toe link")
    deleted, _ = services.delete_lap(world.uow(), lap.id)
    with pytest.raises(NotFoundError):
        services.delete_lap(world.uow(), lap.id)
    services.restore_lap(world.uow(), deleted)
    with world.uow() as uow:
        assert uow.laps.list_for_session(world.practice.id) == [deleted]


def test_editing_a_lap_keeps_its_flag_and_note(world):
    lap, _ = services.log_lap(world.uow(), world.practice.id, "98", "33.100")
    services.flag_lap(world.uow(), lap.id, LapFlag.IN)
    edited, _ = services.edit_lap(world.uow(), lap.id, "33.010", car_text="11")
    assert (edited.car_number, edited.lap_ms, edited.flag) == ("11", 33_010, LapFlag.IN)


def test_practice_board_ranks_the_session_by_clean_best_lap(world):
    for car, time in (("98", "33.200"), ("11", "33.050"), ("1", "32.900")):
        services.log_lap(world.uow(), world.practice.id, car, time)
    fastest, _ = services.log_lap(world.uow(), world.practice.id, "98", "32.500")
    services.flag_lap(world.uow(), fastest.id, LapFlag.CAUTION)
    board = services.practice_board(world.uow(), world.practice.id)
    assert [row.car_number for row in board] == ["1", "11", "98"]


def test_sessions_follow_each_other_and_names_are_unique(world):
    qualifying, _ = services.add_session(
        world.uow(), world.event.id, SessionKind.QUALIFYING, "Qualifying"
    )
    assert qualifying.order == 3
    with pytest.raises(DuplicateError):
        services.add_session(world.uow(), world.event.id, SessionKind.PRACTICE, "practice")


def test_a_cancelled_session_takes_no_laps_until_reopened(world):
    services.set_session_cancelled(world.uow(), world.practice.id, True)
    with pytest.raises(ValidationError, match="cancelled"):
        services.log_lap(world.uow(), world.practice.id, "98", "33.000")
    reopened, _ = services.set_session_cancelled(world.uow(), world.practice.id, False)
    assert not reopened.cancelled


def test_a_failed_use_case_leaves_the_store_as_it_was(world):
    before = world.store.commits
    with pytest.raises(DuplicateError):
        services.add_entry(world.uow(), world.event.id, "77", "Ty Majeski", team="T", make="Ford")
    with world.uow() as uow:
        assert not uow.drivers.find_by_name("Ty Majeski")[1:]
    assert world.store.commits == before


def test_lap_corrections_flags_notes_and_deletions_are_kept_in_the_history(world):
    lap, _ = services.log_lap(world.uow(), world.practice.id, "11", "31.234")
    services.edit_lap(world.uow(), lap.id, "31.243")
    services.flag_lap(world.uow(), lap.id, LapFlag.OUT)
    services.set_lap_note(world.uow(), lap.id, "bent toe link")
    gone, _ = services.delete_lap(world.uow(), lap.id)
    services.restore_lap(world.uow(), gone)
    with world.uow() as uow:
        laps = [r for r in uow.history.newest_first(world.event.id) if r.subject.startswith("Lap")]
    shown = [(r.field_name, r.old_value, r.new_value) for r in reversed(laps)]
    assert shown[:3] == [
        ("lap ms", "31.234", "31.243"),
        ("flag", "", "out"),
        ("note", "", "bent toe link"),
    ]
    assert [field for field, _, _ in shown[3:]] == ["deleted", "added"]
    assert "lap ms 31.243" in shown[3][1] and laps[0].subject == "Lap No. 11, Practice"
    assert laps[0].why == "put back"
