"""Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and redo the last action from anywhere in the window.

A text field answers those keys itself (Qt asks it first, with a ShortcutOverride event), so
after logging No. 5 at 31.234, Ctrl+Z in the emptied Car field refilled "5" and the lap stayed.
A field keeps its own text undo only while something is typed in it; an empty field lets the
keys through to the window's Undo and Redo, which undo the last logged lap, edit or result.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def _pressed(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


def _line_edit(widget: QObject) -> QLineEdit | None:
    if isinstance(widget, QLineEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        return widget.findChild(QLineEdit)
    return None


class UndoKeys(QObject):
    """Follows the focus and filters only the focused text field, never the whole app."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Installing the same filter again only moves it to the front: no bookkeeping needed.
        if new is not None and _line_edit(new) is not None:
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is not QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        edit = _line_edit(watched)
        if edit is None or edit.text():
            return False  # typing in progress: the field's own undo
        # Swallowed but not accepted: the field never sees the keys, the window's action does.
        return _pressed(event) in (*UNDO_KEYS, *REDO_KEYS)
