"""The fields of one entry (car, driver, team, owner, make, charter, OEP, "(i)")."""

from __future__ import annotations

import re
from typing import cast

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from domain.services import EntryView
from ui.widgets.inline_message import InlineMessage


class EntryForm(QWidget):
    """Plain inputs; the domain checks them when the tab saves (ensure_car_number and friends)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.car = QLineEdit(self)
        self.car.setPlaceholderText("e.g. 11, 07, 00")
        self.driver = QLineEdit(self)
        self.driver.setPlaceholderText("as on the entry list")
        self.team = QLineEdit(self)
        self.team.setPlaceholderText("e.g. Tricon Garage")
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("the team, if left empty")
        self.make = QLineEdit(self)
        self.make.setPlaceholderText("e.g. Chevrolet, Ford, Toyota")
        self.message = InlineMessage(self)  # a refusal, moved under the input it is about
        self.guaranteed = QCheckBox("Guaranteed (chartered)", self)
        self.oep = QCheckBox("Open Exemption Provisional", self)
        self.ineligible = QCheckBox('"(i)": no driver points in this series', self)
        checks = QVBoxLayout()
        for box in (self.guaranteed, self.oep, self.ineligible):
            checks.addWidget(box)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("&Car", self.car)
        layout.addRow("&Entered driver", self.driver)
        layout.addRow("&Team", self.team)
        layout.addRow("&Owner", self.owner)
        layout.addRow("&Make", self.make)
        layout.addRow(checks)
        layout.addRow(self.message)
        self._layout = layout
        # What each input is called in a refusal when it was left empty ("Enter the make.").
        self._nouns = {self.car: "car number", self.driver: "driver", self.team: "team"}
        self._nouns |= {self.make: "make"}

    def fields(self) -> dict:
        """As `services.add_entry` takes them (after the event id)."""
        return {
            "car_text": self.car.text(),
            "driver_name": self.driver.text(),
            "team": self.team.text(),
            "owner": self.owner.text(),
            "make": self.make.text(),
            "guaranteed": self.guaranteed.isChecked(),
            "oep": self.oep.isChecked(),
            "points_eligible": not self.ineligible.isChecked(),
        }

    def place_message(self) -> None:
        """Move the shown refusal under the input it is about and put the cursor there.

        The typed text stays, so a cold-handed correction is one keystroke away.
        """
        about = self._input_named_in(self.message.text())
        self._layout.takeRow(self.message)
        row = self._layout.rowCount()
        if about is not None:
            position = cast(tuple[int, object], self._layout.getWidgetPosition(about))
            row = position[0] + 1
            about.setFocus()
            about.selectAll()
        self._layout.insertRow(row, self.message)
        self.message.setVisible(bool(self.message.text()))

    def _input_named_in(self, text: str) -> QLineEdit | None:
        """The input whose typed value (or, if empty, whose name) the message mentions first."""
        found: list[tuple[int, QLineEdit]] = []
        for edit, noun in self._nouns.items():
            typed = edit.text().strip()
            if not typed:
                pattern = re.escape(noun)
            elif edit is self.car:  # "No. 78 is already…", "“1x” is not a car number"
                pattern = rf"(?:No\. |“){re.escape(typed)}(?![0-9A-Za-z])"
            else:
                pattern = re.escape(typed)
            match = re.search(pattern, text, re.IGNORECASE)
            if match:
                found.append((match.start(), edit))
        return min(found, key=lambda hit: hit[0])[1] if found else None

    def show_entry(self, view: EntryView) -> None:
        entry = view.entry
        self.car.setText(entry.car_number)
        self.driver.setText(view.entered_driver.name)
        self.team.setText(entry.team)
        self.owner.setText(entry.owner)
        self.make.setText(entry.make)
        self.guaranteed.setChecked(entry.guaranteed)
        self.oep.setChecked(entry.oep)
        self.ineligible.setChecked(not entry.points_eligible)

    def clear(self) -> None:
        for edit in (self.car, self.driver, self.team, self.owner, self.make):
            edit.clear()
        for box in (self.guaranteed, self.oep, self.ineligible):
            box.setChecked(False)
