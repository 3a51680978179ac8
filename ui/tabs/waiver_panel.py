"""Playoff waivers of the season: request one for a driver, grant or deny it, see its effect."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.model import Waiver, WaiverReason, WaiverStatus
from ui.models.waiver_table_model import WaiverLine, WaiverTableModel
from ui.tabs.standings_tab import make_table
from ui.widgets.inline_message import InlineMessage


class WaiverPanel(QWidget):
    """Emits `requested(driver_id, reason, note)`, `decided(waiver, status)` and
    `approval(waiver, approved)` (NASCAR initiated or approved the absence: 2026 Chase rule)."""

    requested = Signal(object, object, str)  # driver id, WaiverReason, note
    decided = Signal(object, object)  # Waiver, WaiverStatus
    approval = Signal(object, bool)  # Waiver, approved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WaiverTableModel(self)
        self.table = make_table(self, self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.driver = QComboBox(self)
        self.driver.setMinimumContentsLength(12)
        self.reason = QComboBox(self)
        for reason in WaiverReason:
            self.reason.addItem(reason.value, reason.value)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("note, e.g. requested by the team")
        self.request_button = QPushButton("Request waiver", self)
        self.grant_button = QPushButton("Grant", self)
        self.deny_button = QPushButton("Deny", self)
        self.approve_button = QPushButton("Approved absence", self)
        self.approve_button.setToolTip(
            "NASCAR initiated or approved the absence (medical, a suspension): from 2026 the "
            "driver is seeded by points; any other waived absence starts the Chase at the base."
        )
        self.message = InlineMessage(self)
        self._lay_out()
        self.request_button.clicked.connect(self._request)
        self.note.returnPressed.connect(self._request)
        self.grant_button.clicked.connect(lambda: self._decide(WaiverStatus.GRANTED))
        self.deny_button.clicked.connect(lambda: self._decide(WaiverStatus.DENIED))
        self.approve_button.clicked.connect(self._toggle_approved)

    def _lay_out(self) -> None:
        request = QHBoxLayout()
        for widget in (self.driver, self.reason, self.note, self.request_button):
            request.addWidget(widget)
        request.setStretch(2, 1)
        self.note.setMinimumWidth(self.note.fontMetrics().horizontalAdvance("0") * 16)
        decide = QHBoxLayout()
        decide.addWidget(QLabel("Selected waiver:", self))
        decide.addWidget(self.grant_button)
        decide.addWidget(self.deny_button)
        decide.addWidget(self.approve_button)
        decide.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Waivers</b> (a driver who misses a race needs one)", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addLayout(request)
        layout.addWidget(self.message)

    def set_waivers(self, lines: Sequence[WaiverLine], drivers: Sequence[tuple[str, UUID]]) -> None:
        chosen = self.driver.currentData()
        self.model.set_rows(lines)
        self.driver.clear()
        for label, driver_id in drivers:
            self.driver.addItem(label, driver_id)
        if chosen is not None and self.driver.findData(chosen) >= 0:
            self.driver.setCurrentIndex(self.driver.findData(chosen))

    def select_waiver_of(self, driver_id: UUID) -> None:
        row = self.model.find_row(lambda line: line.waiver.driver_id == driver_id)
        if row is not None:
            self.table.selectRow(row)

    def selected_waiver(self) -> Waiver | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.waiver_at(rows[0].row()) if rows else None

    def _request(self) -> None:
        driver_id = self.driver.currentData()
        if driver_id is not None:
            self.requested.emit(
                driver_id, WaiverReason(self.reason.currentData()), self.note.text()
            )

    def _decide(self, status: WaiverStatus) -> None:
        waiver = self._chosen()
        if waiver is not None:
            self.decided.emit(waiver, status)

    def _toggle_approved(self) -> None:
        waiver = self._chosen()
        if waiver is not None:
            self.approval.emit(waiver, not waiver.approved)

    def _chosen(self) -> Waiver | None:
        waiver = self.selected_waiver()
        if waiver is None:
            self.message.setText("Select a waiver in the list first.")
            self.message.setVisible(True)
        return waiver
