"""Seasons, tracks and events from an empty store: sessions from the pack, keys, undo, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from domain import services
from domain.errors import DuplicateError, NotFoundError, RuleSetError, ValidationError
from domain.model import Driver, Lap, RaceResult, SessionKind, TrackKind
from domain.rules.schedule import SessionPlan
from domain.services import EventEdit, EventSpec, TrackSpec, imports
from domain.services.import_cells import ImportRow, ImportTable
from tests.domain.rulesets_for_tests import CUP_2023, CUP_2025, TRUCK_2023
from tests.fakes import FakeStore, fake_uow_factory

RULESETS = {"cup-2025": CUP_2025, "cup-2023": CUP_2023, "truck-2023": TRUCK_2023}
CHICAGO = TrackSpec(name="Chicago Street Course", length_miles="2.2", kind=TrackKind.STREET)


def _chicago(**changes: object) -> EventSpec:
    fields: dict[str, object] = {
        "series": "cup",
        "season": 2025,
        "name": "Grant Park 165",
        "track": CHICAGO,
        "start_date": date(2025, 7, 5),
        "end_date": date(2025, 7, 6),
        "round_no": 19,
    }
    fields.update(changes)
    return EventSpec(**fields)  # type: ignore[arg-type]


@pytest.fixture
def uow():
    factory = fake_uow_factory(FakeStore())
    services.add_season(factory(), RULESETS, "cup", 2025)
    return factory


def _names(uow, key: str) -> list[str]:
    with uow() as work:
        event = work.events.get_by_key(key)
        return [s.name for s in work.sessions.list_for_event(event.id)]


def test_a_season_takes_its_name_from_its_pack_and_says_it_changed() -> None:
    uow = fake_uow_factory(FakeStore())
    season, changes = services.add_season(uow(), RULESETS, "Cup", 2023)
    assert (season.series, season.season, season.name) == ("cup", 2023, "NASCAR Cup Series 2023")
    assert changes.seasons == frozenset({("cup", 2023)})


def test_a_season_without_a_pack_is_refused_with_the_packs_there_are_and_how_to_add_one() -> None:
    uow = fake_uow_factory(FakeStore())
    with pytest.raises(RuleSetError) as refused:
        services.add_season(uow(), RULESETS, "cup", 2027)
    message = str(refused.value)
    assert "no rule pack for cup-2027" in message
    assert "cup-2023, cup-2025, truck-2023" in message
    assert "cup-2027.toml" in message


def test_the_oreilly_series_is_the_xfinity_series() -> None:
    assert services.series_token("OReilly") == "xfinity"


def test_a_season_added_twice_is_refused(uow) -> None:
    with pytest.raises(DuplicateError, match="cup 2025 season already exists"):
        services.add_season(uow(), RULESETS, "cup", 2025)


def test_a_street_course_event_gets_practice_two_qualifying_groups_and_the_race(uow) -> None:
    event, changes = services.add_event(uow(), RULESETS, _chicago())
    assert event.key == "cup-2025-chicago"
    assert _names(uow, event.key) == [
        "Practice",
        "Qualifying Group A",
        "Qualifying Group B",
        "Race",
    ]
    assert [t.name for t in changes.tracks.added] == ["Chicago Street Course"]
    assert changes.events.added == (event,)
    assert [s.group for s in changes.sessions.added] == [None, "A", "B", None]


def test_a_superspeedway_event_gets_a_first_round_and_a_final(uow) -> None:
    daytona = TrackSpec(name="Daytona", length_miles="2.5", kind=TrackKind.SUPERSPEEDWAY)
    event, changes = services.add_event(
        uow(), RULESETS, _chicago(name="Daytona 500", track=daytona, round_no=1, practices=2)
    )
    assert _names(uow, event.key) == [
        "Practice",
        "Practice 2",
        "Qualifying Round 1",
        "Qualifying Final",
        "Race",
    ]
    assert [s.round_no for s in changes.sessions.added] == [1, 1, 1, 2, 1]


def test_a_2023_cup_road_course_runs_groups_then_a_final() -> None:
    uow = fake_uow_factory(FakeStore())
    services.add_season(uow(), RULESETS, "cup", 2023)
    cota = TrackSpec(name="Circuit of the Americas", length_miles="3.41", kind=TrackKind.ROAD)
    event, _ = services.add_event(
        uow(), RULESETS, _chicago(season=2023, name="EchoPark Texas GP", track=cota)
    )
    assert event.key == "cup-2023-americas"
    assert _names(uow, event.key)[1:4] == [
        "Qualifying Group A",
        "Qualifying Group B",
        "Qualifying Final",
    ]


def test_a_dirt_track_runs_the_packs_short_track_format(uow) -> None:
    dirt = TrackSpec(name="Bristol Dirt", length_miles="0.533", kind=TrackKind.DIRT)
    event, _ = services.add_event(uow(), RULESETS, _chicago(name="Food City", track=dirt))
    assert _names(uow, event.key) == ["Practice", "Qualifying", "Race"]


def test_a_second_event_at_a_track_in_one_season_gets_its_name_in_the_key(uow) -> None:
    services.add_event(uow(), RULESETS, _chicago())
    second, _ = services.add_event(
        uow(),
        RULESETS,
        _chicago(name="Coca-Cola 600", round_no=20, track=TrackSpec(name=CHICAGO.name)),
    )
    assert second.key == "cup-2025-chicago-coca-cola-600"
    assert second.track.length_millimiles == 2200  # the stored track, reused


def test_the_round_defaults_to_the_next_one_and_a_one_day_event_ends_the_day_it_starts(
    uow,
) -> None:
    services.add_event(uow(), RULESETS, _chicago())
    later, _ = services.add_event(
        uow(),
        RULESETS,
        _chicago(name="Sonoma", key="cup-2025-sonoma", round_no=None, end_date=None),
    )
    assert later.round_no == 20
    assert later.end_date == later.start_date


def test_the_user_may_choose_the_sessions(uow) -> None:
    plan = [
        SessionPlan(SessionKind.PRACTICE, "Practice"),
        SessionPlan(SessionKind.QUALIFYING, "Qualifying"),
        SessionPlan(SessionKind.RACE, "Race"),
    ]
    event, _ = services.add_event(uow(), RULESETS, _chicago(sessions=plan))
    assert _names(uow, event.key) == ["Practice", "Qualifying", "Race"]


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"end_date": date(2025, 7, 4)}, ValidationError, "before the start date"),
        ({"series": "indycar"}, NotFoundError, "no indycar 2025 season"),
        ({"season": 2027}, NotFoundError, "add-season cup 2027"),
        (
            {"track": TrackSpec(name="X", length_miles="0", kind=TrackKind.OVAL)},
            ValidationError,
            "more than 0 miles",
        ),
        (
            {"track": TrackSpec(name="X", length_miles="7.5", kind=TrackKind.OVAL)},
            ValidationError,
            "longer than any track",
        ),
        (
            {"track": TrackSpec(name="X", length_miles="1,5", kind=TrackKind.OVAL)},
            ValidationError,
            "not a track length",
        ),
        ({"track": TrackSpec(name="Nowhere")}, ValidationError, "new track: give its length"),
        ({"key": "Cup 2025 Chicago"}, ValidationError, "not an event key"),
        ({"name": "  "}, ValidationError, "event's name"),
        (
            {
                "sessions": [
                    SessionPlan(SessionKind.PRACTICE, "Practice"),
                    SessionPlan(SessionKind.PRACTICE, "practice"),
                ]
            },
            ValidationError,
            "used twice",
        ),
    ],
    ids=[
        "end before start",
        "unknown series",
        "season not added",
        "zero length",
        "absurd length",
        "comma length",
        "new track without length",
        "bad key",
        "no name",
        "session name twice",
    ],
)
def test_bad_input_is_refused_with_what_to_fix_and_nothing_is_half_created(
    uow, changes: dict[str, object], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        services.add_event(uow(), RULESETS, _chicago(**changes))
    with uow() as work:
        assert work.events.all() == [] and work.tracks.all() == []


def test_a_duplicate_event_key_is_refused(uow) -> None:
    services.add_event(uow(), RULESETS, _chicago())
    with pytest.raises(DuplicateError, match="key cup-2025-chicago is already used"):
        services.add_event(uow(), RULESETS, _chicago(round_no=20, key="cup-2025-chicago"))


def test_a_round_already_taken_by_a_points_race_is_refused(uow) -> None:
    services.add_event(uow(), RULESETS, _chicago())
    with pytest.raises(DuplicateError, match="Round 19 of cup 2025 is already Grant Park 165"):
        services.add_event(uow(), RULESETS, _chicago(key="cup-2025-other"))


def test_a_stored_track_with_another_length_is_refused(uow) -> None:
    services.add_event(uow(), RULESETS, _chicago())
    other = TrackSpec(name="chicago street course", length_miles="2.4")
    with pytest.raises(ValidationError, match=r"stored as 2\.2 miles, not 2\.4"):
        services.add_event(uow(), RULESETS, _chicago(round_no=20, track=other))


def test_an_event_is_renamed_moved_and_rekeyed_while_nothing_refers_to_it(uow) -> None:
    event, _ = services.add_event(uow(), RULESETS, _chicago())
    edit = EventEdit(name="Chicago Street Race", key="cup-2025-grant-park", round_no=18)
    edited, changes = services.edit_event(uow(), event.id, edit)
    assert (edited.name, edited.key, edited.round_no) == (
        "Chicago Street Race",
        "cup-2025-grant-park",
        18,
    )
    assert changes.events.changed == (edited,)
    assert services.find_event(uow(), "cup-2025-grant-park").id == event.id


def test_a_key_that_laps_refer_to_never_changes(uow) -> None:
    event, changes = services.add_event(uow(), RULESETS, _chicago())
    with uow() as work:
        work.laps.add(Lap(session_id=changes.sessions.added[0].id, car_number="1", lap_ms=90000))
        work.commit()
    with pytest.raises(ValidationError, match="key cannot change"):
        services.edit_event(uow(), event.id, EventEdit(key="cup-2025-other"))


def test_deleting_an_event_takes_every_row_and_undo_brings_each_back(uow) -> None:
    event, changes = services.add_event(uow(), RULESETS, _chicago())
    with uow() as work:
        work.laps.add(Lap(session_id=changes.sessions.added[0].id, car_number="1", lap_ms=90000))
        driver = Driver(name="Ross Chastain")
        work.drivers.add(driver)
        work.results.add(
            RaceResult(event_id=event.id, car_number="1", driver_id=driver.id, finish=1)
        )
        work.commit()
    contents = services.event_contents(uow(), event.id)
    assert contents.holds_data and contents.describe() == "1 lap, 1 result"
    snapshot, removed = services.delete_event(uow(), event.id)
    assert removed.events.removed == (event,)
    with uow() as work:
        assert work.events.all() == [] and work.laps.all() == [] and work.results.all() == []
    services.restore_event(uow(), snapshot)
    assert services.event_contents(uow(), event.id) == contents


def test_deleting_a_season_takes_its_events_and_undo_brings_them_back(uow) -> None:
    event, _ = services.add_event(uow(), RULESETS, _chicago())
    snapshot, changes = services.delete_season(uow(), "cup", 2025)
    assert changes.events.removed == (event,)
    with uow() as work:
        assert work.seasons.all() == [] and work.events.all() == []
    services.restore_season(uow(), snapshot)
    assert services.find_event(uow(), event.key) == event


def test_editing_a_tracks_length_changes_every_event_held_there(uow) -> None:
    event, _ = services.add_event(uow(), RULESETS, _chicago())
    track, changes = services.edit_track(
        uow(),
        event.track.id,
        name="Chicago Street Course",
        length_miles="2.14",
        kind=TrackKind.STREET,
    )
    assert track.length_millimiles == 2140
    assert [e.track.length_millimiles for e in changes.events.changed] == [2140]
    assert services.find_event(uow(), event.key).track.length_millimiles == 2140


def test_sessions_are_renamed_and_reordered_and_a_removed_one_comes_back_with_its_laps(
    uow,
) -> None:
    event, changes = services.add_event(uow(), RULESETS, _chicago())
    practice = changes.sessions.added[0]
    services.rename_session(uow(), practice.id, "Practice 1")
    with pytest.raises(DuplicateError, match="already has a session named “race”"):
        services.rename_session(uow(), practice.id, "race")
    services.move_session(uow(), changes.sessions.added[2].id, -1)
    assert _names(uow, event.key) == [
        "Practice 1",
        "Qualifying Group B",
        "Qualifying Group A",
        "Race",
    ]
    with pytest.raises(ValidationError, match="already the first session"):
        services.move_session(uow(), practice.id, -1)
    with uow() as work:
        work.laps.add(Lap(session_id=practice.id, car_number="1", lap_ms=90000))
        work.commit()
    assert services.session_lap_count(uow(), practice.id) == 1
    snapshot, removed = services.remove_session(uow(), practice.id)
    assert len(removed.laps.removed) == 1 and _names(uow, event.key)[0] == "Qualifying Group B"
    services.restore_session(uow(), snapshot)
    assert _names(uow, event.key)[0] == "Practice 1"
    assert services.session_lap_count(uow(), practice.id) == 1


def _table(text: str) -> ImportTable:
    lines = text.strip().splitlines()
    columns = tuple(lines[0].split(","))
    rows = tuple(
        ImportRow(line=n, cells=dict(zip(columns, line.split(","), strict=True)))
        for n, line in enumerate(lines[1:], start=2)
    )
    return ImportTable(source="laps.csv", columns=columns, rows=rows)


def test_imported_laps_are_refused_where_typed_ones_are(uow) -> None:
    event, changes = services.add_event(uow(), RULESETS, _chicago())
    services.add_entry(uow(), event.id, "1", "Ross Chastain", team="Trackhouse", make="Chevrolet")
    services.add_entry(uow(), event.id, "2", "Austin Cindric", team="Penske", make="Ford")
    with uow() as work:
        entry = work.entries.find_for_car(event.id, "2")
    services.withdraw_entry(uow(), entry.id)
    services.set_session_cancelled(uow(), changes.sessions.added[1].id, True)

    with pytest.raises(ValidationError, match=r"line 2: No\. 2 has withdrawn from this event"):
        imports.import_laps(uow(), event.key, _table("session,car,time\nPractice,2,90.1"))
    with pytest.raises(ValidationError, match="line 2: Qualifying Group A is marked cancelled"):
        imports.import_laps(uow(), event.key, _table("session,car,time\nQualifying Group A,1,90.1"))
    with uow() as work:
        assert work.laps.all() == []
