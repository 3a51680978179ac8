"""NASCAR's files are recognised by their shape and read into plain values, or refused clearly."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.feeds import (
    FeedKind,
    FlagLog,
    LapAverages,
    LapTimesFeed,
    LiveSnapshot,
    PointsFeed,
    ScheduleFeed,
    UnusedFeed,
    WeekendFeed,
)
from domain.model import SessionKind
from persistence.feeds import parse_feed_bytes, read_feed
from persistence.feeds.names import feed_driver

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def fixture(name: str):
    return read_feed(FIXTURES / name)


def test_a_weekend_feed_gives_its_event_entries_cancelled_qualifying_and_results():
    feed = fixture("martinsville-2020-weekend-feed.json")

    assert isinstance(feed, WeekendFeed) and feed.kind is FeedKind.WEEKEND
    assert feed.event is not None
    assert (feed.event.series_id, feed.event.season, feed.event.name) == (
        1,
        2020,
        "Blue-Emu Maximum Pain Relief 500",
    )
    assert feed.event.track_length_millimiles == 526  # 263 miles / 500 laps
    assert feed.event.stage_laps == (130, 130, 240)
    assert sorted(e.car_number for e in feed.entries) == ["12", "19", "2", "22", "88", "9"]
    (qualifying,) = feed.runs
    assert qualifying.kind is SessionKind.QUALIFYING and qualifying.round_no == 1
    assert qualifying.cancelled  # COVID-19: every time is 0
    winner = min(feed.results, key=lambda r: r.finish)
    assert (winner.car_number, winner.driver.name, winner.points_earned) == (
        "19",
        "Martin Truex Jr",
        47,
    )
    logano = next(r for r in feed.results if r.car_number == "22")
    assert (logano.stage1, logano.stage2, logano.laps_led) == (1, 3, logano.laps_led)


def test_a_file_saved_with_a_byte_order_mark_and_a_url_line_reads_as_its_json():
    raw = (FIXTURES / "richmond-2023-weekend-feed.json").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfhttps://")

    feed = fixture("richmond-2023-weekend-feed.json")

    assert isinstance(feed, WeekendFeed) and feed.event is not None
    assert feed.event.name == "Toyota Owners 400"
    assert feed.runs[0].group == "A" and feed.runs[0].cancelled


def test_lap_times_keep_every_timed_lap_by_number_and_the_laps_under_caution():
    feed = fixture("martinsville-2020-lap-times.json")

    assert isinstance(feed, LapTimesFeed)
    assert len(feed.cars) == 6
    truex = next(c for c in feed.cars if c.car_number == "19")
    assert [n for n, _ in truex.laps] == list(range(1, 16))  # lap 0 is the grid, no time
    raw = json.loads((FIXTURES / "martinsville-2020-lap-times.json").read_text())
    seconds = next(c for c in raw["laps"] if c["Number"] == "19")["Laps"][1]["LapTime"]
    assert truex.laps[0][1] == int(Decimal(str(seconds)) * 1000)
    assert feed.caution_laps == frozenset(range(4, 12))


def test_a_lap_time_becomes_exact_milliseconds_without_float_rounding():
    data = {
        "laps": [
            {
                "Number": "07",
                "FullName": "* Josh Bilicki(i)",
                "NASCARDriverID": 1,
                "Laps": [{"Lap": 1, "LapTime": 16.463, "LapSpeed": "116.555"}],
            }
        ],
        "flags": [],
    }
    feed = parse_feed_bytes(json.dumps(data).encode(), "lap-times.json")

    assert isinstance(feed, LapTimesFeed)
    (car,) = feed.cars
    assert car.car_number == "07"  # text, zero kept
    assert car.laps == ((1, 16_463),)
    assert (car.driver.name, car.driver.ineligible, car.driver.open_marker) == (
        "Josh Bilicki",
        True,
        True,
    )


def test_the_no_time_sentinel_and_impossible_race_laps_are_left_out_and_counted():
    laps = [
        {"Lap": 1, "LapTime": 9999.999},
        {"Lap": 2, "LapTime": 6390.0},  # a red flag: a real lap of over an hour
        {"Lap": 3, "LapTime": 2.5},
    ]
    data = {"laps": [{"Number": "5", "FullName": "A", "Laps": laps}], "flags": []}

    feed = parse_feed_bytes(json.dumps(data).encode(), "lap-times.json")

    assert isinstance(feed, LapTimesFeed)
    assert feed.cars[0].laps == ((2, 6_390_000),)
    assert feed.skipped_laps == 2


@pytest.mark.parametrize(
    ("raw", "name", "flags"),
    [
        ("Shane Van Gisbergen #", "Shane Van Gisbergen", (True, False, False, False)),
        ("* Josh Bilicki(i)", "Josh Bilicki", (False, True, False, True)),
        ("Kyle Larson (P)", "Kyle Larson", (False, False, True, False)),
        ("Logano (C)", "Logano", (False, False, True, False)),
        ("Corey Heim(i) #", "Corey Heim", (True, True, False, False)),
    ],
)
def test_name_decorations_are_taken_off_and_kept_as_flags(raw, name, flags):
    driver = feed_driver(raw)

    assert driver.name == name
    assert (driver.rookie, driver.ineligible, driver.playoff, driver.open_marker) == flags


def test_a_live_feed_snapshot_gives_each_cars_last_and_best_lap():
    feed = fixture("martinsville-2020-live-feed-lap447.json")

    assert isinstance(feed, LiveSnapshot)
    assert (feed.kind, feed.lap_number, feed.track_length_millimiles) == (
        SessionKind.RACE,
        447,
        526,
    )
    truex = next(c for c in feed.cars if c.car_number == "19")
    assert (truex.laps_completed, truex.last_lap_ms, truex.best_lap_number, truex.best_lap_ms) == (
        447,
        21_267,
        406,
        20_157,
    )


def test_a_2019_practice_feed_without_run_type_is_practice_by_its_name():
    feed = fixture("live-feed-practice-2019.json")

    assert isinstance(feed, LiveSnapshot)
    assert feed.kind is SessionKind.PRACTICE and feed.series_id == 2


def test_2019_live_qualifying_keeps_each_round_and_the_owner_points_cars():
    feed = fixture("live-qualifying-data-2019.json")

    assert isinstance(feed, WeekendFeed) and feed.kind is FeedKind.LIVE_QUALIFYING
    assert [(r.run_name, r.round_no) for r in feed.runs] == [
        ("Qualifying Round 1", 1),
        ("Qualifying Round 2", 2),
    ]
    assert [r.comment for r in feed.runs[0].results] == ["OP", "OP", "OP"]


@pytest.mark.parametrize(
    ("name", "kind", "count"),
    [
        ("qualification-2019.json", FeedKind.QUALIFICATION, 4),
        ("entryList-2019.json", FeedKind.ENTRY_LIST, 6),
        ("raceResults-2019.json", FeedKind.RACE_RESULTS, 4),
    ],
)
def test_the_2019_files_are_recognised_by_their_fields(name, kind, count):
    feed = fixture(name)

    assert isinstance(feed, WeekendFeed) and feed.kind is kind
    assert len(feed.entries) + sum(len(r.results) for r in feed.runs) >= count


def test_a_race_list_and_a_schedule_feed_give_the_seasons_races():
    races = fixture("race_list_basic-2023.json")
    schedule = fixture("schedule-feed-2026.json")

    assert isinstance(races, ScheduleFeed) and len(races.races) == 6
    assert {r.series_id for r in races.races} == {1, 2, 3}
    assert isinstance(schedule, ScheduleFeed)
    assert {(r.name, r.race_date.isoformat()) for r in schedule.races} == {
        ("Toyota / Save Mart 350", "2026-06-28"),
        ("NASCAR Championship Race", "2026-11-08"),
    }


def test_standings_and_live_points_carry_nascars_points():
    standings = fixture("points-feed-2019.json")
    live = fixture("live-points-2023.json")

    assert isinstance(standings, PointsFeed) and standings.kind is FeedKind.STANDINGS
    assert standings.rows[0].season_points == 268
    assert isinstance(live, PointsFeed) and live.kind is FeedKind.LIVE_POINTS


def test_flag_logs_and_lap_averages_are_read_for_what_they_add():
    flags = fixture("live-flag-data-2026.json")
    averages = fixture("lap-averages-2023.json")

    assert isinstance(flags, FlagLog)
    assert isinstance(averages, LapAverages)
    assert averages.run.results[0].best_lap_ms == 133_124


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("live-pit-data-2026.json", FeedKind.PIT_DATA),
        ("loopstats-2026.json", FeedKind.LOOP_DATA),
        ("lap-notes-2023.json", FeedKind.LAP_NOTES),
        ("live-stage-points-2023.json", FeedKind.STAGE_POINTS),
        ("tracks-feed-2020.json", FeedKind.TRACKS),
        ("points-owners-2020.json", FeedKind.OWNER_STANDINGS),
        ("points-manufacturer-2020.json", FeedKind.MAKE_STANDINGS),
    ],
)
def test_the_kinds_trackside_does_not_use_are_recognised_and_say_why(name, kind):
    feed = fixture(name)

    assert isinstance(feed, UnusedFeed) and feed.kind is kind
    assert feed.reason


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "there is no JSON in it"),
        (b'{"weekend_race": [{"race_id": 1', "not complete JSON"),
        (b"\x89PNG\r\n\x1a\n", "not UTF-8 text"),
        (
            b'{"hello": 1, "world": 2}',
            "not a NASCAR file Trackside knows: it has keys hello, world",
        ),
        (b"[]", "empty list"),
        (b'[{"x": 1}]', "it has keys x"),
        (b"[" + b"1" * 5000 + b"]", "number too long"),
    ],
)
def test_bad_files_get_a_clear_message_and_are_left_untouched(tmp_path, content, message):
    path = tmp_path / "feed.json"
    path.write_bytes(content)

    with pytest.raises(ValidationError, match=message):
        read_feed(path)

    assert path.read_bytes() == content


def test_an_idle_live_feed_with_no_cars_is_refused_with_the_reason():
    with pytest.raises(ValidationError, match="idle live feed: no cars"):
        fixture("live-feed-idle.json")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("laps_completed", "many", "'laps_completed' should be a number"),
        ("laps_completed", -3, "whole number of at least 0"),
        ("laps_led", 9999, "laps_led .* is more than laps_completed"),
        ("car_number", "1x", "not a car number"),
        ("car_number", None, "Enter a car number"),
    ],
)
def test_bad_numbers_in_a_weekend_feed_name_the_row(field, value, message):
    data = json.loads((FIXTURES / "martinsville-2020-weekend-feed.json").read_text())
    data["weekend_race"][0]["results"][2][field] = value

    with pytest.raises(ValidationError, match=message) as refused:
        parse_feed_bytes(json.dumps(data).encode(), "weekend-feed.json")

    assert "weekend-feed.json" in str(refused.value) and "results[2]" in str(refused.value)


def test_string_numbers_are_read_as_numbers():
    data = json.loads((FIXTURES / "martinsville-2020-weekend-feed.json").read_text())
    data["weekend_race"][0]["results"][0]["laps_completed"] = "500"

    feed = parse_feed_bytes(json.dumps(data).encode(), "weekend-feed.json")

    assert isinstance(feed, WeekendFeed)
    assert feed.results[0].laps == 500
