"""check, backups and restore from the command line: read-only checks, exits and messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from persistence.backups import list_backups
from persistence.storage import open_storage
from tests.cli.test_cli import ROOT, trackside
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


def test_export_to_an_empty_out_is_refused_and_writes_nothing(weekend: Path) -> None:
    before = sorted(p.name for p in weekend.parent.iterdir())
    result = trackside(weekend, "export", "truck-2025-lime-rock", "--out", "")
    assert result.returncode == 2
    assert "give a folder name" in result.stderr
    assert sorted(p.name for p in weekend.parent.iterdir()) == before


def test_init_removes_what_an_interrupted_init_left_behind(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    pid = int(dead.stdout)
    leftovers = [
        tmp_path / f".gateway.db.creating-{pid}{suffix}" for suffix in ("", "-wal", "-shm")
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a database")
    running = tmp_path / f".gateway.db.creating-{os.getpid()}-wal"  # a build still going on
    running.write_bytes(b"busy")
    result = trackside(tmp_path / "other.db", "init", str(tmp_path / "gateway.db"))
    assert result.returncode == 0, result.stderr
    assert not any(leftover.exists() for leftover in leftovers)
    assert running.exists()


def test_library_warnings_stay_off_the_terminal_before_the_one_line_error(weekend: Path) -> None:
    """A lost server makes the pool and driver warn; the user sees only Trackside's line."""
    script = (
        "import logging, sys, warnings, cli, main\n"
        "from domain.errors import StorageError\n"
        "def lost(storage, args):\n"
        "    warnings.warn('connection lost (psycopg)', RuntimeWarning)\n"
        "    logging.getLogger('sqlalchemy.pool.impl.QueuePool').error('Exception during reset')\n"
        "    raise StorageError('Could not reach the Trackside database.')\n"
        "cli._COMMANDS['list'] = lost\n"
        "sys.exit(main.main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "--db", str(weekend), "list"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 3
    assert result.stderr == "error: Could not reach the Trackside database.\n"
    verbose = subprocess.run(
        [sys.executable, "-c", script, "--db", str(weekend), "--verbose", "list"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert "Exception during reset" in verbose.stderr  # --verbose still shows them


def test_check_takes_a_sqlite_url_as_well_as_a_path(weekend: Path) -> None:
    result = trackside(weekend, "check", f"sqlite:///{weekend}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{weekend}: no damage found")
