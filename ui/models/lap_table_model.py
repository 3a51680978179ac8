"""The laps of one session as logged, newest last: car, lap number, time, speed, flag, note."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.laptime import format_lap_time, format_speed
from domain.model import Lap, car_sort_key
from ui.models.value_table_model import Column, ValueTableModel


@dataclass(frozen=True, slots=True)
class LoggedLap:
    """A lap with its number in the car's run, which the table shows and sorts by."""

    lap: Lap
    lap_no: int


def _columns(length_millimiles: int | None) -> list[Column[LoggedLap]]:
    def speed(row: LoggedLap) -> str:
        return format_speed(row.lap.lap_ms, length_millimiles) if length_millimiles else ""

    return [
        Column("Car", lambda r: r.lap.car_number, sort=lambda r: car_sort_key(r.lap.car_number)),
        Column("Lap", lambda r: str(r.lap_no), sort=lambda r: r.lap_no, numeric=True),
        Column(
            "Time",
            lambda r: format_lap_time(r.lap.lap_ms),
            sort=lambda r: r.lap.lap_ms,
            numeric=True,
        ),
        Column("mph", speed, sort=lambda r: -r.lap.lap_ms, numeric=True),
        Column("Flag", lambda r: r.lap.flag.value if r.lap.flag else ""),
        Column("Note", lambda r: r.lap.note, tooltip=lambda r: r.lap.note),
    ]


class LapTableModel(ValueTableModel[LoggedLap]):
    """Logging a lap appends one row; an edit changes one row; nothing resets on that path."""

    def __init__(self, parent=None) -> None:
        super().__init__(_columns(None), parent)
        self._laps_of_car: dict[str, int] = {}  # numbers the next lap of each car in O(1)

    def set_laps(self, laps: list[Lap], length_millimiles: int | None) -> None:
        """A session's laps; the track length gives the mph column (None: no speeds)."""
        counts: dict[str, int] = {}
        rows = []
        for lap in laps:
            counts[lap.car_number] = counts.get(lap.car_number, 0) + 1
            rows.append(LoggedLap(lap, counts[lap.car_number]))
        self._laps_of_car = counts
        self.set_columns(_columns(length_millimiles), rows)

    def add_lap(self, lap: Lap) -> None:
        number = self._laps_of_car.get(lap.car_number, 0) + 1
        self._laps_of_car[lap.car_number] = number
        self.append_row(LoggedLap(lap, number))

    def update_lap(self, lap: Lap) -> None:
        row = self.find_row(lambda r: r.lap.id == lap.id)
        if row is not None:
            self.replace_row(row, LoggedLap(lap, self._rows[row].lap_no))

    def remove_lap(self, lap_id: UUID) -> None:
        row = self.find_row(lambda r: r.lap.id == lap_id)
        if row is None:
            return
        car = self._rows[row].lap.car_number
        self.remove_row(row)
        self._laps_of_car[car] -= 1
        # The car's later laps move up one place in its run.
        for later in range(row, len(self._rows)):
            value = self._rows[later]
            if value.lap.car_number == car:
                self.replace_row(later, LoggedLap(value.lap, value.lap_no - 1))

    def lap_at(self, row: int) -> Lap:
        return self._rows[row].lap
