"""The qualifying board (DESIGN §1): position, car, times, gaps, cutoff and status of each car."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QColor

from domain.laptime import format_gap, format_lap_time, format_speed
from domain.model import Entry, car_sort_key
from domain.rules.field import FieldResult, FieldRow, FieldStatus, bubble_index
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import GUARANTEED_TINT, IN_TINT, OUT_TINT

STATUS_TEXT = {
    FieldStatus.GUARANTEED: "Guaranteed",
    FieldStatus.ON_SPEED: "In on speed",
    FieldStatus.PROVISIONAL: "Provisional",
    FieldStatus.PAST_CHAMPION: "Past champion",
    FieldStatus.OEP: "OEP",
    FieldStatus.MANUFACTURER: "Manufacturer provisional",
    FieldStatus.DUEL: "In on a Duel",
    FieldStatus.DNQ: "OUT (DNQ)",
}


def _status_tint(row: FieldRow) -> QColor | None:
    if row.status is FieldStatus.DNQ:
        return OUT_TINT
    return GUARANTEED_TINT if row.status is FieldStatus.GUARANTEED else IN_TINT


def _gap(get: Callable[[FieldRow], int | None]) -> Callable[[FieldRow], str]:
    def text(row: FieldRow) -> str:
        gap = get(row)
        return "" if gap is None else format_gap(gap)

    return text


def _cutoff_text(row: FieldRow) -> str:
    """The gap to the cutoff; the cutoff car itself shows its margin over the first car out."""
    if row.cutoff_margin_ms is not None:
        return f"{format_gap(row.cutoff_margin_ms).lstrip('+')} clear"
    return "" if row.gap_to_cutoff_ms is None else format_gap(row.gap_to_cutoff_ms)


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


class QualifyingTableModel(ValueTableModel[FieldRow]):
    """Rows are the domain's FieldRows in board order; a new lap updates only what changed."""

    def __init__(self, parent=None) -> None:
        self._entries: dict[str, Entry] = {}
        self._length_millimiles: int | None = None
        self.bubble_row: int | None = None  # the last car in on speed: the line goes under it
        super().__init__(self._board_columns(), parent)

    def _board_columns(self) -> list[Column[FieldRow]]:
        # Status and the cutoff gap come first: they are what people look for (DESIGN §1).
        return [
            Column("Pos", lambda r: _optional(r.position), sort=lambda r: r.position, numeric=True),
            Column("Car", lambda r: r.car_number, sort=lambda r: car_sort_key(r.car_number)),
            Column("Driver", lambda r: r.driver_name),
            Column("Status", lambda r: STATUS_TEXT[r.status], tint=_status_tint),
            Column("Best", self._best, sort=lambda r: r.best_lap_ms, numeric=True),
            Column(
                "To cutoff",
                _cutoff_text,
                numeric=True,
                tooltip=lambda r: r.cutoff_note,
            ),
            Column("To ahead", _gap(lambda r: r.gap_to_ahead_ms), numeric=True),
            Column("To pole", _gap(lambda r: r.gap_to_pole_ms), numeric=True),
            Column("mph", self._speed, sort=lambda r: r.best_lap_ms, numeric=True),
            Column("Charter", lambda r: self._entry_text(r, _charter)),
            Column("Team", lambda r: self._entry_text(r, lambda e: e.team)),
            Column("Starts", lambda r: _optional(r.starting_position), numeric=True),
        ]

    def _entry_text(self, row: FieldRow, get: Callable[[Entry], str]) -> str:
        entry = self._entries.get(row.car_number)
        return get(entry) if entry else ""

    def _best(self, row: FieldRow) -> str:
        return "no time" if row.best_lap_ms is None else format_lap_time(row.best_lap_ms)

    def _speed(self, row: FieldRow) -> str:
        if row.best_lap_ms is None or not self._length_millimiles:
            return ""
        return format_speed(row.best_lap_ms, self._length_millimiles)

    def set_context(self, entries: Mapping[str, Entry], length_millimiles: int | None) -> None:
        """The entries (team, charter) and track length of the event: set when it changes."""
        self._entries = dict(entries)
        self._length_millimiles = length_millimiles
        self.refresh_texts()

    def set_result(self, result: FieldResult) -> None:
        """Show a new board with row moves, inserts and changes only; the bubble row follows."""
        self.sync_rows(result.rows, key=lambda r: r.car_number)
        self.bubble_row = bubble_index(result)

    def clear(self) -> None:
        """No event or no rule pack: an empty board without a bubble line."""
        self.set_rows([])
        self.bubble_row = None

    def row_of_car(self, car_number: str) -> int | None:
        return self.find_row(lambda r: r.car_number == car_number)


def _charter(entry: Entry) -> str:
    if entry.oep:
        return "Open (OEP)"
    return "Guaranteed" if entry.guaranteed else "Open"
