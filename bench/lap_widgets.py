"""Drives the real main window's Qualifying tab offscreen, the way a spotter logs laps."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from persistence.storage import open_storage
from ui.main_window import MainWindow
from ui.tabs.qualifying_tab import QualifyingTab


def _count_resets(models: list[QAbstractItemModel]) -> list[int]:
    resets = [0]
    for model in models:
        model.modelReset.connect(lambda: resets.__setitem__(0, resets[0] + 1))
    return resets


def _open_window(path: Path, event_key: str) -> tuple[MainWindow, QualifyingTab]:
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.attach_storage(open_storage(str(path)))
    window.select_event(event_key)
    window.show_tab("Qualifying")
    QApplication.processEvents()
    tab = window.tabs.currentWidget()
    if not isinstance(tab, QualifyingTab):
        raise RuntimeError("The Qualifying tab was not found in the main window.")
    return window, tab


def drive_qualifying_tab(
    path: Path, event_key: str, time_texts: list[str]
) -> tuple[list[float], int, int]:
    """Milliseconds from Enter to a settled screen per lap, model resets seen, final lap rows."""
    app = QApplication.instance() or QApplication(sys.argv)
    window, tab = _open_window(path, event_key)
    entry, laps = tab.log_panel.entry, tab.log_panel.model
    cars = sorted(tab.board.row_value(r).car_number for r in range(tab.board.rowCount()))
    resets = _count_resets([laps, tab.board])
    times = []
    try:
        for index, text in enumerate(time_texts):
            before = laps.rowCount()
            QTest.keyClicks(entry.car_edit, cars[index % len(cars)])
            QTest.keyClick(entry.car_edit, Qt.Key.Key_Tab)
            QTest.keyClicks(entry.time_edit, text)
            start = time.perf_counter()
            QTest.keyClick(entry.time_edit, Qt.Key.Key_Return)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
            if laps.rowCount() != before + 1:
                raise RuntimeError(f"Lap {index} was not logged: {entry.message.text()!r}")
        return times, resets[0], laps.rowCount()
    finally:
        window.close_storage()
        window.deleteLater()
        app.processEvents()
