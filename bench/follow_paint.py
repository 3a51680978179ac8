"""A followed live-feed snapshot → the Practice board painted (DESIGN §6: ≤ 100 ms).

Runs the app's own path offscreen: the main window on the Practice tab, the snapshot's bytes
handed to `LiveFollower` as its worker thread hands them (read, stored, the tabs told), and
the clock stops at the end of the last paint the snapshot caused. `python -m bench.follow_paint
DB EVENT SNAPSHOT…` prints one JSON line of per-snapshot milliseconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench.lap_widgets import _open_window, _PaintWatch, _settled_ms
from persistence.feeds import FileFeedReader
from persistence.feeds.source import FileSource
from ui.dialogs.follow_feed import LiveFollower
from ui.tabs.practice_tab import PracticeTab


def follow(db: str, event_key: str, snapshots: list[Path]) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)
    window, tab = _open_window(Path(db), event_key, "Practice")
    if not isinstance(tab, PracticeTab) or window.context is None:
        raise RuntimeError("The Practice tab was not found in the main window.")
    views = [tab.log_panel.view.viewport(), tab.board_view.viewport(), tab.chart.viewport()]
    watch = _PaintWatch(views)
    follower = LiveFollower(
        window.context, FileFeedReader(), FileSource(snapshots[0]), event_key, 60.0, window
    )
    steps: list[object] = []
    follower.stepped.connect(steps.append)
    times = []
    try:
        for path in snapshots:
            data = path.read_bytes()
            _settled_ms(app, watch, time.perf_counter())
            start = time.perf_counter()
            follower._store((data, None))  # as the fetch thread's signal delivers it
            times.append(_settled_ms(app, watch, start))
    finally:
        window.close_storage()
        window.deleteLater()
        app.processEvents()
    failed = [s for s in steps if not getattr(s, "ok", False)]
    if failed:
        raise RuntimeError(f"A snapshot was refused: {getattr(failed[0], 'status', '')}")
    return times


if __name__ == "__main__":
    print(json.dumps(follow(sys.argv[1], sys.argv[2], [Path(p) for p in sys.argv[3:]])))
