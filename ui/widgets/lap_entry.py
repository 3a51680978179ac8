"""Keyboard-first lap logging: car number, Tab, time or speed, Enter. No dialog on the way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
        self.time_edit = _field("1:32.368", 11, big, self)
        self.time_edit.setToolTip(
            "A time (29.876, 1:32.368, 1.32.368, 92.368) or a speed (86.1 mph, 138.6 km/h)"
        )
        self.log_button = QPushButton("Log lap", self)
        self.log_button.setFont(big)
        self.keep_car = QCheckBox("Keep car", self)
        self.keep_car.setToolTip(
            "Logging one car's run: the car number stays after each lap, only the time clears"
        )
        self.message = InlineMessage(self)
        self.question = InlineMessage(self)  # a lap that looks wrong: Enter logs it, Esc fixes it
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
        layout.addWidget(self.keep_car)  # its own line: the lap log stays narrow beside a board
        layout.addWidget(self.message)
        layout.addWidget(self.question)
        self.car_edit.returnPressed.connect(self.time_edit.setFocus)
        self.time_edit.returnPressed.connect(self.submit)
        self.log_button.clicked.connect(self.submit)
        self.setTabOrder(self.car_edit, self.time_edit)

    def submit(self) -> bool:
        """Log what is typed; True when the lap was saved."""
        car, time = self.car_edit.text(), self.time_edit.text()
        if not self._log_lap(car, time):
            return False
        self.question.setVisible(False)
        # setText, not clear(): it empties the field's own undo too, so Ctrl+Z now undoes the
        # lap just logged (ui/undo_keys.py) instead of bringing the typed text back.
        self.time_edit.setText("")
        if self.keep_car.isChecked():
            self.time_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.car_edit.setText("")
            self.car_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def ask(self, question: str) -> None:
        """A lap that looks wrong: say why and how to go on; the typed text stays."""
        self.message.setVisible(False)
        self.question.setText(f"{question}  Enter: log it anyway · Esc: fix it")
        self.question.setVisible(True)
        self.time_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_messages(self) -> None:
        self.message.clear()
        self.message.setVisible(False)
        self.question.setVisible(False)

    def asking(self) -> bool:
        return not self.question.isHidden()  # shown or not yet painted: the question stands

    def escape(self) -> None:
        """Esc: drop a pending question and fix the time; otherwise back to the Car field."""
        if self.asking():
            self.question.setVisible(False)
            self.time_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.time_edit.selectAll()
            return
        self.focus_car()

    def focus_car(self) -> None:
        """Where every tab switch and Esc put the spotter: the Car field, ready to type over."""
        self.car_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.car_edit.selectAll()

    def type_car(self, text: str) -> None:
        """Digits typed elsewhere in the tab (the lap list) start a new car number."""
        self.car_edit.setText(text)
        self.car_edit.setFocus(Qt.FocusReason.OtherFocusReason)

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
