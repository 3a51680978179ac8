"""One race's results as scored, with each car's points as the domain derives them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from domain.model import RaceResult, car_sort_key
from domain.rules.points import RacePoints
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import FLAGGED_TINT, OUT_TINT


@dataclass(frozen=True, slots=True)
class ResultLine:
    """A stored result, its driver's label, the scored position and the points it earns."""

    result: RaceResult
    driver_name: str
    scored_finish: int  # after disqualifications move cars to the back
    points: RacePoints
    driver_eligible: bool = True  # False: "(i)", no driver points in this series


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


def _deduction(points: int) -> str:
    return f"−{points}" if points else ""


def _penalty_text(line: ResultLine) -> str:
    p = line.points
    if p.disqualified:
        return "DQ"
    if p.penalty_driver == p.penalty_owner:
        return _deduction(p.penalty_driver)
    return f"{_deduction(p.penalty_driver) or '0'} / {_deduction(p.penalty_owner) or '0'}"


def _penalty_tint(line: ResultLine) -> QColor | None:
    p = line.points
    return OUT_TINT if p.disqualified or p.penalty_driver or p.penalty_owner else None


def _driver_text(line: ResultLine) -> str:
    return line.driver_name if line.driver_eligible else f"{line.driver_name} (i)"


def _official_tint(line: ResultLine) -> QColor | None:
    return None if line.result.official else FLAGGED_TINT


def _n(header: str, get) -> Column[ResultLine]:
    """A right-aligned number column that sorts as a number, blanks last."""
    return Column(header, lambda line: _optional(get(line)), sort=get, numeric=True)


_COLUMNS: list[Column[ResultLine]] = [
    _n("Fin", lambda line: line.scored_finish),
    Column(
        "Car",
        lambda line: line.result.car_number,
        sort=lambda line: car_sort_key(line.result.car_number),
    ),
    Column("Driver", _driver_text),
    Column("Status", lambda line: line.result.status),
    _n("Laps", lambda line: line.result.laps),
    _n("Led", lambda line: line.result.laps_led),
    _n("S1", lambda line: line.result.stage1),
    _n("S2", lambda line: line.result.stage2),
    Column("FL", lambda line: "✓" if line.result.fastest_lap else ""),
    _n("S1 pts", lambda line: line.points.stage1),
    _n("S2 pts", lambda line: line.points.stage2),
    _n("Stage pts", lambda line: line.points.stages),
    _n("Finish pts", lambda line: line.points.finish),
    _n("FL pts", lambda line: line.points.fastest_lap or None),
    Column("Penalty", _penalty_text, numeric=True, tint=_penalty_tint),
    _n("Driver pts", lambda line: line.points.driver_total if line.driver_eligible else None),
    _n("Owner pts", lambda line: line.points.owner_total),
    _n("Playoff pts", lambda line: line.points.playoff_points or None),
    Column(
        "State",
        lambda line: "official" if line.result.official else "provisional",
        tint=_official_tint,
    ),
]


class ResultTableModel(ValueTableModel[ResultLine]):
    """Rows in scored order; the race tab replaces them after every committed edit."""

    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def result_at(self, row: int) -> RaceResult:
        return self.row_value(row).result

    def row_of_car(self, car_number: str) -> int | None:
        return self.find_row(lambda line: line.result.car_number == car_number)
