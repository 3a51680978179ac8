"""One route for errors: expected ones become inline text, warnings or critical dialogs; bugs
go to a single excepthook that logs them."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from domain.errors import DomainError, StorageError, TracksideError

log = logging.getLogger(__name__)


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """Show a modal message box; tests replace this to read what would have been shown."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def run_guarded(
    parent: QWidget | None, title: str, fn: Callable[[], object], inline: QLabel | None = None
) -> bool:
    """Run `fn`; a DomainError goes to `inline` (or a warning), a StorageError to a critical box.

    Returns True when `fn` succeeded. Anything else is a bug and propagates to the excepthook.
    """
    try:
        fn()
    except DomainError as exc:
        if inline is not None:
            inline.setText(str(exc))
            inline.setVisible(True)
        else:
            show_message(parent, QMessageBox.Icon.Warning, title, str(exc))
        return False
    except StorageError as exc:
        log.warning("%s: %s", title, exc)
        show_message(parent, QMessageBox.Icon.Critical, title, str(exc))
        return False
    if inline is not None:
        inline.clear()
        inline.setVisible(False)
    return True


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Log an unexpected exception and tell the user, instead of dying silently."""
    if isinstance(value, TracksideError) and QApplication.instance() is not None:
        # Expected, though it surfaced where nothing guarded it (a damaged page met by a
        # view's read): its own message says what happened and what to do.
        log.warning("%s (unguarded)", value, exc_info=(kind, value, tb))
        critical = isinstance(value, StorageError)
        icon = QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning
        title = "Trackside cannot use the database" if critical else "Trackside"
        show_message(QApplication.activeWindow(), icon, title, str(value))
        return
    log.error("Unexpected error", exc_info=(kind, value, tb))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    detail = "".join(traceback.format_exception_only(kind, value)).strip()
    show_message(
        QApplication.activeWindow(),
        QMessageBox.Icon.Critical,
        "Unexpected error",
        "Something went wrong that Trackside did not expect. Your saved laps and results are "
        f"safe; the details are in the log.\n\n{detail}",
    )


def install_excepthook() -> None:
    """Route every uncaught exception through one handler (DESIGN §4)."""
    sys.excepthook = _excepthook
