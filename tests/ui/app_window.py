"""The main window as main.py builds it (real opener, exporter, backups), over a demo copy."""

from __future__ import annotations

import pytest

import main
from ui.app import open_into
from ui.main_window import MainWindow

# The offscreen platform cannot size a shown main window's toolbar; that is not our warning.
OFFSCREEN_TOOLBAR = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shown_app_window(qtbot) -> MainWindow:
    """Shown with no database yet, as run_gui shows it."""
    window = MainWindow(
        open_storage=main.open_storage,
        export_weekend=main.export_weekend,
        backups=main.FileBackups(),
    )
    qtbot.addWidget(window)
    window.show()
    return window


def open_app_window(qtbot, database: str) -> MainWindow:
    """Shown, then opened the way run_gui does it; the caller closes its storage."""
    window = shown_app_window(qtbot)
    assert open_into(window, lambda: main.open_storage(database))
    return window
