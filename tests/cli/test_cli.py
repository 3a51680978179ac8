"""The command line end to end: `python main.py --db FILE COMMAND …` in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain.services.imports import import_entries, import_laps, import_results
from persistence.csv_io import read_csv
from persistence.storage import create_database, open_storage
from tests.worlds import (
    CHICAGO_KEY,
    TWO_QUALIFYING_GROUPS,
    chicago_event,
    sessions_of,
    store_weekend,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
DEMO = ROOT / "resources" / "demo"
KEY = CHICAGO_KEY


def trackside(db: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKSIDE_DATA_DIR": str(db.parent), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or db.parent,
        timeout=120,
    )


def new_weekend_db(path: Path) -> Path:
    """A new file holding only the Chicago weekend's event and sessions (no entries yet)."""
    create_database(str(path), demo=False)
    storage = open_storage(str(path))
    try:
        event = chicago_event()
        store_weekend(storage.uow_factory(), event, sessions_of(event, TWO_QUALIFYING_GROUPS))
    finally:
        storage.close()
    return path


@pytest.fixture
def weekend_db(tmp_path: Path) -> Path:
    return new_weekend_db(tmp_path / "weekend.db")


@pytest.fixture(scope="module")
def chicago_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole Chicago weekend, imported from CSV in-process; tests here only read it."""
    path = new_weekend_db(tmp_path_factory.mktemp("chicago") / "chicago.db")
    storage = open_storage(str(path))
    try:
        import_entries(storage.uow_factory(), KEY, read_csv(DEMO / "cup_2025_chicago_entries.csv"))
        import_entries(storage.uow_factory(), KEY, read_csv(SAMPLES / "entries.csv"))
        import_laps(storage.uow_factory(), KEY, read_csv(DEMO / "cup_2025_chicago_laps.csv"))
        import_results(storage.uow_factory(), KEY, read_csv(SAMPLES / "results.csv"))
    finally:
        storage.close()
    return path


def test_help_lists_every_command():
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True
    )

    assert done.returncode == 0
    for command in ("list", "init", "import-entries", "import-laps", "import-results", "board"):
        assert command in done.stdout
    for command in ("lineup", "standings", "export"):
        assert command in done.stdout


def test_init_creates_a_file_that_list_then_opens(tmp_path):
    path = tmp_path / "new.db"

    created = trackside(path, "init", str(path))
    listed = trackside(path, "list")

    assert created.returncode == 0 and path.exists()
    assert listed.returncode == 0
    assert listed.stdout.startswith("No events yet. Add a season and an event")


def test_init_refuses_an_existing_file_and_leaves_it_alone(weekend_db):
    before = weekend_db.read_bytes()

    done = trackside(weekend_db, "init", str(weekend_db))

    assert done.returncode == 3
    assert "already exists" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert weekend_db.read_bytes() == before


def test_list_shows_event_keys_and_sessions(chicago_db):
    done = trackside(chicago_db, "list")

    assert done.returncode == 0
    assert KEY in done.stdout
    assert "Qualifying Group A, Qualifying Group B, Race" in done.stdout


def test_sample_files_import_and_a_second_import_adds_nothing(weekend_db):
    for what, added in (("entries", 6), ("laps", 7), ("results", 5)):
        sample = str(SAMPLES / f"{what}.csv")
        first = trackside(weekend_db, f"import-{what}", KEY, sample)
        assert first.stdout.strip() == f"{what}.csv: {added} added, 0 updated, 0 already there"

    again = trackside(weekend_db, "import-laps", KEY, str(SAMPLES / "laps.csv"))

    assert again.returncode == 0
    assert again.stdout.strip() == "laps.csv: 0 added, 0 updated, 7 already there"


def test_an_unknown_event_says_how_to_find_the_keys(chicago_db):
    done = trackside(chicago_db, "board", "x")

    assert done.returncode == 1
    assert done.stderr.strip() == "error: no event 'x'; run `python main.py list`"


def test_a_bad_lap_row_is_named_and_nothing_is_imported(weekend_db, tmp_path):
    trackside(weekend_db, "import-entries", KEY, str(SAMPLES / "entries.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("session,car,time\nQualifying Group A,67,1:31.9\nQualifying Group A,67,1:2x.4\n")

    done = trackside(weekend_db, "import-laps", KEY, str(bad))
    board = trackside(weekend_db, "board", KEY, "--session", "Qualifying Group A")

    assert done.returncode == 1
    assert "bad.csv, line 3: “1:2x.4” is not a lap time" in done.stderr
    assert "nothing was imported" in done.stderr
    assert "1:31.900" not in board.stdout


def test_the_qualifying_board_draws_the_cutoff_above_the_car_that_goes_home(chicago_db):

    done = trackside(chicago_db, "board", KEY)

    lines = done.stdout.splitlines()
    cutoff = next(i for i, line in enumerate(lines) if line.startswith("~~ cutoff"))
    assert done.returncode == 0
    assert "78   Katherine Legge" in lines[cutoff - 1]
    assert "67   Corey Heim" in lines[cutoff + 1] and "did not qualify" in lines[cutoff + 1]


def test_a_session_board_shows_that_sessions_times_speeds_and_gaps(weekend_db):
    for what in ("entries", "laps"):
        trackside(weekend_db, f"import-{what}", KEY, str(SAMPLES / f"{what}.csv"))

    done = trackside(weekend_db, "board", KEY, "--session", "qualifying group b")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{KEY}: Qualifying Group B"
    assert lines[3].split() == [
        "1",
        "88",
        "Shane",
        "van",
        "Gisbergen",
        "1",
        "1:30.401",
        "87.610",
        "0.000",
    ]
    assert lines[4].split()[-2:] == ["+0.251", "+0.251"]  # Reddick's 1:30.652
    assert "Bubba Wallace" in lines[-1] and "1:31.874" not in lines[-1]  # an invalid lap


def test_the_race_board_shows_the_results_with_points(chicago_db):
    done = trackside(chicago_db, "board", KEY, "--session", "Race")

    assert done.returncode == 0, done.stderr
    winner = done.stdout.splitlines()[3].split()
    assert winner[:2] == ["1", "88"] and winner[-3:] == ["running", "61", "61"]


def test_the_lineup_lists_the_starters_then_who_went_home_and_why(chicago_db):

    done = trackside(chicago_db, "lineup", KEY)

    assert done.returncode == 0, done.stderr
    tail = done.stdout.split("Did not qualify:")[1]
    assert (
        "No. 67 (Corey Heim)" in tail
        and "slower than No. 78 (Katherine Legge); needed 0.139 s" in tail
    )


def test_standings_by_season_and_by_event_agree_and_owners_are_shown_by_car(chicago_db):

    by_season = trackside(chicago_db, "standings", "cup", "2025")
    by_event = trackside(chicago_db, "standings", KEY)
    owners = trackside(chicago_db, "standings", KEY, "--owners")

    assert by_season.returncode == by_event.returncode == owners.returncode == 0
    assert by_season.stdout == by_event.stdout
    first = by_season.stdout.splitlines()[3]
    assert "Shane van Gisbergen" in first and " 61 " in first  # 10 + 10 + 40 + 1 fastest lap
    assert "No. 88 Trackhouse Racing" in owners.stdout


def test_standings_of_a_season_without_events_say_so(chicago_db):
    done = trackside(chicago_db, "standings", "truck", "2031")

    assert done.returncode == 1
    assert "no events for truck 2031" in done.stderr


def test_export_writes_the_same_bytes_twice_and_the_files_import_back(chicago_db, tmp_path):

    first = trackside(chicago_db, "export", KEY, "--out", str(tmp_path / "one"))
    second = trackside(chicago_db, "export", KEY, "--out", str(tmp_path / "two"))
    back = trackside(chicago_db, "import-results", KEY, str(tmp_path / "one" / "results.csv"))

    assert first.returncode == second.returncode == 0
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert back.stdout.strip() == "results.csv: 0 added, 0 updated, 5 already there"


def test_export_defaults_to_a_folder_named_after_the_event(chicago_db):
    done = trackside(chicago_db, "export", KEY)

    assert done.returncode == 0, done.stderr
    assert (chicago_db.parent / f"{KEY}-summary" / "lineup.csv").exists()


def test_a_missing_database_file_is_one_line_with_the_fix(tmp_path):
    done = trackside(tmp_path / "absent.db", "list")

    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "python main.py init" in done.stderr
