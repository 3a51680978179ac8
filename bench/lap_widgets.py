"""Drives the real main window's Qualifying and Practice tabs offscreen, as a spotter logs laps.

The clock runs from Return until the last event-loop turn that painted something the lap
changed (the lap list, the board, the chart): turns are run until two in a row paint nothing,
so a redraw deferred to a later turn (a coalesced chart) is inside the figure, not after it.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from persistence.storage import open_storage
from ui import start_up
from ui.app import collect_garbage_again
from ui.main_window import MainWindow
from ui.tabs.practice_tab import PracticeTab
from ui.tabs.qualifying_tab import QualifyingTab
from ui.theme import apply_theme

IDLE_TURNS = 2  # turns in a row without a paint before the screen counts as settled
SETTLE_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class LapTimes:
    """Per lap: ms from Return to the last paint; model resets seen; lap rows at the end."""

    times_ms: list[float]
    resets: int
    rows: int
    unpainted: int  # laps whose lap list never repainted (should be 0)


class _PaintWatch(QObject):
    """Counts paint events of the widgets that show a lap."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.count = 0
        self.lap_list_count = 0
        self._lap_list = widgets[0]
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.lap_list_count += watched is self._lap_list
        return False


def _count_resets(models: list[QAbstractItemModel]) -> list[int]:
    resets = [0]
    for model in models:
        model.modelReset.connect(lambda: resets.__setitem__(0, resets[0] + 1))
    return resets


def _open_window(path: Path, event_key: str, title: str) -> tuple[MainWindow, QWidget]:
    """The window with every tab built (`settled`): tabs built in idle turns are not timed.

    Garbage collection is handled as main.py and run_gui do: off while starting, then what
    start-up collected once and what lives on frozen when every tab is built (settled).
    """
    gc.disable()
    window = MainWindow()
    window.settled.connect(collect_garbage_again)
    settled: list[bool] = []
    window.settled.connect(lambda: settled.append(True))
    window.resize(1400, 900)
    window.show()
    window.attach_storage(open_storage(str(path)))
    window.select_event(event_key)
    window.show_tab(title)
    deadline = time.perf_counter() + SETTLE_TIMEOUT_S
    while not settled and time.perf_counter() < deadline:
        QApplication.processEvents()
    if not settled:
        raise RuntimeError(f"The main window did not build its tabs in {SETTLE_TIMEOUT_S} s.")
    return window, window.tabs.currentWidget()


def _settled_ms(app: QApplication, watch: _PaintWatch, start: float) -> float:
    """Run turns until IDLE_TURNS paint nothing; ms from `start` to the end of the last paint."""
    last_paint_end, idle, seen = time.perf_counter(), 0, watch.count
    while idle < IDLE_TURNS:
        app.processEvents()
        if watch.count != seen:
            seen, idle, last_paint_end = watch.count, 0, time.perf_counter()
        else:
            idle += 1
    return (last_paint_end - start) * 1000


def drive_tab(path: Path, event_key: str, title: str, time_texts: list[str]) -> LapTimes:
    """Type one lap per time text into the tab's LapEntry, cycling through the entered cars."""
    start_up.install()  # as main.py does, before the application exists
    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)  # the font the app runs with (ui/app.py run_gui)
    window, tab = _open_window(path, event_key, title)
    if not isinstance(tab, QualifyingTab | PracticeTab):
        raise RuntimeError(f"The {title} tab was not found in the main window.")
    entry, laps = tab.log_panel.entry, tab.log_panel.model
    with window.context.uow() as uow:
        cars = sorted(e.car_number for e in uow.entries.list_for_event(window.context.event.id))
    resets = _count_resets([laps, tab.board])
    views = [tab.log_panel.view.viewport(), tab.board_view.viewport(), tab.chart.viewport()]
    watch = _PaintWatch(views)
    times, unpainted = [], 0
    try:
        for index, text in enumerate(time_texts):
            before, painted = laps.rowCount(), watch.lap_list_count
            QTest.keyClicks(entry.car_edit, cars[index % len(cars)])
            QTest.keyClick(entry.car_edit, Qt.Key.Key_Tab)
            QTest.keyClicks(entry.time_edit, text)
            _settled_ms(app, watch, time.perf_counter())  # typing's own repaints are not timed
            start = time.perf_counter()
            QTest.keyClick(entry.time_edit, Qt.Key.Key_Return)
            times.append(_settled_ms(app, watch, start))
            if laps.rowCount() != before + 1:
                raise RuntimeError(f"Lap {index} was not logged: {entry.message.text()!r}")
            unpainted += watch.lap_list_count == painted
        return LapTimes(times, resets[0], laps.rowCount(), unpainted)
    finally:
        window.close_storage()
        window.deleteLater()
        app.processEvents()
