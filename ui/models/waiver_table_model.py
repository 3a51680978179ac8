"""Playoff waivers as a table: driver, reason, status, what the waiver does, and a note."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from domain.model import Waiver, WaiverStatus
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import FLAGGED_TINT, IN_TINT, OUT_TINT


@dataclass(frozen=True, slots=True)
class WaiverLine:
    """A waiver with its driver's name and its effect, as the domain's playoff rules state it."""

    waiver: Waiver
    driver_name: str
    effect: str


_STATUS_TINT = {
    WaiverStatus.REQUESTED: FLAGGED_TINT,
    WaiverStatus.GRANTED: IN_TINT,
    WaiverStatus.DENIED: OUT_TINT,
}


def _tint(line: WaiverLine) -> QColor:
    return _STATUS_TINT[line.waiver.status]


_COLUMNS: list[Column[WaiverLine]] = [
    Column("Driver", lambda line: line.driver_name),
    Column("Reason", lambda line: str(line.waiver.reason)),
    Column("Status", lambda line: str(line.waiver.status), tint=_tint),
    Column("Approved", lambda line: "yes" if line.waiver.approved else "no"),
    Column("Effect", lambda line: line.effect, tooltip=lambda line: line.effect),
    Column("Note", lambda line: line.waiver.note, tooltip=lambda line: line.waiver.note),
]


class WaiverTableModel(ValueTableModel[WaiverLine]):
    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def waiver_at(self, row: int) -> Waiver:
        return self.row_value(row).waiver
