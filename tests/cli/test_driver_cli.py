"""`driver` from the command line: a date of birth and Cup seasons, then entry imports that the
eligibility rules of the O'Reilly 2026 pack refuse (run in-process, as a script would)."""

from __future__ import annotations

from pathlib import Path

import pytest

import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main.main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _oreilly_event(capsys, db: Path, name: str, track: str, miles: str, round_no: int) -> str:
    code, out, err = run(
        capsys, db, "add-event", "oreilly", "2026", name, "--track", track, "--length", miles,
        "--kind", "oval", "--date", "2026-05-23", "--round", str(round_no),
    )  # fmt: skip
    assert code == 0, err
    return out.split()[1].rstrip(":")


def _entries(folder: Path, *rows: str) -> str:
    path = folder / "entries.csv"
    path.write_text("car,driver,team,make\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_a_birth_date_and_cup_seasons_are_set_shown_and_enforced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "weekend.db"
    assert run(capsys, db, "init", str(db))[0] == 0
    assert run(capsys, db, "add-season", "oreilly", "2026")[0] == 0
    phoenix = _oreilly_event(capsys, db, "Phoenix", "Phoenix Raceway", "1.0", 1)
    charlotte = _oreilly_event(capsys, db, "Charlotte", "Charlotte Motor Speedway", "1.5", 12)
    entries = _entries(tmp_path, "19,Brent Crews,JGR,Toyota", "88,Kyle Larson,HMS,Chevrolet")
    assert run(capsys, db, "import-entries", phoenix, entries)[0] == 0

    born = run(capsys, db, "driver", "Brent Crews", "--born", "2009-01-05")
    cup = run(capsys, db, "driver", "kyle larson", "--cup", "2026", "--cup", "2027")
    uncup = run(capsys, db, "driver", "Kyle Larson", "--not-cup", "2027")
    refused = run(capsys, db, "import-entries", charlotte, entries)

    assert born[1].strip() == (
        "Brent Crews: born 2009-01-05; not marked a Cup driver in any season"
    )
    assert cup[1].strip() == "Kyle Larson: date of birth unknown; a Cup driver in 2026, 2027"
    assert uncup[1].strip() == "Kyle Larson: date of birth unknown; a Cup driver in 2026"
    assert refused[0] == 1
    assert "Brent Crews is 17 on race day (2026-05-23" in refused[2]
    assert "minimum there is 18" in refused[2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Nobody Here",), "No driver named “Nobody Here” is stored"),
        (
            ("Kyle Larson", "--born", "31/07/1992"),
            "“31/07/1992” is not a date of birth",
        ),
        (("Kyle Larson", "--cup", "2026", "--not-cup", "2026"), "--cup and --not-cup both name"),
        (("Kyle Larson", "--cup", "26"), "26 is not a season"),
    ],
)
def test_a_bad_driver_command_says_what_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    db = tmp_path / "weekend.db"
    run(capsys, db, "init", str(db))
    run(capsys, db, "add-season", "oreilly", "2026")
    phoenix = _oreilly_event(capsys, db, "Phoenix", "Phoenix Raceway", "1.0", 1)
    run(capsys, db, "import-entries", phoenix, _entries(tmp_path, "88,Kyle Larson,HMS,Chevrolet"))

    code, _, err = run(capsys, db, "driver", *args)

    assert code == 1 and message in err
