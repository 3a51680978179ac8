"""A race's penalties as a table: car, driver, deductions, disqualification and the reason."""

from __future__ import annotations

from dataclasses import dataclass

from domain.model import Penalty, car_sort_key
from ui.models.value_table_model import Column, ValueTableModel


@dataclass(frozen=True, slots=True)
class PenaltyLine:
    penalty: Penalty
    driver_name: str


def _deduction(points: int) -> str:
    return f"−{points}" if points else ""


_COLUMNS: list[Column[PenaltyLine]] = [
    Column(
        "Car",
        lambda line: line.penalty.car_number,
        sort=lambda line: car_sort_key(line.penalty.car_number),
    ),
    Column("Driver", lambda line: line.driver_name),
    Column("Driver pts", lambda line: _deduction(line.penalty.driver_points), numeric=True),
    Column("Owner pts", lambda line: _deduction(line.penalty.owner_points), numeric=True),
    Column("Playoff pts", lambda line: _deduction(line.penalty.playoff_points), numeric=True),
    Column("DQ", lambda line: "DQ" if line.penalty.disqualified else ""),
    Column("Reason", lambda line: line.penalty.reason, tooltip=lambda line: line.penalty.reason),
]


class PenaltyTableModel(ValueTableModel[PenaltyLine]):
    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def penalty_at(self, row: int) -> Penalty:
        return self.row_value(row).penalty
