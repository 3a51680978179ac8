"""The laps of one session as logged, newest last: car, lap number, time, speed, flag, note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from PySide6.QtGui import QColor

from domain.laptime import format_lap_time, format_speed
from domain.model import Lap, car_sort_key
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import PERSONAL_BEST_TINT, SESSION_BEST_TINT


@dataclass(frozen=True, slots=True)
class LoggedLap:
    """A lap with its number in the car's run, which the table shows and sorts by."""

    lap: Lap
    lap_no: int


class _Bests:
    """The session's best clean lap and each car's: what the SB and PB marks follow."""

    def __init__(self) -> None:
        self.session: Lap | None = None
        self.of_car: dict[str, Lap] = {}

    def mark(self, lap: Lap) -> str:
        if self.session is not None and lap.id == self.session.id:
            return "SB"
        best = self.of_car.get(lap.car_number)
        return "PB" if best is not None and best.id == lap.id else ""

    def offer(self, lap: Lap) -> list[Lap]:
        """Take a newly logged lap into account; returns the laps whose mark it took."""
        if lap.flag is not None:
            return []
        lost: list[Lap] = []
        car_best = self.of_car.get(lap.car_number)
        if car_best is None or lap.lap_ms < car_best.lap_ms:
            if car_best is not None:
                lost.append(car_best)
            self.of_car[lap.car_number] = lap
        if self.session is None or lap.lap_ms < self.session.lap_ms:
            if self.session is not None:
                lost.append(self.session)
            self.session = lap
        return lost


def _tint(bests: _Bests) -> Callable[[LoggedLap], QColor | None]:
    return lambda r: {"SB": SESSION_BEST_TINT, "PB": PERSONAL_BEST_TINT}.get(bests.mark(r.lap))


def _columns(length_millimiles: int | None, bests: _Bests) -> list[Column[LoggedLap]]:
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
            tint=_tint(bests),
        ),
        Column(
            "Best",
            lambda r: bests.mark(r.lap),
            tint=_tint(bests),
            tooltip=lambda r: BEST_WORDS.get(bests.mark(r.lap), ""),
        ),
        Column("mph", speed, sort=lambda r: -r.lap.lap_ms, numeric=True),
        Column("Flag", lambda r: r.lap.flag.value if r.lap.flag else ""),
        Column("Note", lambda r: r.lap.note, tooltip=lambda r: r.lap.note),
    ]


BEST_WORDS = {"SB": "Session best (purple)", "PB": "Personal best of this car (green)"}


def legend_html() -> str:
    """The key under the lap list: each colour beside the word it stands for."""

    def swatch(colour: QColor, mark: str) -> str:
        rgba = f"rgba({colour.red()},{colour.green()},{colour.blue()},{colour.alpha()})"
        return f'<span style="background-color: {rgba}">&nbsp;{mark}&nbsp;</span>'

    return (
        f"{swatch(SESSION_BEST_TINT, 'SB')} session best &nbsp; "
        f"{swatch(PERSONAL_BEST_TINT, 'PB')} personal best"
    )


class LapTableModel(ValueTableModel[LoggedLap]):
    """Logging a lap appends one row; an edit changes one row; nothing resets on that path.

    A lap that takes a best rewrites the one or two rows that lost it (their SB or PB mark).
    """

    def __init__(self, parent=None) -> None:
        self._bests = _Bests()
        super().__init__(_columns(None, self._bests), parent)
        self._laps_of_car: dict[str, int] = {}  # numbers the next lap of each car in O(1)
        self._row_of: dict[UUID, int] = {}  # a best's row, found without a scan

    def set_laps(self, laps: list[Lap], length_millimiles: int | None) -> None:
        """A session's laps; the track length gives the mph column (None: no speeds)."""
        counts: dict[str, int] = {}
        rows = []
        self._bests = _Bests()
        for lap in laps:
            counts[lap.car_number] = counts.get(lap.car_number, 0) + 1
            rows.append(LoggedLap(lap, counts[lap.car_number]))
            self._bests.offer(lap)
        self._laps_of_car = counts
        self._row_of = {row.lap.id: i for i, row in enumerate(rows)}
        self.set_columns(_columns(length_millimiles, self._bests), rows)

    def add_lap(self, lap: Lap) -> None:
        number = self._laps_of_car.get(lap.car_number, 0) + 1
        self._laps_of_car[lap.car_number] = number
        lost = self._bests.offer(lap)
        self._row_of[lap.id] = len(self._rows)
        self.append_row(LoggedLap(lap, number))
        for old in lost:
            row = self._row_of.get(old.id)
            if row is not None:
                self.changed(row, row)

    def update_lap(self, lap: Lap) -> None:
        row = self.find_row(lambda r: r.lap.id == lap.id)
        if row is not None:
            self.replace_row(row, LoggedLap(lap, self._rows[row].lap_no))
            self._recount_bests()

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
        self._row_of = {value.lap.id: i for i, value in enumerate(self._rows)}
        self._recount_bests()

    def _recount_bests(self) -> None:
        """An edit or a removal may hand a best back to an older lap: read them all again."""
        before = {lap.id for lap in (self._bests.session, *self._bests.of_car.values()) if lap}
        fresh = _Bests()
        for value in self._rows:
            fresh.offer(value.lap)
        self._bests.session, self._bests.of_car = fresh.session, fresh.of_car
        after = {lap.id for lap in (fresh.session, *fresh.of_car.values()) if lap}
        for lap_id in before | after:
            row = self._row_of.get(lap_id)
            if row is not None:
                self.changed(row, row)

    def lap_at(self, row: int) -> Lap:
        return self._rows[row].lap
