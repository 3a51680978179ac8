"""From an empty file to real weekends with the command line alone, checked against the demo.

Commands run in-process (main.main), as a script would run them one after another; the demo
database (built by persistence/demo.py from resources/demo) is the reference.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import main
from domain import services
from domain.errors import ValidationError
from persistence.storage import create_database, open_storage

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
TRUCK_ROUNDS = range(1, 12)  # the 2023 Truck races the demo has results for


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    """One command; its standard output, or the test fails with its error line."""
    code = main.main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_database(str(path), demo=True)
    return path


def build_chicago(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    """init, add-season, add-event, import-entries, import-laps: the Chicago weekend's key."""
    run(capsys, db, "init", str(db))
    run(capsys, db, "add-season", "cup", "2025")
    added = run(
        capsys, db, "add-event", "cup", "2025", "Grant Park 165", "--track",
        "Chicago Street Course (Grant Park)", "--length", "2.2", "--kind", "street",
        "--date", "2025-07-05", "--end-date", "2025-07-06", "--round", "19",
    )  # fmt: skip
    assert added.startswith("Added cup-2025-chicago: Grant Park 165")
    assert "sessions: Practice, Qualifying Group A, Qualifying Group B, Race" in added
    key = "cup-2025-chicago"
    run(capsys, db, "import-entries", key, str(DEMO / "cup_2025_chicago_entries.csv"))
    run(capsys, db, "import-laps", key, str(DEMO / "cup_2025_chicago_laps.csv"))
    return key


def test_the_chicago_weekend_built_from_init_gives_the_demos_lineup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    db = tmp_path / "weekend.db"
    key = build_chicago(capsys, db)

    lineup = run(capsys, db, "lineup", key)

    assert lineup == run(capsys, demo_db, "lineup", key)
    assert "No. 67 (Corey Heim) is the 5th-fastest of 5 open cars for 4 open spots" in lineup
    rows = json.loads(run(capsys, db, "lineup", key, "--format", "json"))
    assert [r["car"] for r in rows[:2]] == ["88", "5"] and len(rows) == 41
    assert rows[-1] == {
        "start": None, "car": "67", "driver": "Corey Heim", "status": "did not qualify",
        "best_time": 92.506, "gap_to_cutoff": 0.138, "reason": rows[-1]["reason"],
    }  # fmt: skip


def _truck_2023_schedule(listed: str) -> str:
    """`list --format csv` of the demo, cut to the 2023 Truck races with results."""
    rows = list(csv.DictReader(io.StringIO(listed)))
    kept = [r for r in rows if r["series"] == "truck" and r["season"] == "2023"]
    kept = [r for r in kept if int(r["round"]) in TRUCK_ROUNDS]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(kept)
    return out.getvalue()


def test_a_season_rebuilt_from_files_alone_has_the_demos_standings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(_truck_2023_schedule(run(capsys, demo_db, "list", "--format", "csv")))
    keys = [row["key"] for row in csv.DictReader(schedule.open())]
    db = tmp_path / "rebuilt.db"
    run(capsys, db, "init", str(db))

    imported = run(capsys, db, "import-schedule", str(schedule))

    assert imported.startswith("schedule.csv: 11 added, 0 updated, 0 already there")
    for key in keys:
        folder = tmp_path / key
        run(capsys, demo_db, "export", key, "--out", str(folder))
        run(capsys, db, "import-entries", key, str(folder / "entries.csv"))
        run(capsys, db, "import-results", key, str(folder / "results.csv"))
        run(capsys, db, "import-penalties", key, str(folder / "penalties.csv"))

    waivers = tmp_path / keys[-1] / "waivers.csv"
    assert run(capsys, db, "import-waivers", "truck", "2023", str(waivers)).startswith(
        "waivers.csv: 1 added"
    )
    run(capsys, db, "export", keys[-1], "--out", str(tmp_path / "again"))
    for name in ("waivers.csv", "penalties.csv", "results.csv", "driver_standings.csv"):
        again = (tmp_path / "again" / name).read_bytes()
        assert again == (tmp_path / keys[-1] / name).read_bytes(), name
    for owners in ([], ["--owners"]):
        rebuilt = run(capsys, db, "standings", "truck", "2023", "--format", "json", *owners)
        reference = run(capsys, demo_db, "standings", keys[-1], "--format", "json", *owners)
        assert json.loads(rebuilt) == json.loads(reference)
        assert len(json.loads(rebuilt)) > 30
    again = run(capsys, db, "import-schedule", str(schedule))
    assert again.startswith("schedule.csv: 0 added, 0 updated, 11 already there")


