"""The hostile files from issue 18, end to end: one line-numbered message and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import DEMO, KEY, new_weekend_db, trackside


@pytest.fixture
def weekend_db(tmp_path: Path) -> Path:
    """The Chicago weekend with its entry list, ready for laps and results."""
    database = new_weekend_db(tmp_path / "weekend.db")
    result = trackside(database, "import-entries", KEY, str(DEMO / "cup_2025_chicago_entries.csv"))
    assert result.returncode == 0, result.stderr
    return database


def test_a_lap_time_of_4301_digits_gets_a_line_numbered_message(weekend_db, tmp_path) -> None:
    laps = tmp_path / "laps.csv"
    laps.write_text(f"car,session,time\n88,Practice,92.368\n88,Practice,{'9' * 4301}\n")
    result = trackside(weekend_db, "import-laps", KEY, str(laps))
    assert result.returncode == 1
    assert result.stderr.startswith("error: laps.csv, line 3: “9999")
    assert "too long to be a lap time" in result.stderr and "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr) < 400


def test_laps_beyond_64_bits_in_a_results_sheet_get_a_line_numbered_message(
    weekend_db, tmp_path
) -> None:
    results = tmp_path / "results.csv"
    results.write_text("finish,car,laps\n1,88,9223372036854775808\n")
    result = trackside(weekend_db, "import-results", KEY, str(results))
    assert result.returncode == 1
    assert result.stderr == (
        "error: results.csv, line 2: laps '9223372036854775808' is out of range: it must be from "
        "0 to 2,000; nothing was imported.\n"
    )
