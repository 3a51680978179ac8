"""The practice board: laps run, best lap, average, best 5/10/20-lap averages and fall-off."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from domain.laptime import format_gap, format_lap_time
from domain.model import car_sort_key
from domain.rules.practice import PracticeRow
from ui.models.value_table_model import Column, ValueTableModel


def _time(ms: int | None) -> str:
    return "" if ms is None else format_lap_time(ms)


def _timed(header: str, get: Callable[[PracticeRow], int | None]) -> Column[PracticeRow]:
    return Column(header, lambda r: _time(get(r)), sort=get, numeric=True)


class PracticeTableModel(ValueTableModel[PracticeRow]):
    """Rows come from the domain's practice board; a new lap updates rows in place."""

    def __init__(self, parent=None) -> None:
        self._drivers: dict[str, str] = {}
        super().__init__(self._columns(), parent)

    def _columns(self) -> list[Column[PracticeRow]]:
        return [
            Column("Pos", lambda r: str(self._position(r)), sort=self._position, numeric=True),
            Column("Car", lambda r: r.car_number, sort=lambda r: car_sort_key(r.car_number)),
            Column("Driver", lambda r: self._drivers.get(r.car_number, "")),
            Column("Laps", lambda r: str(r.laps_run), sort=lambda r: r.laps_run, numeric=True),
            _timed("Best", lambda r: r.best_lap_ms),
            _timed("Average", lambda r: r.average_ms),
            _timed("Best 5", lambda r: r.best_5_ms),
            _timed("Best 10", lambda r: r.best_10_ms),
            _timed("Best 20", lambda r: r.best_20_ms),
            Column(
                "Fall-off",
                lambda r: "" if r.falloff_ms is None else format_gap(r.falloff_ms),
                sort=lambda r: r.falloff_ms,
                numeric=True,
            ),
        ]

    def _position(self, row: PracticeRow) -> int:
        return self._rows.index(row) + 1

    def set_board(self, rows: Sequence[PracticeRow], drivers: Mapping[str, str]) -> None:
        """Bring the board up to date with row inserts/moves/changes only (no reset)."""
        self._drivers = dict(drivers)
        self.sync_rows(rows, key=lambda r: r.car_number)
        if self._rows:  # positions shift when a car moves up
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def car_at(self, row: int) -> str:
        return self._rows[row].car_number