def test_two_drivers_named_jason_white_survive_the_export_and_import_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    key = "truck-2023-daytona"
    run(capsys, demo_db, "export", key, "--out", str(tmp_path / "out"))
    db = tmp_path / "daytona.db"
    run(capsys, db, "init", str(db))
    run(capsys, db, "add-season", "truck", "2023")
    run(
        capsys, db, "add-event", "truck", "2023", "Truck Series at Daytona", "--track",
        "Daytona International Speedway", "--length", "2.5", "--kind", "superspeedway",
        "--date", "2023-02-17", "--round", "1",
    )  # fmt: skip

    entries = run(capsys, db, "import-entries", key, str(tmp_path / "out" / "entries.csv"))
    results = run(capsys, db, "import-results", key, str(tmp_path / "out" / "results.csv"))

    assert entries.startswith("entries.csv: 36 added")
    assert results.startswith("results.csv: 36 added")
    standings = json.loads(run(capsys, db, "standings", key, "--format", "json"))
    whites = sorted(row["driver"] for row in standings if "Jason White" in row["driver"])
    assert whites == ["Jason White (No. 1)", "Jason White (No. 34)"]
    assert not any("(No. 1) (" in row["driver"] for row in standings)


RESULTS_WITH_HEIM = """finish,car,driver,start,laps,status,replacement_start
1,88,Shane van Gisbergen,1,75,running,no
5,67,Corey Heim,,75,running,{replacement}
"""


def test_a_car_that_did_not_qualify_gets_no_result_unless_it_started_as_a_replacement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "weekend.db"
    key = build_chicago(capsys, db)
    sheet = tmp_path / "results.csv"
    sheet.write_text(RESULTS_WITH_HEIM.format(replacement="no"))
    before = db.read_bytes()

    code = main.main(["--db", str(db), "import-results", key, str(sheet)])

    err = capsys.readouterr().err
    assert code == 1
    assert "results.csv, line 3: No. 67 did not qualify for this race" in err
    assert "record the result as a replacement start" in err and "nothing was imported" in err
    storage = open_storage(str(db))
    try:
        event = services.find_event(storage.uow_factory(), key)
        rules = storage.rulesets["cup-2025"]
        with pytest.raises(ValidationError, match=r"No\. 67 did not qualify"):
            services.enter_result(storage.uow_factory(), event.id, "67", 5, ruleset=rules)
        with storage.uow_factory() as uow:
            assert uow.results.list_for_event(event.id) == []
    finally:
        storage.close()
    sheet.write_text(RESULTS_WITH_HEIM.format(replacement="yes"))
    assert run(capsys, db, "import-results", key, str(sheet)).startswith("results.csv: 2 added")
    assert db.read_bytes() != before


def test_an_imported_result_gets_the_checks_a_typed_one_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "weekend.db"
    key = build_chicago(capsys, db)
    sheet = tmp_path / "results.csv"
    sheet.write_text("finish,car\n99,88\n")

    code = main.main(["--db", str(db), "import-results", key, str(sheet)])

    assert code == 1
    assert "the finish must be between 1 and 41" in capsys.readouterr().err


def test_a_corrected_track_length_changes_every_speed_shown_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "weekend.db"
    key = build_chicago(capsys, db)

    def practice_best_mph() -> float:
        rows = json.loads(
            run(capsys, db, "board", key, "--session", "Practice", "--format", "json")
        )
        return float(rows[0]["best_speed"])

    before = practice_best_mph()
    saved = run(capsys, db, "edit-track", "chicago street course (grant park)", "--length", "2.14")

    assert saved.startswith("Saved Chicago Street Course (Grant Park): 2.14 miles, street (1 event")
    assert practice_best_mph() == pytest.approx(before * 2.14 / 2.2, abs=0.001)


