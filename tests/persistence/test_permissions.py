"""Permission refusals, tried by an unprivileged child: root (as in CI) ignores file permissions.

The child is `python main.py --db FILE list`, run as `nobody` with setpriv when the test runs
as root; the files are made by root, as another user's files would be.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.persistence.file_damage import weekend_with_laps

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="setpriv and chown are Linux's")

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def as_unprivileged(*args: str, data: Path) -> subprocess.CompletedProcess:
    """Run main.py as `nobody` (or as ourselves when we are not root)."""
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "permission tests need setpriv (util-linux) to drop root"
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {
        **os.environ,
        "TRACKSIDE_DATA_DIR": str(data),
        "PYTHONDONTWRITEBYTECODE": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [*prefix, sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=data,
        timeout=120,
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may enter and write in (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="trackside-permissions-"))
    folder.chmod(0o777)
    (folder / "data").mkdir(mode=0o777)
    (folder / "data").chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def _give_to_child(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_file_the_user_cannot_write_is_refused_as_read_only_and_left_alone(
    shared_folder: Path,
) -> None:
    path = weekend_with_laps(shared_folder / "weekend.db", laps=5)
    path.chmod(0o444)
    before = _snapshot(shared_folder)
    result = as_unprivileged("--db", str(path), "list", data=shared_folder / "data")
    assert result.returncode == 3, result.stderr
    assert "is read-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(shared_folder) == before


def test_a_writable_file_in_a_folder_the_user_cannot_write_is_refused_with_the_folder_named(
    shared_folder: Path,
) -> None:
    folder = shared_folder / "weekends"
    folder.mkdir()
    path = weekend_with_laps(folder / "weekend.db", laps=5)
    _give_to_child(path)
    folder.chmod(0o755)
    before = _snapshot(folder)
    result = as_unprivileged("--db", str(path), "list", data=shared_folder / "data")
    assert result.returncode == 3, result.stderr
    assert f"The folder {folder} is read-only" in result.stderr
    assert _snapshot(folder) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make files another user owns")
def test_side_files_another_user_owns_are_found_at_open_with_their_owner_named(
    shared_folder: Path,
) -> None:
    path = weekend_with_laps(shared_folder / "weekend.db", laps=5)
    _give_to_child(path)
    # Another user has the file open in WAL mode: its -wal and -shm are theirs, mode 0644.
    # (SQLite run as root hands them to the file's owner, so they are handed back to root.)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("UPDATE tracks SET name = name")
    holder.commit()
    for suffix in ("-wal", "-shm"):
        os.chown(f"{path}{suffix}", 0, 0)
        os.chmod(f"{path}{suffix}", 0o644)
    try:
        before = path.read_bytes()
        result = as_unprivileged("--db", str(path), "list", data=shared_folder / "data")
    finally:
        holder.close()
    assert result.returncode == 3, result.stderr
    assert "weekend.db-wal beside it belongs to user root" in result.stderr
    assert "you (user nobody) cannot write it" in result.stderr
    assert path.read_bytes() == before
    assert not Path(f"{path}.lock").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make files another user owns")
def test_a_lock_file_another_user_owns_is_named_with_its_owner(shared_folder: Path) -> None:
    path = weekend_with_laps(shared_folder / "weekend.db", laps=5)
    _give_to_child(path)
    Path(f"{path}.lock").write_text("4242\n")
    result = as_unprivileged("--db", str(path), "list", data=shared_folder / "data")
    assert result.returncode == 3, result.stderr
    assert "weekend.db.lock beside it belongs to user root" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="a guard for the drop from root")
def test_the_unprivileged_child_really_is_refused_what_root_would_be_allowed(
    shared_folder: Path,
) -> None:
    """The guard for this file's other tests: without dropping root they would prove nothing."""
    probe = shared_folder / "root-only.txt"
    probe.write_text("x")
    probe.chmod(0o600)
    result = as_unprivileged("--db", str(probe), "check", str(probe), data=shared_folder / "data")
    assert "cannot be read (Permission denied)" in result.stderr
