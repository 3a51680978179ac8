"""`standings SERIES SEASON --after ROUND`: the Chase's seeds and resets from the command line."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from domain.model import Driver, Entry, RaceResult
from persistence.storage import create_database, open_storage
from tests.chase_2026 import UNAPPROVED_ABSENCE, cup_2026_events, store_cup_2026
from tests.cli.test_cli import trackside

SEED_RESETS = [2100, 2075, 2065, *range(2060, 1995, -5)]


@pytest.fixture(scope="module")
def cup_2026_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An illustrative Cup 2026 season with results in races 1-30."""
    path = tmp_path_factory.mktemp("chase") / "cup2026.db"
    create_database(str(path), demo=False)
    storage = open_storage(str(path))
    try:
        store_cup_2026(storage.uow_factory(), races_run=30)
    finally:
        storage.close()
    return path


def _rows(db: Path, *args: str) -> list[dict[str, str]]:
    done = trackside(db, "standings", "cup", "2026", *args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_after_26_gives_the_regular_season_final_with_seeds_and_resets(cup_2026_db: Path):
    rows = _rows(cup_2026_db, "--after", "26")
    chase = [row for row in rows if row["seed"]]
    assert len(chase) == 16
    by_seed = sorted(chase, key=lambda row: int(row["seed"]))
    # Seeds follow regular-season points; each seed restarts at its reset total.
    assert [int(r["season_points"]) for r in by_seed] == sorted(
        (int(r["season_points"]) for r in by_seed), reverse=True
    )
    unapproved = UNAPPROVED_ABSENCE[0]
    for row in by_seed:
        expected = 2000 if row["driver"] == unapproved else SEED_RESETS[int(row["seed"]) - 1]
        assert (int(row["reset_points"]), int(row["points"])) == (expected, expected)
        assert row["status"] == "in" and row["round"] == "Chase"
    outside = [row for row in rows if not row["seed"]]
    assert all(int(r["points"]) == int(r["season_points"]) for r in outside)
    assert max(int(r["season_points"]) for r in outside) <= min(
        int(r["season_points"]) for r in chase if r["driver"] != unapproved
    )
    assert [r["position"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]


def test_after_27_adds_race_27s_points_to_the_reset_totals(cup_2026_db: Path):
    before = {row["driver"]: row for row in _rows(cup_2026_db, "--after", "26")}
    after = _rows(cup_2026_db, "--after", "27")
    for row in after:
        earned = int(row["season_points"]) - int(before[row["driver"]]["season_points"])
        if row["seed"]:
            assert row["reset_points"] == before[row["driver"]]["reset_points"]
            assert int(row["points"]) == int(row["reset_points"]) + earned
            assert int(row["since_reset"]) == earned
        else:
            assert int(row["points"]) == int(row["season_points"])
    chase_points = [int(row["points"]) for row in after if row["seed"]]
    assert chase_points == sorted(chase_points, reverse=True)


def test_the_json_format_has_the_same_rows_with_numbers_as_numbers(cup_2026_db: Path):
    done = trackside(cup_2026_db, "standings", "cup", "2026", "--after", "28", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["position"] == 1 and rows[0]["seed"] is not None
    assert isinstance(rows[0]["points"], int) and rows[-1]["seed"] is None


def test_the_table_says_where_the_chase_stands(cup_2026_db: Path):
    done = trackside(cup_2026_db, "standings", "cup", "2026", "--after", "29")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "NASCAR Cup Series 2026: driver standings after race 29. The Chase: 3 of 10 races run."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cup", "2026", "--after", "37"), "cup 2026 has races 1 to 36, not 37."),
        (("cup", "2026", "--after", "0"), "--after takes a race number (1 or more), not 0."),
        (("cup", "2027", "--after", "3"), "no events for cup 2027"),
        (("cup-2026-r01", "--after", "3"), "--after needs a series and a season"),
    ],
)
def test_a_bad_after_is_refused_with_one_line(cup_2026_db: Path, args, message):
    done = trackside(cup_2026_db, "standings", *args)
    assert done.returncode == 1
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_oreilly_finds_the_xfinity_series_by_either_name(tmp_path: Path):
    path = tmp_path / "oreilly.db"
    create_database(str(path), demo=False)
    storage = open_storage(str(path))
    event = replace(cup_2026_events()[0], key="xfinity-2026-daytona", series="xfinity")
    hill = Driver(name="Austin Hill")
    try:
        with storage.uow_factory() as uow:
            uow.tracks.add(event.track)
            uow.events.add(event)
            uow.drivers.add(hill)
            uow.entries.add(
                Entry(event_id=event.id, car_number="21", driver_id=hill.id, team="RCR",
                      owner="Richard Childress", make="Chevrolet")
            )  # fmt: skip
            uow.results.add(RaceResult(event_id=event.id, car_number="21", driver_id=hill.id,
                                       finish=1))  # fmt: skip
            uow.commit()
    finally:
        storage.close()
    for name in ("oreilly", "xfinity"):
        done = trackside(path, "standings", name, "2026", "--after", "1")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("NASCAR O'Reilly Auto Parts Series 2026: driver standings")
        assert "Austin Hill" in done.stdout and "55" in done.stdout
        plain = trackside(path, "standings", name, "2026")
        assert plain.returncode == 0 and "Austin Hill" in plain.stdout
