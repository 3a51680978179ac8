"""Laps shown as saved survive SIGKILL at random moments; an unsafe writer fails the same check."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.model import Event, Session, SessionKind, Track, TrackKind
from persistence.storage import create_database, open_storage
from tests.persistence.conftest import make_event

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX-only")

REPO = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")
RUNS = 30


def crash_problems(path: Path, acknowledged: set[str]) -> list[str]:
    """What a crash broke: an integrity failure or an acknowledged lap that is not there."""
    try:
        connection = sqlite3.connect(path)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchall()
            stored = {row[0] for row in connection.execute("SELECT id FROM laps")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return [f"the file cannot be read: {exc}"]
    problems = [] if integrity == [("ok",)] else [f"integrity_check: {integrity[:3]}"]
    missing = acknowledged - stored
    if missing:
        problems.append(f"{len(missing)} acknowledged laps are missing")
    return problems


def _weekend_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "crash.db"
    create_database(str(path), demo=False)
    track = Track(name="Lime Rock Park", length_millimiles=1500, kind=TrackKind.ROAD)
    event: Event = make_event(track, key="truck-2025-lime-rock", season=2025)
    session = Session(event_id=event.id, kind=SessionKind.PRACTICE, name="Practice", order=1)
    storage = open_storage(str(path))
    with storage.uow_factory() as uow:
        uow.tracks.add(track)
        uow.events.add(event)
        uow.sessions.add(session)
        uow.commit()
    storage.close()
    return path, str(session.id)


class CrashWriter:
    """tests/persistence/crash_writer.py, run with sys.executable; it forks a writer per run."""

    def __init__(self, path: Path, session_id: str, mode: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), session_id, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    def write_then_kill(self, acks: int, pause_s: float) -> set[str]:
        """Start a writer, SIGKILL it after `acks` acknowledgements and a pause; return them all."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write("run\n")
        self._process.stdin.flush()
        acknowledged: set[str] = set()
        writer = None
        while writer is None or len(acknowledged) < acks:
            word, _, value = self._process.stdout.readline().partition(" ")
            assert word in ("ack", "writer"), "the writer stopped: see its traceback above"
            if word == "writer":
                writer = int(value)
            else:
                acknowledged.add(value.strip())
        time.sleep(pause_s)
        os.kill(writer, signal.SIGKILL)
        # Everything the writer printed before it died comes before "done".
        for line in iter(self._process.stdout.readline, "done\n"):
            assert line.endswith("\n"), "the crash writer's server stopped"
            assert line.startswith("ack "), f"unexpected output from the crash writer: {line!r}"
            acknowledged.add(line.split()[1])
        return acknowledged

    def close(self) -> None:
        self._process.communicate("", timeout=30)


@pytest.fixture
def weekend_file(tmp_path: Path) -> tuple[Path, str]:
    return _weekend_file(tmp_path)


def test_every_acknowledged_lap_survives_thirty_sigkills_and_the_file_stays_sound(
    weekend_file: tuple[Path, str],
) -> None:
    path, session_id = weekend_file
    writer = CrashWriter(path, session_id, "safe")
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    acknowledged: set[str] = set()
    for run in range(RUNS):
        acks, pause_s = chance.randint(1, 25), chance.uniform(0.0, 0.004)
        acknowledged |= writer.write_then_kill(acks, pause_s)
        assert crash_problems(path, acknowledged) == [], f"run {run}, seed {seed}"
    writer.close()
    storage = open_storage(str(path))  # the app still opens it: the lock died with the writer
    storage.close()


def test_the_check_catches_a_writer_without_journal_or_fsync_after_a_power_cut(
    weekend_file: tuple[Path, str],
) -> None:
    path, session_id = weekend_file
    synced_size = path.stat().st_size
    writer = CrashWriter(path, session_id, "unsafe")
    acknowledged = writer.write_then_kill(acks=300, pause_s=0.0)
    writer.close()
    assert crash_problems(path, acknowledged) == []  # SIGKILL alone: the OS cache still had it
    # A power cut loses what was never fsynced: everything this writer wrote after start-up.
    with path.open("r+b") as handle:
        handle.truncate(synced_size)
    problems = crash_problems(path, acknowledged)
    assert problems, "the crash check failed to notice lost, acknowledged laps"
