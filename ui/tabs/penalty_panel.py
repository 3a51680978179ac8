"""Penalties of the chosen race: apply one (points, playoff points, DQ, reason) or rescind it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.errors import ValidationError
from domain.model import Penalty
from ui.models.penalty_table_model import PenaltyLine, PenaltyTableModel
from ui.tabs.result_editor import parse_count
from ui.widgets.inline_message import InlineMessage


class PenaltyPanel(QWidget):
    """Emits `applied(car_text, amounts)` and `rescinded(penalty)`; the race tab saves them."""

    applied = Signal(str, dict)  # keywords for services_penalties.add_penalty
    rescinded = Signal(object)  # the Penalty

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.car = QLineEdit(self)
        self.driver_points = QLineEdit(self)
        self.owner_points = QLineEdit(self)
        self.playoff_points = QLineEdit(self)
        self.disqualified = QCheckBox("Disqualify", self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("e.g. L1: loose lug nut")
        self.apply_button = QPushButton("Apply penalty", self)
        self.rescind_button = QPushButton("Rescind selected", self)
        self.message = InlineMessage(self)
        self.model = PenaltyTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self._lay_out()
        for edit in (self.car, self.driver_points, self.owner_points, self.playoff_points):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * 8)
            edit.returnPressed.connect(self.submit)
        self.reason.returnPressed.connect(self.submit)
        self.apply_button.clicked.connect(self.submit)
        self.rescind_button.clicked.connect(self._rescind_selected)

    def _lay_out(self) -> None:
        grid = QGridLayout()
        widgets = [
            ("Car", self.car),
            ("Driver pts", self.driver_points),
            ("Owner pts", self.owner_points),
            ("Playoff pts", self.playoff_points),
            ("", self.disqualified),
            ("Reason", self.reason),
            ("", self.apply_button),
        ]
        for column, (label, widget) in enumerate(widgets):
            grid.addWidget(QLabel(label, self), 0, column)
            grid.addWidget(widget, 1, column)
        grid.setColumnStretch(5, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rescind_button)

    def set_penalties(self, lines: list[PenaltyLine]) -> None:
        self.model.set_rows(lines)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear(self) -> None:
        for edit in (self.car, self.driver_points, self.owner_points, self.playoff_points):
            edit.clear()
        self.reason.clear()
        self.disqualified.setChecked(False)
        self.show_error("")

    def submit(self) -> None:
        try:
            amounts: dict[str, object] = {
                "driver_points": parse_count(self.driver_points.text() or "0", "Driver points"),
                "owner_points": parse_count(self.owner_points.text() or "0", "Owner points"),
                "playoff_points": parse_count(self.playoff_points.text() or "0", "Playoff points"),
            }
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        amounts["disqualified"] = self.disqualified.isChecked()
        amounts["reason"] = self.reason.text()
        self.applied.emit(self.car.text(), amounts)

    def selected_penalty(self) -> Penalty | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.penalty_at(rows[0].row()) if rows else None

    def _rescind_selected(self) -> None:
        penalty = self.selected_penalty()
        if penalty is not None:
            self.rescinded.emit(penalty)
