"""Start-up: the real app (main.main) against a bare PySide6 window, each in fresh processes.

The parent passes its clock reading in TRACKSIDE_BENCH_T0 (perf_counter is CLOCK_MONOTONIC on
Linux, shared by every process), so each figure runs from before the interpreter starts. The
app's own hook (ui.app.BENCH_T0) reports "painted" on the turn after the window's first paint
(ui/first_paint.py; the bare window is timed the same way), "ready" when MainWindow.ready
fires (storage open, the chosen weekend in the visible tab) and
"settled" when MainWindow.settled does (every tab built, pyqtgraph loaded). Peak memory is the
app process's own, reported once the app has quit (bench.measure.peak_memory_mb).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.measure import Figure, median, peak_memory_mb

RUNS = 5
# Issue 17: the first painted frame ≤ 2× a bare window's first painted frame, and fully ready
# ≤ 4× it, both in the same run (DESIGN §6: a ratio where the machine's speed would decide).
PAINTED_RATIO_TARGET = 2.0
READY_RATIO_TARGET = 4.0
CHART_TAB = "Qualifying"  # a chart tab: its board is ready first, the chart draws after ready
_T0 = "TRACKSIDE_BENCH_T0"
ROOT = Path(__file__).resolve().parent.parent


def _since_start_ms() -> float:
    return (time.perf_counter() - float(os.environ[_T0])) * 1000


def bare_worker() -> None:
    """The yardstick: the smallest PySide6 program that puts a window on screen."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.first_paint import after_first_paint

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()

    def painted() -> None:
        print(json.dumps({"painted_ms": _since_start_ms()}))
        app.quit()

    after_first_paint(window, painted)
    app.exec()


# What the card's fixed storage libraries cost on their own (README: PySide6, SQLModel): the
# bare window, then the imports any Trackside start needs before it can read a weekend. No
# Trackside code runs, so this ratio is the floor under ready (charts load after ready).
FLOORS = {"storage": ("sqlmodel", "sqlalchemy.orm")}


def floor_worker(libraries: str) -> None:
    """The bare window; once it has painted, import FLOORS[libraries] and report the time."""
    import importlib

    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.first_paint import after_first_paint

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()

    def painted() -> None:
        for name in FLOORS[libraries]:
            importlib.import_module(name)
        print(json.dumps({"loaded_ms": _since_start_ms()}))
        app.quit()

    after_first_paint(window, painted)
    app.exec()


def app_worker(database: str, tab: str) -> None:
    """main.main(["--db", ...]) exactly as a user starts it; the app reports through BENCH_T0.

    `tab` is the tab remembered from the last run, which start-up builds first ("" for none).
    """
    import main
    from ui import settings

    settings.remember_tab(tab)
    main.main(["--db", database])
    print(json.dumps({"peak_mb": peak_memory_mb()}))


def _run(args: list[str], home: Path) -> dict:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),  # QSettings (window geometry, last event) stay in the temp folder
        "XDG_CONFIG_HOME": str(home / "config"),
        "TRACKSIDE_DATA_DIR": str(home / "data"),
        _T0: repr(time.perf_counter()),
    }
    with tempfile.TemporaryFile("w+") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "bench.startup", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        watchdog = threading.Timer(60, child.kill)
        watchdog.start()
        stdout, _ = child.communicate()
        watchdog.cancel()
        stderr.seek(0)
        lines = [line for line in stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise RuntimeError(f"start-up worker {args} reported nothing:\n{stderr.read()[-2000:]}")
    report: dict = {}
    for line in lines:  # the app's timings, then the worker's peak memory
        report.update(json.loads(line))
    return report


def _ready_detail(app: list[dict], painted_ms: float, ready_ms: float) -> str:
    storage_ms = median([run["storage_ms"] for run in app])
    return (
        f"painted {painted_ms:.0f} + open_storage {storage_ms:.0f} + the visible tab built and "
        f"loaded {ready_ms - painted_ms - storage_ms:.0f} ms; pyqtgraph "
        f"{'loaded' if app[-1]['charts_at_ready'] else 'not yet loaded'}"
    )


def figures(demo_database: Path, ten_seasons: Path, home: Path) -> list[Figure]:
    """Bare and app runs interleaved, so a busy moment on the machine hits both alike."""
    bare, app, charted = [], [], []
    floors: dict[str, list[float]] = {name: [] for name in FLOORS}
    for _ in range(RUNS):
        bare.append(_run(["bare"], home)["painted_ms"])
        app.append(_run(["app", str(demo_database), "Entry list"], home))
        charted.append(_run(["app", str(demo_database), CHART_TAB], home))
        for name, times in floors.items():
            times.append(_run(["floor", name], home)["loaded_ms"])
    big = _run(["app", str(ten_seasons), "Entry list"], home)
    bare_ms = median(bare)
    painted_ms = median([run["painted_ms"] for run in app])
    ready_ms = median([run["ready_ms"] for run in app])
    settled_ms = median([run["settled_ms"] for run in app])
    state = _ready_detail(app, painted_ms, ready_ms)
    charted_ms = median([run["ready_ms"] for run in charted])
    charted_state = _ready_detail(charted, median([r["painted_ms"] for r in charted]), charted_ms)
    return [
        Figure("Bare PySide6 window painted (median)", bare_ms, "ms", None, f"{RUNS} processes"),
        Figure("App window painted (median)", painted_ms, "ms", None, "“Opening trackside.db…”"),
        Figure("App window painted ÷ bare window", painted_ms / bare_ms, "x", PAINTED_RATIO_TARGET),
        Figure("App fully ready, demo database (median)", ready_ms, "ms", None, state),
        Figure("App fully ready ÷ bare window", ready_ms / bare_ms, "x", READY_RATIO_TARGET),
        Figure(
            f"App fully ready on {CHART_TAB}, demo database (median)",
            charted_ms,
            "ms",
            None,
            f"the remembered tab has a chart (drawn after ready): {charted_state}",
        ),
        Figure(
            f"App fully ready on {CHART_TAB} ÷ bare window",
            charted_ms / bare_ms,
            "x",
            READY_RATIO_TARGET,
        ),
        *(
            Figure(
                f"Floor: bare window + {name} libraries ÷ bare window",
                median(times) / bare_ms,
                "x",
                None,
                f"{median(times):.0f} ms: {', '.join(FLOORS[name])} imported, no Trackside code",
            )
            for name, times in floors.items()
        ),
        Figure(
            "App settled, demo database (median)",
            settled_ms,
            "ms",
            None,
            f"after ready: the other {app[-1]['tabs'] - 1} tabs built in idle turns, pyqtgraph "
            "loaded",
        ),
        Figure(
            "App fully ready, ten-season database",
            big["ready_ms"],
            "ms",
            None,
            f"open_storage {big['storage_ms']:.0f} ms; settled at {big['settled_ms']:.0f} ms",
        ),
        Figure(
            "Peak memory, app with the ten-season database open",
            big["peak_mb"],
            "MB",
            None,
            "peak resident memory (VmHWM) of the app process, which quits once settled",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare_worker()
    elif sys.argv[1] == "floor":
        floor_worker(sys.argv[2])
    else:
        app_worker(sys.argv[2], sys.argv[3])
