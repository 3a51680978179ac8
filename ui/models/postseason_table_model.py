"""The postseason as a table: seed, driver, who is in, the round, reset, points since, cut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor

from domain.rules.postseason import PostseasonRow, PostseasonStatus
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import FLAGGED_TINT, GUARANTEED_TINT, IN_TINT, OUT_TINT

_STATUS_TINT = {
    PostseasonStatus.CHAMPION: FLAGGED_TINT,
    PostseasonStatus.ADVANCED: GUARANTEED_TINT,
    PostseasonStatus.IN: IN_TINT,
    PostseasonStatus.ELIMINATED: OUT_TINT,
    PostseasonStatus.NOT_IN: None,
    PostseasonStatus.REGULAR_SEASON: None,
}


def _tint(row: PostseasonRow) -> QColor | None:
    return _STATUS_TINT[row.status]


def _signed(value: int | None) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else f"−{-value}" if value else "0"


def _number(header: str, get: Callable[[PostseasonRow], int | None]) -> Column[PostseasonRow]:
    return Column(
        header, lambda row: "" if get(row) is None else str(get(row)), sort=get, numeric=True
    )


_COLUMNS: list[Column[PostseasonRow]] = [
    _number("Pos", lambda row: row.position),
    _number("Seed", lambda row: row.seed),
    Column("Driver", lambda row: row.standing.name),
    Column("Status", lambda row: row.status.value, tint=_tint),
    Column("Round", lambda row: row.round),
    _number("Points", lambda row: row.points),
    _number("Reset", lambda row: row.reset_points),
    _number("Since reset", lambda row: row.since_reset),
    Column("To cut", lambda row: _signed(row.to_cut), sort=lambda row: row.to_cut, numeric=True),
    _number("Finale", lambda row: row.finale_finish),
    _number("Wins", lambda row: row.standing.wins),
    _number("Season pts", lambda row: row.standing.points),
]


class PostseasonTableModel(ValueTableModel[PostseasonRow]):
    """Rows in the domain's order: those still in, the eliminated, then the rest of the field."""

    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def cut_row(self) -> int | None:
        """The last row that would advance as things stand, under which the cut line is drawn."""
        above = [i for i, row in enumerate(self._rows) if row.above_cut]
        if not above or above[-1] + 1 >= len(self._rows):
            return None
        return above[-1] if self._rows[above[-1] + 1].above_cut is False else None

    def column_of(self, header: str) -> int:
        return [column.header for column in _COLUMNS].index(header)

    def row_of_driver(self, driver_id) -> int | None:
        return self.find_row(lambda row: row.driver_id == driver_id)
