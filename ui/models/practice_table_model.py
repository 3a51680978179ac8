"""The practice board: laps run, best lap, average, best 5/10/20-lap averages and fall-off."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from domain.laptime import format_gap, format_lap_time
from domain.model import car_sort_key
from domain.rules.practice import PracticeRow
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import SESSION_BEST_TINT


def _time(ms: int | None) -> str:
    return "" if ms is None else format_lap_time(ms)


def _timed(header: str, get: Callable[[PracticeRow], int | None]) -> Column[PracticeRow]:
    return Column(header, lambda r: _time(get(r)), sort=get, numeric=True)


class PracticeTableModel(ValueTableModel[PracticeRow]):
    """One row per car in the order cars first ran; "Pos" is the board's rank and sorts it.

    A lap changes one car's row (and the positions it passes), so the views sort and repaint
    only those rows: the rows themselves never move on the lap path (DESIGN §6).
    """

    def __init__(self, parent=None) -> None:
        self._drivers: dict[str, str] = {}
        self._positions: dict[str, int] = {}
        self._board: list[PracticeRow] = []
        super().__init__(self._board_columns(), parent)

    def _board_columns(self) -> list[Column[PracticeRow]]:
        return [
            Column(
                "Pos",
                lambda r: str(self._position(r)),
                sort=self._position,
                numeric=True,
            ),
            Column("Car", lambda r: r.car_number, sort=lambda r: car_sort_key(r.car_number)),
            Column("Driver", lambda r: self._drivers.get(r.car_number, "")),
            Column("Laps", lambda r: str(r.laps_run), sort=lambda r: r.laps_run, numeric=True),
            Column(
                "Best",
                lambda r: _time(r.best_lap_ms),
                sort=lambda r: r.best_lap_ms,
                numeric=True,
                tint=lambda r: (
                    SESSION_BEST_TINT if self._position(r) == 1 and r.best_lap_ms else None
                ),
            ),
            _timed("Last", lambda r: r.last_lap_ms),
            Column(
                "In run",
                lambda r: str(r.laps_in_run),
                sort=lambda r: r.laps_in_run,
                numeric=True,
            ),
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
        return self._positions.get(row.car_number, 0)

    @property
    def board(self) -> list[PracticeRow]:
        """The rows in board order, fastest first (the domain's order)."""
        return list(self._board)

    def set_board(self, rows: Sequence[PracticeRow], drivers: Mapping[str, str]) -> None:
        """Bring the board up to date with inserts, removals and changed rows only (no reset)."""
        self._board = list(rows)
        before, self._positions = self._positions, {r.car_number: i for i, r in enumerate(rows, 1)}
        held = {row.car_number: i for i, row in enumerate(self._rows)}
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].car_number not in self._positions:
                self.remove_row(i)
                held = {row.car_number: n for n, row in enumerate(self._rows)}
        if dict(drivers) != self._drivers:
            self._drivers = dict(drivers)
            self.refresh_texts()
        for row in rows:
            at = held.get(row.car_number)
            if at is None:
                self.append_row(row)
            elif self._rows[at] != row:
                self.replace_row(at, row)
            elif before.get(row.car_number) != self._positions[row.car_number]:
                self.changed(at, at)  # passed or was passed: only "Pos" changed

    def car_at(self, row: int) -> str:
        return self._rows[row].car_number
