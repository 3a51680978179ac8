"""Starts the desktop app: the window first, then the database on the event loop's first turn."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from domain.errors import TracksideError
from domain.ports import Storage
from ui import errors, settings
from ui.main_window import MainWindow
from ui.theme import apply_theme

log = logging.getLogger(__name__)

EXIT_STORAGE_FAILED = 2


def run_gui(open_storage: Callable[[], Storage]) -> int:
    """Show the window at once (DESIGN §6: ≤ 300 ms), then open the storage and fill it.

    A database that cannot be opened (not a database, damaged, newer, in use, missing) gets a
    critical message and a non-zero exit; the file is never touched.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    errors.install_excepthook()
    apply_theme(app)
    window = MainWindow()
    window.show()
    QTimer.singleShot(0, lambda: open_into(window, open_storage))
    code = app.exec()
    window.close_storage()
    return code


def open_into(window: MainWindow, open_storage: Callable[[], Storage]) -> bool:
    """Open the storage and attach it; on failure say why and end the event loop with an error."""
    try:
        window.attach_storage(open_storage())
    except TracksideError as exc:
        log.error("Could not open the database: %s", exc)
        errors.show_message(
            window, QMessageBox.Icon.Critical, "Trackside cannot open the database", str(exc)
        )
        QApplication.exit(EXIT_STORAGE_FAILED)
        return False
    return True
