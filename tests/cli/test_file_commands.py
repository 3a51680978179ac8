"""check, backups and restore from the command line: read-only checks, exits and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from persistence.backups import list_backups
from persistence.storage import open_storage
from tests.cli.test_cli import trackside
from tests.persistence.file_damage import lap_count, overwrite_laps_pages, weekend_with_laps


@pytest.fixture
def weekend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKSIDE_DATA_DIR", str(tmp_path))  # as trackside() sets for the child
    return weekend_with_laps(tmp_path / "weekend.db", laps=40)


def _back_up(path: Path) -> Path:
    storage = open_storage(str(path))
    try:
        taken = storage.back_up("on-open")
    finally:
        storage.close()
    assert taken is not None
    return taken.path


def test_check_says_a_sound_file_has_no_damage_and_leaves_nothing_beside_it(weekend: Path) -> None:
    before = sorted(p.name for p in weekend.parent.iterdir())
    result = trackside(weekend, "check", str(weekend))
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout
        == f"{weekend}: no damage found (SQLite's integrity check and foreign key check).\n"
    )
    assert sorted(p.name for p in weekend.parent.iterdir()) == before


def test_check_calls_a_damaged_file_damaged_and_offers_the_latest_backup(weekend: Path) -> None:
    backup = _back_up(weekend)
    overwrite_laps_pages(weekend)
    before = weekend.read_bytes()
    result = trackside(weekend, "check", str(weekend))
    assert result.returncode == 3
    assert result.stderr.startswith(f"error: {weekend} is damaged")
    assert f"restore {backup}" in result.stderr
    assert "Unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert weekend.read_bytes() == before


def test_check_of_a_text_file_says_it_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("car,driver\n")
    result = trackside(tmp_path / "weekend.db", "check", str(notes))
    assert result.returncode == 3
    assert "is not a Trackside database" in result.stderr


def test_backups_lists_them_newest_first_with_the_restore_command(weekend: Path) -> None:
    first, second = _back_up(weekend), _back_up(weekend)
    result = trackside(weekend, "backups")
    assert result.returncode == 0, result.stderr
    assert result.stdout.index(second.name) < result.stdout.index(first.name)
    assert f"python main.py --db {weekend} restore BACKUP" in result.stdout


def test_backups_of_a_file_without_any_says_when_they_are_taken(weekend: Path) -> None:
    result = trackside(weekend, "backups")
    assert result.returncode == 0
    assert "No backups of" in result.stdout and "every hour" in result.stdout


def test_restore_by_name_brings_the_laps_back_and_keeps_the_damaged_file_aside(
    weekend: Path,
) -> None:
    backup = _back_up(weekend)
    overwrite_laps_pages(weekend)
    damaged = weekend.read_bytes()
    result = trackside(weekend, "restore", backup.name)
    assert result.returncode == 0, result.stderr
    aside = next(weekend.parent.glob("weekend.db.before-restore-*"))
    assert f"kept as {aside}" in result.stdout
    assert aside.read_bytes() == damaged
    assert lap_count(weekend) == 40
    assert trackside(weekend, "list").returncode == 0


def test_the_app_opening_a_file_from_the_command_line_takes_no_backup(weekend: Path) -> None:
    """Backups are the app's (open, close, hourly): a script's reads do not fill the folder."""
    assert trackside(weekend, "list").returncode == 0
    assert list_backups(weekend) == []
