"""Start-up: the real app (main.main) against a bare PySide6 window, each in fresh processes.

The parent passes its clock reading in TRACKSIDE_BENCH_T0 (perf_counter is CLOCK_MONOTONIC on
Linux, shared by every process), so each figure runs from before the interpreter starts. "Shown"
is the first event-loop turn after show(); "ready" is the turn after the app has opened its
storage and built its tabs (ui.app.open_into returned).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import Figure, median

RUNS = 5
RATIO_TARGET = 3.0
READY_TARGET_MS = 1000.0
_T0 = "TRACKSIDE_BENCH_T0"
ROOT = Path(__file__).resolve().parent.parent


def _since_start_ms() -> float:
    return (time.perf_counter() - float(os.environ[_T0])) * 1000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def bare_worker() -> None:
    """The yardstick: the smallest PySide6 program that puts a window on screen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()

    def shown() -> None:
        print(json.dumps({"shown_ms": _since_start_ms()}))
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


def _timed(open_into):
    """ui.app.open_into, noting when it started, how long open_storage took, and when it ended."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def timed_open_into(window, open_storage) -> bool:
        report = {"shown_ms": _since_start_ms()}  # run_gui queues open_into right after show()

        def timed_storage():
            started = time.perf_counter()
            storage = open_storage()
            report["storage_ms"] = (time.perf_counter() - started) * 1000
            return storage

        opened = open_into(window, timed_storage)

        def ready() -> None:
            report["ready_ms"] = _since_start_ms()
            report["tabs_ms"] = report["ready_ms"] - report["shown_ms"] - report["storage_ms"]
            report.update(
                opened=opened,
                tabs=window.tabs.count(),
                charts_imported="pyqtgraph" in sys.modules,
                peak_mb=_peak_mb(),
            )
            print(json.dumps(report), flush=True)
            QApplication.exit(0)

        QTimer.singleShot(0, ready)
        return opened

    return timed_open_into


def app_worker(database: str) -> None:
    """main.main(["--db", ...]) exactly as a user starts it, with open_into timed."""
    import main
    import ui.app

    ui.app.open_into = _timed(ui.app.open_into)
    main.main(["--db", database])


def _run(args: list[str], home: Path) -> dict:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),  # QSettings (window geometry, last event) stay in the temp folder
        "XDG_CONFIG_HOME": str(home / "config"),
        "TRACKSIDE_DATA_DIR": str(home / "data"),
        _T0: repr(time.perf_counter()),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.startup", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"start-up worker {args} reported nothing:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def figures(demo_database: Path, ten_seasons: Path, home: Path) -> list[Figure]:
    """Bare and app runs interleaved, so a busy moment on the machine hits both alike."""
    bare, app = [], []
    for _ in range(RUNS):
        bare.append(_run(["bare"], home)["shown_ms"])
        app.append(_run(["app", str(demo_database)], home))
    big = _run(["app", str(ten_seasons)], home)
    bare_ms = median(bare)
    shown_ms = median([run["shown_ms"] for run in app])
    ready_ms = median([run["ready_ms"] for run in app])
    last = app[-1]
    state = (
        f"shown {shown_ms:.0f} + open_storage {median([r['storage_ms'] for r in app]):.0f} + "
        f"tabs and latest event {median([r['tabs_ms'] for r in app]):.0f} ms; {last['tabs']} "
        f"tabs, charts {'imported' if last['charts_imported'] else 'NOT imported'}"
    )
    return [
        Figure("Bare PySide6 window shown (median)", bare_ms, "ms", None, f"{RUNS} processes"),
        Figure("App window shown (median)", shown_ms, "ms", None, f"{RUNS} processes, demo db"),
        Figure("App window shown ÷ bare window", shown_ms / bare_ms, "x", RATIO_TARGET),
        Figure("App fully ready, demo database (median)", ready_ms, "ms", READY_TARGET_MS, state),
        Figure(
            "App fully ready, ten-season database",
            big["ready_ms"],
            "ms",
            None,
            f"open_storage {big['storage_ms']:.0f} + tabs and latest event {big['tabs_ms']:.0f} ms",
        ),
        Figure(
            "Peak memory, app with the ten-season database open",
            big["peak_mb"],
            "MB",
            None,
            "ru_maxrss after the latest event is shown",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare_worker()
    else:
        app_worker(sys.argv[2])
