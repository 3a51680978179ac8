"""A Qt table model over a list of plain values, described by columns; it never queries.

Qt holds each cell's text, alignment, tint and tooltip (a QStandardItemModel), written once when
the row's value is set, so painting a view never calls Python: a Python `data()` asked seven
roles for every painted cell and was most of a board's repaint (docs/BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # text is left by default
_FLAGS = (  # shown and chosen, never edited in place or dragged
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column: its header, its text, and optionally a sort key, tint and tooltip."""

    header: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    numeric: bool = False  # right-aligned, as figures are read
    tint: Callable[[T], QColor | None] | None = None
    tooltip: Callable[[T], str] | None = None


def _missing_last(key: Any) -> tuple[int, Any]:
    # None (no time, no position) sorts after every real value, in either column.
    return (1, 0) if key is None else (0, key)


class ValueTableModel(QStandardItemModel, Generic[T]):
    """Rows are values; `set_rows` resets, the other edits touch only their rows.

    A cell is written from its row's value and whatever else its column reads (a track length,
    drivers' names); when that else changes, `refresh_texts` or `changed` writes it again.
    """

    def __init__(self, columns: Sequence[Column[T]], parent=None) -> None:
        super().__init__(0, len(columns), parent)
        self._rows: list[T] = []
        self._columns: list[Column[T]] = []
        # Cells are made by Qt from this prototype: Python never holds a wrapper of a cell
        # that Qt may delete.
        prototype = QStandardItem()
        prototype.setFlags(_FLAGS)
        self.setItemPrototype(prototype)
        self.set_columns(columns)

    def _write_rows(self, first: int, last: int) -> None:
        """Write rows first..last from their values, silently: the caller tells the views."""
        blocked = self.blockSignals(True)
        try:
            index, set_data = self.index, self.setData
            for row in range(first, last + 1):
                value = self._rows[row]
                for number, column in enumerate(self._columns):
                    cell = index(row, number)
                    set_data(cell, column.text(value))
                    if column.numeric:
                        set_data(cell, _RIGHT, _ALIGNMENT)
                    if column.tint:
                        set_data(cell, column.tint(value), _BACKGROUND)
                    if column.tooltip:
                        set_data(cell, column.tooltip(value) or None, _TOOLTIP)
        finally:
            self.blockSignals(blocked)

    # Our API ------------------------------------------------------------------------------
    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def row_value(self, row: int) -> T:
        return self._rows[row]

    def sort_key(self, row: int, column: int) -> tuple[int, Any]:
        """What `column` of `row` sorts by: its key, else its text; missing values last."""
        value, spec = self._rows[row], self._columns[column]
        return _missing_last(spec.sort(value) if spec.sort else spec.text(value))

    def set_columns(self, columns: Sequence[Column[T]], rows: Sequence[T] | None = None) -> None:
        """New columns (a track length changes the mph column), with new rows or the same ones:
        the headers and every row are written in one reset."""
        self._columns = list(columns)
        self.setColumnCount(len(self._columns))
        self.setHorizontalHeaderLabels([column.header for column in self._columns])
        self.set_rows(self._rows if rows is None else rows)

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace everything: used when the event or session changes, not on the lap path.

        The rows are built with the model's signals blocked inside one reset, so views and
        proxies see one reset instead of one insert per row.
        """
        self.beginResetModel()
        self._rows = list(rows)
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)  # no cell keeps a tint or tooltip of the old columns
            self.setRowCount(len(self._rows))
        finally:
            self.blockSignals(blocked)
        if self._rows:
            self._write_rows(0, len(self._rows) - 1)
        self.endResetModel()

    def refresh_texts(self) -> None:
        """What the columns show changed (a track length, drivers' names): write every row."""
        if self._rows:
            self.changed(0, len(self._rows) - 1)

    def append_row(self, value: T) -> None:
        self.insert_row(len(self._rows), value)

    def insert_row(self, row: int, value: T) -> None:
        """Views learn of the row, then of its cells (a sort proxy places it by value)."""
        self._rows.insert(row, value)
        self.insertRow(row)
        self.changed(row, row)

    def remove_row(self, row: int) -> None:
        del self._rows[row]
        self.removeRow(row)

    def move_row(self, row: int, to: int) -> None:
        """Move one row so it ends up at index `to`; selection and persistent indexes follow.

        Qt's item model cannot move rows, so the cells between keep their places and are
        written again from the values in their new order.
        """
        if row == to:
            return
        # Qt names the destination as the row the moved one goes before, counted before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)
        self._rows.insert(to, self._rows.pop(row))
        self._write_rows(min(row, to), max(row, to))
        self.endMoveRows()

    def replace_row(self, row: int, value: T) -> None:
        self._rows[row] = value
        self.changed(row, row)

    def changed(self, first: int, last: int) -> None:
        """Write rows first..last again and tell the views: they repaint only those rows."""
        self._write_rows(first, last)
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))

    def find_row(self, matches: Callable[[T], bool]) -> int | None:
        return next((i for i, value in enumerate(self._rows) if matches(value)), None)

    def sync_rows(self, rows: Sequence[T], key: Callable[[T], Any]) -> None:
        """Bring the model to `rows` keyed by `key` with moves, inserts, removals, dataChanged.

        A live board changes a few rows per lap; a reset would lose the selection and scroll
        position and costs far more (DESIGN §6). Rows keep the order of `rows`; rows whose
        value is unchanged are neither redrawn nor told about.
        """
        wanted = list(rows)
        wanted_keys = [key(value) for value in wanted]
        keep = set(wanted_keys)
        for i in range(len(self._rows) - 1, -1, -1):
            if key(self._rows[i]) not in keep:
                self.remove_row(i)
        place = {key(value): i for i, value in enumerate(self._rows)}
        for i, value in enumerate(wanted):
            found = place.get(wanted_keys[i])
            if found is None:
                self.insert_row(i, value)
            elif found != i:
                self.move_row(found, i)
            else:
                if self._rows[i] != value:
                    self.replace_row(i, value)
                continue
            place = {key(held): n for n, held in enumerate(self._rows)}
            if self._rows[i] != value:
                self.replace_row(i, value)


class ValueSortProxy(QSortFilterProxyModel):
    """Sorts by each column's own key (Python values) and filters on any column's text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = cast("ValueTableModel[Any]", self.sourceModel())
        left_key = model.sort_key(left.row(), left.column())
        right_key = model.sort_key(right.row(), right.column())
        try:
            return bool(left_key < right_key)
        except TypeError:  # mixed kinds in one column: fall back to the text
            return str(left.data()) < str(right.data())
