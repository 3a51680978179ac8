"""NASCAR's files stored through the use cases: all or nothing, idempotent, reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.feeds import FeedFile, LapTimesFeed, LiveSnapshot
from domain.lap_ids import numbered_lap_id
from domain.model import LapFlag, Penalty, SessionKind
from domain.progress import ImportCancelledError
from domain.services.cross_check import verify_points
from domain.services.feed_import import import_feeds
from persistence.feeds import parse_feed_bytes, read_feed
from persistence.storage import SqlStorage, open_storage

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "feeds"
MARTINSVILLE = "cup-2020-martinsville"


def add_user_pack(data_dir: Path, key: str, like: str = "cup-2023") -> None:
    """A user's own pack, as docs/RULE_PACKS.md says to make one: copy the nearest, change it."""
    season = key.rsplit("-", 1)[1]
    text = (ROOT / "resources" / "rulesets" / f"{like}.toml").read_text(encoding="utf-8")
    text = text.replace(f"season = {like.rsplit('-', 1)[1]}", f"season = {season}", 1)
    folder = data_dir / "rulesets"
    folder.mkdir(exist_ok=True)
    (folder / f"{key}.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def storage(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SqlStorage]:
    """An empty file (or server schema) whose user keeps a cup-2020 pack (none is shipped)."""
    monkeypatch.setenv("TRACKSIDE_DATA_DIR", str(tmp_path))
    add_user_pack(tmp_path, "cup-2020")
    opened = open_storage(database)
    yield opened
    opened.close()


def feed(name: str) -> FeedFile:
    return read_feed(FIXTURES / name)


def run(storage: SqlStorage, *names: str, event_key: str | None = None):
    return import_feeds(
        storage.uow_factory(), storage.rulesets, [feed(n) for n in names], event_key=event_key
    )


def counts(storage: SqlStorage) -> dict[str, int]:
    with storage.engine.connect() as connection:
        return {
            table: connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one()
            for table in ("events", "entries", "race_results", "laps", "nascar_points", "seasons")
        }


def test_a_weekend_feed_creates_its_season_and_event_with_entries_results_and_points(storage):
    reports, changes = run(storage, "martinsville-2020-weekend-feed.json")

    (report,) = reports
    assert report.event_key == MARTINSVILLE
    assert "created the event cup-2020-martinsville" in report.summary
    assert "Qualifying was cancelled (every time is 0)" in report.summary
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(MARTINSVILLE)
        assert event.track.length_millimiles == 526
        entries = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
        results = {r.car_number: r for r in uow.results.list_for_event(event.id)}
        qualifying = [
            s for s in uow.sessions.list_for_event(event.id) if s.kind is SessionKind.QUALIFYING
        ]
        points = {p.car_number: p.race_points for p in uow.nascar_points.list_for_event(event.id)}
    assert sorted(entries) == ["12", "19", "2", "22", "88", "9"]
    assert entries["19"].team == "Joe Gibbs Racing" and entries["19"].make == "Toyota"
    assert (results["19"].finish, results["22"].stage1, results["22"].stage2) == (1, 1, 3)
    assert "Qualifying" in [s.name for s in qualifying]
    assert all(s.cancelled for s in qualifying)  # COVID-19 2020: no qualifying at all
    assert points["22"] == 51
    assert ("cup", 2020) in changes.seasons
    assert [e.key for e in changes.events.added] == [MARTINSVILLE]


def test_importing_the_same_weekend_feed_again_adds_nothing(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    before = counts(storage)

    (report,), changes = run(storage, "martinsville-2020-weekend-feed.json")

    assert counts(storage) == before
    assert (report.added, report.updated) == (0, 0) and report.unchanged == 12
    assert not changes.entries and not changes.results and not changes.events


def test_a_season_without_a_rule_pack_is_refused_and_nothing_is_stored(storage):
    storage.rulesets.pop("cup-2020")

    with pytest.raises(Exception, match="There is no rule pack for cup-2020"):
        run(storage, "martinsville-2020-weekend-feed.json")

    assert counts(storage)["events"] == 0


def test_lap_times_with_their_weekend_feed_store_every_lap_and_flag_the_cautions(storage):
    (_, report), changes = run(
        storage, "martinsville-2020-lap-times.json", "martinsville-2020-weekend-feed.json"
    )

    assert report.added == 90  # 6 cars × laps 1–15
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(MARTINSVILLE)
        race = next(s for s in uow.sessions.list_for_event(event.id) if s.name == "Race")
        laps = uow.laps.list_for_session(race.id)
    truex = [lap for lap in laps if lap.car_number == "19"]
    assert [lap.lap_number for lap in truex] == list(range(1, 16))
    assert {lap.lap_number for lap in truex if lap.flag is LapFlag.CAUTION} == set(range(4, 12))
    assert changes.reloaded_events == frozenset() and len(changes.laps.added) == 90
    # Ids made from (session, car, lap number): two laptops importing the file store it once.
    assert all(lap.id == numbered_lap_id(race.id, "19", lap.lap_number) for lap in truex)


def test_lap_times_again_and_a_newer_snapshot_never_double_a_lap(storage):
    run(storage, "martinsville-2020-weekend-feed.json", "martinsville-2020-lap-times.json")
    before = counts(storage)["laps"]

    (report,), _ = run(storage, "martinsville-2020-lap-times.json", event_key=MARTINSVILLE)

    assert (report.added, report.unchanged) == (0, 90)
    assert counts(storage)["laps"] == before


def test_lap_times_alone_say_which_event_they_need(storage):
    with pytest.raises(ValidationError, match="does not say which race it is: pass --event"):
        run(storage, "martinsville-2020-lap-times.json")


def test_a_car_missing_from_the_entry_list_refuses_the_whole_file(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    lap_times = feed("martinsville-2020-lap-times.json")
    assert isinstance(lap_times, LapTimesFeed)
    stranger = replace(lap_times.cars[0], car_number="99")
    bad = replace(lap_times, cars=(*lap_times.cars, stranger))
    before = counts(storage)

    with pytest.raises(ValidationError, match=r"No\. 99 .* is not on the entry list of cup-2020"):
        import_feeds(storage.uow_factory(), storage.rulesets, [bad], event_key=MARTINSVILLE)

    assert counts(storage) == before


def test_live_snapshots_add_the_laps_completed_since_and_refuse_an_older_one(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    (first,), _ = run(storage, "martinsville-2020-live-feed-lap447.json", event_key=MARTINSVILLE)
    (second,), _ = run(storage, "martinsville-2020-live-feed-lap450.json", event_key=MARTINSVILLE)
    (again,), _ = run(storage, "martinsville-2020-live-feed-lap450.json", event_key=MARTINSVILLE)

    assert first.added == 12  # each car's lap 447 and its best lap
    assert second.added == 6  # the lap each car completed last (449 or 450)
    assert (again.added, again.updated) == (0, 0)
    with pytest.raises(ValidationError, match="older than the snapshot already imported"):
        run(storage, "martinsville-2020-live-feed-lap447.json", event_key=MARTINSVILLE)
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(MARTINSVILLE)
        race = next(s for s in uow.sessions.list_for_event(event.id) if s.name == "Race")
        truex = [lap for lap in uow.laps.list_for_session(race.id) if lap.car_number == "19"]
    assert [(lap.lap_number, lap.lap_ms) for lap in truex] == [
        (406, 20_157),
        (447, 21_267),
        (450, 21_296),
    ]


def test_a_snapshot_of_another_series_or_a_series_without_a_pack_is_refused(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    practice = feed("live-feed-practice-2019.json")
    assert isinstance(practice, LiveSnapshot)

    with pytest.raises(ValidationError, match="is a xfinity live feed but cup-2020-martinsville"):
        import_feeds(storage.uow_factory(), storage.rulesets, [practice], event_key=MARTINSVILLE)
    with pytest.raises(ValidationError, match=r"series id 999 .* no rule pack in Trackside"):
        import_feeds(
            storage.uow_factory(),
            storage.rulesets,
            [replace(practice, series_id=999)],
            event_key=MARTINSVILLE,
        )


def test_the_cross_check_agrees_and_names_a_penalty_nascar_applied(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    assert verify_points(storage.uow_factory, MARTINSVILLE, storage.rulesets).summary == (
        "Trackside agrees with NASCAR on 6 of 6 cars"
    )
    data = json.loads((FIXTURES / "martinsville-2020-weekend-feed.json").read_text())
    logano = next(r for r in data["weekend_race"][0]["results"] if r["car_number"] == "22")
    logano["points_earned"] = 41  # as if NASCAR had taken 10 points
    penalised = parse_feed_bytes(json.dumps(data).encode(), "weekend-feed.json")
    import_feeds(storage.uow_factory(), storage.rulesets, [penalised])

    check = verify_points(storage.uow_factory, MARTINSVILLE, storage.rulesets)

    assert check.summary == (
        "Trackside agrees with NASCAR on 5 of 6 cars; "
        "No. 22: NASCAR 41, Trackside 51 — a 10-point penalty is not entered"
    )
    with storage.uow_factory() as uow:  # NASCAR's number is kept, never copied into a result
        event = uow.events.get_by_key(MARTINSVILLE)
        uow.penalties.add(
            Penalty(event_id=event.id, car_number="22", driver_points=10, reason="L1")
        )
        uow.commit()
    assert verify_points(storage.uow_factory, MARTINSVILLE, storage.rulesets).agreed == 6


def test_a_finisher_nascar_gave_no_points_is_pointed_out(storage):
    (report,), _ = run(storage, "richmond-2023-weekend-feed.json")

    assert "No. 9 (Josh Berry) scored 0 points at NASCAR" in report.summary
    check = verify_points(storage.uow_factory, "cup-2023-richmond", storage.rulesets)
    assert [d.car_number for d in check.differences] == ["9"]
    assert "may not be points-eligible here (mark the entry (i))" in check.summary


def test_a_race_list_creates_the_events_of_seasons_with_a_pack(storage):
    (report,), changes = run(storage, "race_list_basic-2023.json")

    assert "6 events created, 0 already there" in report.summary
    assert {(e.series, e.season) for e in changes.events.added} == {
        ("cup", 2023),
        ("xfinity", 2023),
        ("truck", 2023),
    }
    (again,), _ = run(storage, "race_list_basic-2023.json")
    assert "0 events created, 6 already there" in again.summary


def test_a_schedule_of_a_season_without_a_pack_is_reported_not_imported(storage):
    del storage.rulesets["cup-2026"]  # as a season Trackside has no rule pack for
    (report,), changes = run(storage, "schedule-feed-2026.json")

    assert "2 races of cup 2026 not imported: no rule pack for it" in report.summary
    assert not changes.events


def test_a_schedule_race_with_no_length_refuses_the_whole_file(storage):
    before = counts(storage)
    with pytest.raises(ValidationError, match="does not give Sonoma Raceway's length"):
        run(storage, "schedule-feed-2026.json")
    assert counts(storage) == before


def test_2019_entry_list_and_live_qualifying_land_in_the_event_given(storage):
    run(storage, "race_list_basic-2023.json")
    key = "xfinity-2023-richmond"

    (entries, qualifying), _ = run(
        storage, "entryList-2019.json", "live-qualifying-data-2019.json", event_key=key
    )

    assert entries.added == 6
    assert "'Qualifying Round 2' → session Qualifying Round 2" in qualifying.summary
    assert "No. 89 made the field on owner points" in qualifying.summary
    assert qualifying.added == 6


def test_a_flag_log_flags_the_stored_race_laps_run_under_caution(storage):
    run(storage, "martinsville-2020-weekend-feed.json", "martinsville-2020-lap-times.json")
    log = parse_feed_bytes(
        json.dumps(
            [{"lap_number": 14, "flag_state": 2, "elapsed_time": 1.0, "comment": "Debris"}]
        ).encode(),
        "live-flag-data.json",
    )
    (report,), _ = import_feeds(
        storage.uow_factory(), storage.rulesets, [log], event_key=MARTINSVILLE
    )

    assert "1 laps under caution; 6 stored laps flagged" in report.summary


@pytest.mark.parametrize("name", ["live-pit-data-2026.json", "loopstats-2026.json"])
def test_files_trackside_does_not_use_are_reported_not_used(storage, name):
    (report,), changes = run(storage, name)

    assert "not used:" in report.summary and not changes


def test_cancelling_rolls_back_every_file_of_the_batch(storage):
    def cancel_on_second(done: int, total: int) -> None:
        if done == 1:
            raise ImportCancelledError("Import cancelled; nothing was imported.")

    files = [feed("martinsville-2020-weekend-feed.json"), feed("martinsville-2020-lap-times.json")]
    with pytest.raises(ImportCancelledError):
        import_feeds(storage.uow_factory(), storage.rulesets, files, progress=cancel_on_second)

    assert counts(storage) == {k: 0 for k in counts(storage)}


def test_a_newer_weekend_feed_that_swaps_two_finishers_updates_both(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    data = json.loads((FIXTURES / "martinsville-2020-weekend-feed.json").read_text())
    results = {r["car_number"]: r for r in data["weekend_race"][0]["results"]}
    results["19"]["finishing_position"], results["12"]["finishing_position"] = 2, 1
    newer = parse_feed_bytes(json.dumps(data).encode(), "weekend-feed.json")

    (report,), changes = import_feeds(storage.uow_factory(), storage.rulesets, [newer])

    assert report.updated == 2 and len(changes.results.changed) == 2
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(MARTINSVILLE)
        order = [r.car_number for r in uow.results.list_for_event(event.id)]
    assert order[:2] == ["12", "19"]


def test_rained_out_qualifying_cancels_every_qualifying_session_of_the_event(storage):
    (report,), _ = run(storage, "richmond-2023-weekend-feed.json")

    with storage.uow_factory() as uow:
        event = uow.events.get_by_key("cup-2023-richmond")
        qualifying = [
            (s.name, s.cancelled)
            for s in uow.sessions.list_for_event(event.id)
            if s.kind is SessionKind.QUALIFYING
        ]
    assert qualifying == [
        ("Qualifying Group A", True),
        ("Qualifying Group B", True),
        ("Qualifying Final", True),
    ]
    assert "Qualifying Group B, Qualifying Final marked cancelled too" in report.summary


def test_a_lap_number_beyond_the_documented_range_refuses_the_file(storage):
    run(storage, "martinsville-2020-weekend-feed.json")
    data = json.loads((FIXTURES / "martinsville-2020-lap-times.json").read_bytes())
    data["laps"][0]["Laps"][1]["Lap"] = 2_001  # domain/bounds.py: a race is at most 2,000 laps
    lap_times = parse_feed_bytes(json.dumps(data).encode(), "lap-times.json")

    with pytest.raises(ValidationError, match=r"No\. 19's lap number '2001' is out of range"):
        import_feeds(storage.uow_factory(), storage.rulesets, [lap_times], event_key=MARTINSVILLE)

    assert counts(storage)["laps"] == 0
