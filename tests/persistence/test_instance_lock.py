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
