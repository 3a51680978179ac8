"""The playoff picture as a table: seed, driver, how they are in (or why not), gap to the cut."""

from __future__ import annotations

from PySide6.QtGui import QColor

from domain.rules.playoffs import PlayoffRow, PlayoffStatus
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import GUARANTEED_TINT, IN_TINT, OUT_TINT

_STATUS_TINT = {
    PlayoffStatus.IN_ON_WIN: GUARANTEED_TINT,
    PlayoffStatus.IN_ON_POINTS: IN_TINT,
    PlayoffStatus.OUT: None,
    PlayoffStatus.INELIGIBLE: OUT_TINT,
}


def _tint(row: PlayoffRow) -> QColor | None:
    return _STATUS_TINT[row.status]


def _to_cut(row: PlayoffRow) -> str:
    if row.to_cut is None:
        return ""
    return f"+{row.to_cut}" if row.to_cut > 0 else f"−{-row.to_cut}" if row.to_cut else "0"


def _number(header: str, get) -> Column[PlayoffRow]:
    return Column(
        header, lambda row: "" if get(row) is None else str(get(row)), sort=get, numeric=True
    )


_COLUMNS: list[Column[PlayoffRow]] = [
    _number("Seed", lambda row: row.seed),
    _number("Pos", lambda row: row.standing.position),
    Column("Driver", lambda row: row.standing.name),
    Column("Status", lambda row: row.status.value, tint=_tint),
    _number("Points", lambda row: row.standing.points),
    Column("To cut", _to_cut, sort=lambda row: row.to_cut, numeric=True),
    _number("Wins", lambda row: row.standing.wins),
    _number("Playoff pts", lambda row: row.playoff_points),
    _number("Reset", lambda row: row.reset_points),
    Column("Eligibility", lambda row: row.eligibility, tooltip=lambda row: row.eligibility),
]


class PlayoffTableModel(ValueTableModel[PlayoffRow]):
    """Rows in the domain's order: those in by seed, then those out, then the ineligible."""

    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def cut_row(self) -> int | None:
        """The last row inside the playoff field, under which the cut line is drawn."""
        inside = [i for i, row in enumerate(self._rows) if row.seed is not None]
        return inside[-1] if inside and inside[-1] < len(self._rows) - 1 else None

    def row_of_driver(self, driver_id) -> int | None:
        return self.find_row(lambda row: row.driver_id == driver_id)
