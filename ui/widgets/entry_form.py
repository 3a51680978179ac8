"""The fields of one entry (car, driver, team, owner, make, charter, OEP, "(i)")."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from domain.services import EntryView


class EntryForm(QWidget):
    """Plain inputs; the domain checks them when the tab saves (ensure_car_number and friends)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.car = QLineEdit(self)
        self.car.setPlaceholderText("e.g. 11, 07, 00")
        self.driver = QLineEdit(self)
        self.team = QLineEdit(self)
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("the team, if left empty")
        self.make = QLineEdit(self)
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
