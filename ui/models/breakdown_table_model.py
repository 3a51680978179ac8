"""One driver's (or car's) season race by race: stage 1, stage 2, finish, bonus, penalty."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from PySide6.QtGui import QColor

from domain.rules.standings import RaceLine
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import OUT_TINT


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


def _number(header: str, get) -> Column[RaceLine]:
    return Column(header, lambda line: _optional(get(line)), sort=get, numeric=True)


def _penalty_tint(line: RaceLine) -> QColor | None:
    return OUT_TINT if line.penalty else None


def _columns(race_names: Mapping[UUID, str]) -> list[Column[RaceLine]]:
    return [
        _number("Rd", lambda line: line.round_no),
        Column("Race", lambda line: race_names.get(line.event_id, "")),
        Column("Car", lambda line: line.car_number),
        _number("Fin", lambda line: line.position),
        # Imported seasons may know only a stage total; then S1 and S2 stay blank.
        _number("S1", lambda line: line.stage1),
        _number("S2", lambda line: line.stage2),
        _number("Stages", lambda line: line.stages),
        _number("Finish", lambda line: line.finish),
        _number("Bonus", lambda line: line.bonus or None),
        Column(
            "Penalty",
            lambda line: f"−{line.penalty}" if line.penalty else "",
            sort=lambda line: line.penalty,
            numeric=True,
            tint=_penalty_tint,
        ),
        _number("Total", lambda line: line.total),
    ]


class BreakdownTableModel(ValueTableModel[RaceLine]):
    """Rows in round order, as the standings row carries them."""

    def __init__(self, parent=None) -> None:
        super().__init__(_columns({}), parent)

    def column_of(self, header: str) -> int:
        return next(i for i, column in enumerate(self._columns) if column.header == header)

    def set_lines(self, lines: tuple[RaceLine, ...], race_names: Mapping[UUID, str]) -> None:
        self.set_columns(_columns(race_names), sorted(lines, key=lambda line: line.round_no))
