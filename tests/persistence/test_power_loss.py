"""A power cut loses no acknowledged lap; with synchronous=OFF the same harness finds losses.

SIGKILL cannot catch a missing fsync (the page cache survives it, see test_crash.py). Here the
app's own sqlite3 connections run under tests/persistence/powerloss_shim.c, built with gcc: it
keeps, beside each file, only the bytes that were made durable, and kills the writer at a
random write or sync. The test then puts the durable bytes in place — the disk after the cut —
and checks every acknowledged lap is there and PRAGMA integrity_check says ok.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.persistence.test_crash import REPO, _weekend_file, crash_problems

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="LD_PRELOAD and fork are Linux-only here"),
]

SHIM_SOURCE = Path(__file__).with_name("powerloss_shim.c")
WRITER = Path(__file__).with_name("powerloss_writer.py")
RUNS = 30
CONTROL_RUNS = 10
CHECKPOINT_RUNS = 15
# Tracked writes and syncs before the cut: a lap's commit is 3-9 of them, so up to ~60 laps.
CUT_RANGE = (1, 400)


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        pytest.fail("The power-loss test builds its shim with gcc; install gcc (build-essential).")
    library = tmp_path_factory.mktemp("shim") / "powerloss.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", str(library),
         str(SHIM_SOURCE), "-ldl"],
        check=True,
    )  # fmt: skip
    return library


def cut_power(folder: Path) -> None:
    """The disk as the power cut left it: only durable bytes, and no shared-memory index."""
    for durable in folder.glob("*.durable"):
        os.replace(durable, durable.with_suffix(""))
    for index in folder.glob("*-shm"):
        index.unlink()


class PowerLossWriter:
    """tests/persistence/powerloss_writer.py under the shim; one forked writer per run."""

    def __init__(self, shim: Path, path: Path, session_id: str, mode: str) -> None:
        environment = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "LD_PRELOAD": str(shim),
            "TRACKSIDE_POWERLOSS_DIR": str(path.parent),
        }
        self._process = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), session_id, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=environment,
        )

    def run_until_power_cut(self, cut_after: int) -> set[str]:
        """Log laps until the shim cuts the power; return the laps acknowledged before that."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{cut_after}\n")
        self._process.stdin.flush()
        acknowledged: set[str] = set()
        for line in iter(self._process.stdout.readline, ""):
            word, _, value = line.strip().partition(" ")
            if word == "done":
                assert value == "9", f"the writer did not die by the power cut (status {value})"
                return acknowledged
            if word == "ack":
                acknowledged.add(value)
            else:
                assert word == "writer", f"unexpected output from the writer: {line!r}"
        raise AssertionError("the power-loss writer stopped: see its traceback above")

    def close(self) -> None:
        self._process.communicate("", timeout=30)


def run_power_cuts(shim: Path, tmp_path: Path, mode: str, runs: int) -> tuple[int, int, list[str]]:
    """Cut the power `runs` times; return (laps acknowledged, laps lost, problems found)."""
    path, session_id = _weekend_file(tmp_path)
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    writer = PowerLossWriter(shim, path, session_id, mode)
    acknowledged: set[str] = set()
    problems: list[str] = []
    try:
        for run in range(runs):
            acknowledged |= writer.run_until_power_cut(chance.randint(*CUT_RANGE))
            cut_power(path.parent)
            found = crash_problems(path, acknowledged)
            problems += [f"run {run} (seed {seed}): {problem}" for problem in found]
    finally:
        writer.close()
    lost = len(acknowledged - _stored_lap_ids(path))
    return len(acknowledged), lost, problems


def _stored_lap_ids(path: Path) -> set[str]:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM laps")}
    finally:
        connection.close()


def test_thirty_power_cuts_lose_no_acknowledged_lap_and_leave_the_file_sound(
    shim: Path, tmp_path: Path
) -> None:
    acknowledged, lost, problems = run_power_cuts(shim, tmp_path, "full", RUNS)
    print(f"synchronous=FULL: {RUNS} power cuts, {acknowledged} laps acknowledged, {lost} lost")
    assert acknowledged > RUNS, "too few laps were logged for the cuts to mean anything"
    assert problems == []
    assert lost == 0


def test_power_cuts_during_checkpoints_lose_no_acknowledged_lap(shim: Path, tmp_path: Path) -> None:
    """The journal copied into the file every few laps: cuts land inside checkpoints too."""
    acknowledged, lost, problems = run_power_cuts(shim, tmp_path, "checkpoints", CHECKPOINT_RUNS)
    print(f"checkpoints: {CHECKPOINT_RUNS} power cuts, {acknowledged} acknowledged, {lost} lost")
    assert acknowledged > CHECKPOINT_RUNS
    assert problems == []
    assert lost == 0


def test_the_same_harness_finds_lost_laps_when_synchronous_is_off(
    shim: Path, tmp_path: Path
) -> None:
    acknowledged, lost, problems = run_power_cuts(shim, tmp_path, "sync-off", CONTROL_RUNS)
    print(f"synchronous=OFF: {CONTROL_RUNS} power cuts, {acknowledged} acknowledged, {lost} lost")
    assert lost > 0, "the harness failed to notice laps acknowledged but never made durable"
    assert any("acknowledged laps are missing" in problem for problem in problems)
