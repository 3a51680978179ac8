"""The selected car's driver as the eligibility rules see them: date of birth, Cup driver."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QPushButton, QWidget

from domain.model import Driver
from ui.widgets.inline_message import InlineMessage


class DriverEligibilityBox(QGroupBox):
    """Shows one driver for one season; Save asks for the edited driver (`save_clicked`)."""

    save_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Driver eligibility", parent)
        self.birth_date = QLineEdit(self)
        self.birth_date.setPlaceholderText("YYYY-MM-DD, or empty if not known")
        self.cup_driver = QCheckBox(self)
        self.save = QPushButton("Save &driver", self)
        self.message = InlineMessage(self)
        form = QFormLayout(self)
        form.addRow("Born", self.birth_date)
        form.addRow(self.cup_driver)
        form.addRow(self.save)
        form.addRow(self.message)
        self.save.clicked.connect(self.save_clicked)
        self._driver: Driver | None = None
        self._season = 0
        self.show_driver(None, 0)

    @property
    def driver(self) -> Driver | None:
        return self._driver

    def show_driver(self, driver: Driver | None, season: int) -> None:
        """The driver as stored (None: no car selected)."""
        self._driver, self._season = driver, season
        self.message.clear()
        self.message.setVisible(False)
        self.setTitle(f"Driver eligibility: {driver.name}" if driver else "Driver eligibility")
        # Short, so the side panel stays narrow at 1366 px; the rule itself is in the tooltip.
        self.cup_driver.setText(f"Cup driver in {season}" if season else "Cup driver this season")
        self.cup_driver.setToolTip(
            f"{driver.name if driver else 'The driver'} has more than three full-time Cup "
            "seasons: O'Reilly and Truck starts are limited (the season's rule pack says how many)"
        )
        born = driver.birth_date if driver else None
        self.birth_date.setText(f"{born:%Y-%m-%d}" if born else "")
        self.cup_driver.setChecked(bool(driver and driver.is_cup_driver(season)))
        for widget in (self.birth_date, self.cup_driver, self.save):
            widget.setEnabled(driver is not None)

    @property
    def season(self) -> int:
        return self._season
