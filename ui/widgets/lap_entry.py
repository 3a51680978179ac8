"""Keyboard-first lap logging: car number, Tab, time or speed, Enter. No dialog on the way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.theme import headline_font
from ui.widgets.inline_message import InlineMessage

# (car text, time text) -> whether the lap was saved; a refusal is shown in `message` by it
LogLap = Callable[[str, str], bool]
TARGET_ROOM_PX = 14  # above and below the text of a field


class LapEntry(QWidget):
    """Calls `log_lap(car, time)`; on success clears the time and returns to the car field.

    On a refused lap the message appears beside the fields and both keep their text, so the
    spotter fixes one character instead of retyping.
    """

    def __init__(self, log_lap: LogLap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._log_lap = log_lap
        big = headline_font(self.font(), 1.3)
        self.car_edit = _field("Car", 5, big, self)
        self.time_edit = _field("1:32.368", 15, big, self)
        self.time_edit.setToolTip("A time (29.876, 1:32.368, 92.368) or a speed (86.1 mph)")
        self.log_button = QPushButton("Log lap", self)
        self.log_button.setFont(big)
        self.message = InlineMessage(self)
        row = QHBoxLayout()
        for label, widget in (("Car", self.car_edit), ("Time", self.time_edit)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addWidget(self.log_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.car_edit.returnPressed.connect(self.time_edit.setFocus)
        self.time_edit.returnPressed.connect(self.submit)
        self.log_button.clicked.connect(self.submit)
        self.setTabOrder(self.car_edit, self.time_edit)

    def submit(self) -> bool:
        """Log what is typed; True when the lap was saved."""
        car, time = self.car_edit.text(), self.time_edit.text()
        if not self._log_lap(car, time):
            return False
        self.car_edit.clear()
        self.time_edit.clear()
        self.car_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def set_enabled_for(self, why_not: str) -> None:
        """Enable the fields, or disable them and say why (no session, session cancelled)."""
        for widget in (self.car_edit, self.time_edit, self.log_button):
            widget.setEnabled(not why_not)
        self.setToolTip(why_not)


def _field(placeholder: str, width_chars: int, font: QFont, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setFont(font)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("0") * width_chars)
    edit.setMinimumHeight(edit.fontMetrics().height() + TARGET_ROOM_PX)  # for cold fingers
    return edit
