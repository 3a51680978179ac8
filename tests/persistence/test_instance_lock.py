"""A second Trackside on the same weekend file is refused while the first has it open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain.errors import DatabaseInUseError
from persistence.storage import create_database, open_storage

REPO = Path(__file__).resolve().parents[2]
HOLD_OPEN = """
import sys
from persistence.storage import open_storage
storage = open_storage(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
storage.close()
"""


@pytest.fixture
def weekend_file(tmp_path: Path) -> Path:
    path = tmp_path / "weekend.db"
    create_database(str(path), demo=False)
    return path


def test_a_second_window_is_told_which_process_has_the_file(weekend_file: Path) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(weekend_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        before = weekend_file.read_bytes()
        with pytest.raises(DatabaseInUseError) as refused:
            open_storage(str(weekend_file))
        assert str(refused.value) == (
            f"{weekend_file} is open in another Trackside window (process {other.pid}). "
            "Close that window first, or open a copy of the file."
        )
        assert weekend_file.read_bytes() == before
    finally:
        other.communicate("close\n", timeout=30)
    reopened = open_storage(str(weekend_file))
    reopened.close()


def test_the_same_process_cannot_open_the_file_twice_until_it_closes_it(
    weekend_file: Path,
) -> None:
    first = open_storage(str(weekend_file))
    with pytest.raises(DatabaseInUseError, match=f"process {os.getpid()}"):
        open_storage(str(weekend_file))
    first.close()
    second = open_storage(str(weekend_file))
    second.close()


def test_a_reader_opens_the_file_while_a_writer_holds_it_and_sees_its_laps(
    weekend_file: Path,
) -> None:
    writer = open_storage(str(weekend_file))
    try:
        reader = open_storage(str(weekend_file), read_only=True)
        with reader.uow_factory() as uow:
            assert uow.events.all() == []
        reader.close()
        with pytest.raises(DatabaseInUseError):
            open_storage(str(weekend_file))  # a second writer is still refused
    finally:
        writer.close()


def test_command_line_reads_work_while_the_app_holds_the_file(weekend_file: Path) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(weekend_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        main = [sys.executable, str(REPO / "main.py"), "--db", str(weekend_file)]
        read = subprocess.run([*main, "list"], capture_output=True, text=True, cwd=REPO)
        assert read.returncode == 0
        assert read.stdout.startswith("No events yet.")
        write = subprocess.run(
            [*main, "import-entries", "nope", str(weekend_file)],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        assert write.returncode == 3 and "is open in another Trackside window" in write.stderr
    finally:
        other.communicate("close\n", timeout=30)
