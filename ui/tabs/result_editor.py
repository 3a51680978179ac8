"""A one-row, keyboard-first editor for a race result: type, Tab, Enter; errors stay inline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from domain.errors import ValidationError
from domain.model import RaceResult
from ui.widgets.inline_message import InlineMessage

STATUSES = ("running", "accident", "engine", "suspension", "electrical", "dvp", "parked")


def parse_count(text: str, what: str, *, optional: bool = False) -> int | None:
    """A whole number typed by the user, or a message that says what to type instead."""
    text = text.strip()
    if not text and optional:
        return None
    if not text.isdigit():
        hint = " or leave it empty" if optional else ""
        raise ValidationError(f"{what} must be a whole number (e.g. 12){hint}; “{text}” is not.")
    return int(text)


class ResultEditor(QWidget):
    """Emits `submitted(fields)` for a new result or `corrected(old, new)` for a loaded one.

    The owner saves through an undo command; on success it calls `clear_for_next()`, on a
    refusal it calls `show_error()` and the typed text stays as it was.
    """

    submitted = Signal(dict)  # keyword arguments for services_results.enter_result
    corrected = Signal(object, object)  # (stored RaceResult, corrected RaceResult)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: RaceResult | None = None
        self._car_drivers: dict[str, UUID] = {}
        self.finish = self._line("Fin", 4)
        self.car = self._line("Car", 4)
        self.driver = QComboBox(self)
        self.driver.setMinimumContentsLength(16)
        self.status = QComboBox(self)
        self.status.setEditable(True)
        self.status.addItems(STATUSES)
        self.laps = self._line("Laps", 4)
        self.laps_led = self._line("Led", 4)
        self.stage1 = self._line("S1", 3)
        self.stage2 = self._line("S2", 3)
        self.stage3 = self._line("S3", 3)  # a third scored stage (the Coca-Cola 600)
        self.fastest_lap = QCheckBox("Fastest lap", self)
        self.garage_repair = QCheckBox("Garage repair", self)
        self.garage_repair.setToolTip(
            "Repaired in the garage (Damaged Vehicle Policy): from 2026 no fastest-lap point"
        )
        self.replacement = QCheckBox("Replacement start", self)
        self.replacement.setToolTip(
            "It failed to qualify but started in place of a qualified car that could not."
        )
        self.save_button = QPushButton("Save result", self)
        self.message = InlineMessage(self)
        self._lay_out()
        self.car.textEdited.connect(self._car_typed)
        self.save_button.clicked.connect(self.submit)
        status_line = self.status.lineEdit()
        if status_line is not None:  # the status box is editable, so it has one
            status_line.returnPressed.connect(self.submit)

    def _line(self, placeholder: str, width_chars: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * (width_chars + 4))
        edit.returnPressed.connect(self.submit)
        return edit

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        widgets = [
            ("Fin", self.finish),
            ("Car", self.car),
            ("Driver", self.driver),
            ("Status", self.status),
            ("Laps", self.laps),
            ("Led", self.laps_led),
            ("Stage 1", self.stage1),
            ("Stage 2", self.stage2),
            ("Stage 3", self.stage3),
            ("", self.fastest_lap),
            ("", self.garage_repair),
            ("", self.replacement),
            ("", self.save_button),
        ]
        for column, (label, widget) in enumerate(widgets):
            grid.addWidget(QLabel(label, self), 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.message, 2, 0, 1, len(widgets))
        grid.setColumnStretch(len(widgets), 1)

    # Filling ------------------------------------------------------------------------------
    def set_choices(
        self, drivers: Sequence[tuple[str, UUID]], car_drivers: dict[str, UUID]
    ) -> None:
        """The event's drivers (label, id) and who drives each car in the race."""
        self._car_drivers = dict(car_drivers)
        self.driver.clear()
        for label, driver_id in drivers:
            self.driver.addItem(label, driver_id)

    def load(self, result: RaceResult) -> None:
        """Show a stored result for correction; Save then corrects instead of adding."""
        self._loaded = result
        self.finish.setText(str(result.finish))
        self.car.setText(result.car_number)
        self._select_driver(result.driver_id)
        self.status.setCurrentText(result.status)
        self.laps.setText(str(result.laps))
        self.laps_led.setText(str(result.laps_led))
        self.stage1.setText("" if result.stage1 is None else str(result.stage1))
        self.stage2.setText("" if result.stage2 is None else str(result.stage2))
        self.stage3.setText("" if result.stage3 is None else str(result.stage3))
        self.fastest_lap.setChecked(result.fastest_lap)
        self.garage_repair.setChecked(result.garage_repair)
        self.replacement.setChecked(result.replacement_start)
        self.save_button.setText("Save correction")
        self.show_error("")

    def clear_for_next(self, next_finish: int) -> None:
        """Ready for the next car: the finish counts on, the rest is empty, focus on the car."""
        self._loaded = None
        self.save_button.setText("Save result")
        self.finish.setText(str(next_finish))
        for edit in (self.car, self.laps, self.laps_led, self.stage1, self.stage2, self.stage3):
            edit.clear()
        self.status.setCurrentText(STATUSES[0])
        self.fastest_lap.setChecked(False)
        self.garage_repair.setChecked(False)
        self.replacement.setChecked(False)
        self.show_error("")
        self.car.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @property
    def is_correcting(self) -> bool:
        return self._loaded is not None

    # Reading ------------------------------------------------------------------------------
    def _car_typed(self, text: str) -> None:
        driver_id = self._car_drivers.get(text.strip().upper())
        if driver_id is not None:
            self._select_driver(driver_id)

    def _select_driver(self, driver_id: UUID) -> None:
        index = self.driver.findData(driver_id)
        if index >= 0:
            self.driver.setCurrentIndex(index)

    def read_fields(self) -> dict:
        """The typed values as enter_result's keywords; a ValidationError names the bad one."""
        running = self.status.currentText().strip().lower() == "running"
        if running and not self.laps.text().strip():
            # An empty Laps was stored as 0: a car running at the finish ran the race.
            raise ValidationError(
                "Laps is empty: type the laps this car completed (a car running at the finish "
                "ran the race's distance, or close to it)."
            )
        laps = parse_count(self.laps.text() or "0", "Laps")
        return {
            "car_text": self.car.text(),
            "finish": parse_count(self.finish.text(), "The finish"),
            "driver_id": self.driver.currentData(),
            "status": self.status.currentText(),
            "laps": laps,
            "laps_led": parse_count(self.laps_led.text() or "0", "Laps led"),
            "stage1": parse_count(self.stage1.text(), "The stage 1 position", optional=True),
            "stage2": parse_count(self.stage2.text(), "The stage 2 position", optional=True),
            "stage3": parse_count(self.stage3.text(), "The stage 3 position", optional=True),
            "fastest_lap": self.fastest_lap.isChecked(),
            "garage_repair": self.garage_repair.isChecked(),
            "replacement_start": self.replacement.isChecked(),
        }

    def submit(self) -> None:
        try:
            fields = self.read_fields()
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        if self._loaded is None:
            self.submitted.emit(fields)
            return
        car = fields.pop("car_text").strip().upper()
        self.corrected.emit(self._loaded, replace(self._loaded, car_number=car, **fields))