def test_a_waiver_for_a_driver_never_stored_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    sheet = tmp_path / "waivers.csv"
    sheet.write_text(
        "driver,reason,approved,status\nCorey Heim,medical,yes,granted\nNobody,medical,,\n"
    )

    code = main.main(["--db", str(demo_db), "import-waivers", "truck", "2023", str(sheet)])

    err = capsys.readouterr().err
    assert code == 1
    assert "waivers.csv, line 3: no driver 'Nobody' is stored" in err
    assert "nothing was imported" in err


SCHEDULE_HEADER = "series,season,round,name,track,length,kind,date,end_date,points\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("add-season", "cup", "2031"), "There is no rule pack for cup-2031. The packs there are"),
        (("add-season", "cup", "2025"), "The cup 2025 season already exists"),
        (
            ("add-event", "indycar", "2025", "X", "--track", "Y", "--date", "2025-01-01"),
            "There is no indycar 2025 season yet",
        ),
        (
            (
                "add-event",
                "cup",
                "2025",
                "X",
                "--track",
                "Chicago Street Course (Grant Park)",
                "--date",
                "2025-07-05",
                "--round",
                "20",
                "--key",
                "cup-2025-chicago",
            ),
            "The key cup-2025-chicago is already used",
        ),
        (
            (
                "add-event",
                "cup",
                "2025",
                "X",
                "--track",
                "Y",
                "--length",
                "0",
                "--kind",
                "oval",
                "--date",
                "2025-01-01",
            ),
            "A track's length must be more than 0 miles",
        ),
        (
            (
                "add-event",
                "cup",
                "2025",
                "X",
                "--track",
                "Y",
                "--length",
                "12",
                "--kind",
                "oval",
                "--date",
                "2025-01-01",
            ),
            "longer than any track",
        ),
        (
            (
                "add-event",
                "cup",
                "2025",
                "X",
                "--track",
                "Y",
                "--length",
                "1",
                "--kind",
                "oval",
                "--date",
                "2025-02-01",
                "--end-date",
                "2025-01-31",
            ),
            "The end date 2025-01-31 is before the start date 2025-02-01",
        ),
        (("edit-event", "cup-2025-chicago", "--key", "cup-2025-x"), "the key cannot change now"),
        (("delete-event", "cup-2025-chicago"), "also deletes 342 laps, 41 entries; add --yes"),
    ],
    ids=[
        "season without a pack",
        "season twice",
        "unknown series",
        "duplicate key",
        "zero length",
        "absurd length",
        "end before start",
        "key with laps",
        "delete without --yes",
    ],
)
def test_bad_input_gets_one_line_naming_what_to_fix_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], words: str
) -> None:
    db = tmp_path / "weekend.db"
    build_chicago(capsys, db)
    before = run(capsys, db, "list", "--format", "json")

    code = main.main(["--db", str(db), *args])

    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert words in err
    assert run(capsys, db, "list", "--format", "json") == before


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            "cup,2025,1,A,T,1,oval,2025-01-01,,yes\ncup,2025,2,A,T,,,2025-01-08,,yes\n",
            "line 3: the event 'a' of cup 2025 is already on line 2",
        ),
        (
            "cup,2025,1,A,T,1,oval,2025-01-01,,yes\ncup,2025,2,B,U,,,2025-01-08,,yes\n",
            "line 3: “U” is a new track: give its length in miles and its kind",
        ),
        ("cup,2025,1,A,T,1,oval,2025-01-01,,maybe\n", "line 2: points 'maybe' is not yes or no"),
        ("cup,2031,1,A,T,1,oval,2025-01-01,,yes\n", "line 2: There is no rule pack for cup-2031"),
        ("cup,2025,1,A,T,1,mud,2025-01-01,,yes\n", "line 2: “mud” is not a track kind"),
    ],
    ids=["event twice", "new track without length", "bad flag", "no pack", "bad kind"],
)
def test_a_bad_schedule_row_refuses_the_whole_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, words: str
) -> None:
    db = tmp_path / "weekend.db"
    run(capsys, db, "init", str(db))
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(SCHEDULE_HEADER + rows)

    code = main.main(["--db", str(db), "import-schedule", str(schedule)])

    err = capsys.readouterr().err
    assert code == 1 and words in err and "nothing was imported" in err
    assert run(capsys, db, "list").startswith("No events yet")
