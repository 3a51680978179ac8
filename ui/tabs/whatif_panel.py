"""What-if: pick a driver and a goal for the next race and read what finish it takes."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.rules.whatif import Goal, Scenario
from ui.widgets.inline_message import InlineMessage

NO_START = 0  # the rival-finish box's special value: the rival does not start


class WhatIfPanel(QWidget):
    """Emits `asked(driver_id, goal, scenario)`; the tab answers with `show_answer`.

    Nothing is stored: the answer is computed from the current standings and thrown away.
    """

    asked = Signal(object, object, object)  # driver id, Goal, Scenario

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_race = QLabel(self)
        self.driver = QComboBox(self)
        self.driver.setMinimumContentsLength(16)
        self.goal = QComboBox(self)
        for goal in Goal:
            self.goal.addItem(goal.value, goal.value)  # plain text: Qt keeps str, not StrEnum
        self.stage_points = QSpinBox(self)
        self.stage_points.setRange(0, 40)
        self.rival_finish = QSpinBox(self)
        self.rival_finish.setSpecialValueText("does not start")
        self.rival_stage_points = QSpinBox(self)
        self.rival_stage_points.setRange(0, 40)
        self.ask_button = QPushButton("What does it take?", self)
        self.answer = QLabel(self)
        self.answer.setWordWrap(True)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message = InlineMessage(self)
        self._field_size = 40
        self._lay_out()
        self.ask_button.clicked.connect(self._ask)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Driver", self.driver)
        form.addRow("Goal", self.goal)
        form.addRow("Driver's stage points", self.stage_points)
        form.addRow("Rival finishes", self.rival_finish)
        form.addRow("Rival's stage points", self.rival_stage_points)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>What if…</b> (nothing is saved)", self))
        layout.addWidget(self.next_race)
        layout.addLayout(form)
        layout.addWidget(self.ask_button)
        layout.addWidget(self.message)
        layout.addWidget(self.answer, 1)

    def set_choices(
        self, drivers: Sequence[tuple[str, UUID]], next_race: str, field_size: int
    ) -> None:
        chosen = self.driver.currentData()
        self.driver.clear()
        for label, driver_id in drivers:
            self.driver.addItem(label, driver_id)
        if chosen is not None and self.driver.findData(chosen) >= 0:
            self.driver.setCurrentIndex(self.driver.findData(chosen))
        self.next_race.setText(f"Next race: {next_race}")
        self._field_size = field_size
        self.rival_finish.setRange(NO_START, field_size)

    def choose(self, driver_id: UUID, goal: Goal) -> None:
        self.driver.setCurrentIndex(self.driver.findData(driver_id))
        self.goal.setCurrentIndex(self.goal.findData(goal.value))

    def _ask(self) -> None:
        driver_id = self.driver.currentData()
        if driver_id is None:
            return
        rival_finish = self.rival_finish.value()
        scenario = Scenario(
            field_size=self._field_size,
            rival_finish=None if rival_finish == NO_START else rival_finish,
            rival_stage_points=self.rival_stage_points.value(),
            stage_points=self.stage_points.value(),
        )
        self.asked.emit(driver_id, Goal(self.goal.currentData()), scenario)

    def show_answer(self, sentences: Sequence[str]) -> None:
        """The domain's sentences; an empty list clears the answer (e.g. after a refusal)."""
        self.answer.setText("\n".join(sentences))
