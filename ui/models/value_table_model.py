"""A Qt table model over a list of plain values, described by columns; it never queries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole  # a key that sorts numbers as numbers, cars as people read
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's value itself

# Qt passes roles as plain ints; comparing ints is what keeps data() cheap (DESIGN §6).
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_SORT = SORT_ROLE.value
_VALUE = _SORT + 1
_SERVED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _BACKGROUND, _SORT, _VALUE})
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column: its header, its text, and optionally a sort key, tint and tooltip."""

    header: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    numeric: bool = False  # right-aligned, as figures are read
    tint: Callable[[T], QColor | None] | None = None
    tooltip: Callable[[T], str] | None = None
    volatile: bool = False  # the text depends on more than the row's value: never cached


def _missing_last(key: Any) -> tuple[int, Any]:
    # None (no time, no position) sorts after every real value, in either column.
    return (1, 0) if key is None else (0, key)


class ValueTableModel(QAbstractTableModel, Generic[T]):
    """Rows are values; `set_rows` resets, `append_row`/`replace_row` touch only their rows.

    Painting asks for every visible cell's text again; each row's texts are made once and
    kept until the row's value changes, so a repaint costs a list look-up per cell.
    """

    def __init__(self, columns: Sequence[Column[T]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._texts: list[list[str] | None] = []  # per row, made when first painted

    # Qt overrides -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Painting asks ~7 roles per cell: answer the ones we never serve first.
        if role not in _SERVED_ROLES:
            return None
        row_number, column_number = index.row(), index.column()
        if not (0 <= row_number < len(self._rows) and 0 <= column_number < len(self._columns)):
            return None
        if role == _DISPLAY:
            return self._text(row_number, column_number)
        column = self._columns[column_number]
        if role == _ALIGNMENT:
            return _RIGHT if column.numeric else _LEFT
        row = self._rows[row_number]
        if role == _BACKGROUND:
            return column.tint(row) if column.tint else None
        if role == _SORT:
            return _missing_last(column.sort(row) if column.sort else column.text(row))
        if role == _VALUE:
            return row
        return (column.tooltip(row) or None) if column.tooltip else None

    def _text(self, row_number: int, column_number: int) -> str:
        column = self._columns[column_number]
        if column.volatile:
            return column.text(self._rows[row_number])
        texts = self._texts[row_number]
        if texts is None:
            row = self._rows[row_number]
            texts = [("" if c.volatile else c.text(row)) for c in self._columns]
            self._texts[row_number] = texts
        return texts[column_number]

    # Our API ------------------------------------------------------------------------------
    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def row_value(self, row: int) -> T:
        return self._rows[row]

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace everything: used when the event or session changes, not on the lap path."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def refresh_texts(self) -> None:
        """What the columns show changed (a track length, drivers' names): redraw every row."""
        self._texts = [None] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )

    def append_row(self, value: T) -> None:
        self.insert_row(len(self._rows), value)

    def insert_row(self, row: int, value: T) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, value)
        self._texts.insert(row, None)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._texts[row]
        self.endRemoveRows()

    def move_row(self, row: int, to: int) -> None:
        """Move one row so it ends up at index `to`; selection and persistent indexes follow."""
        if row == to:
            return
        # Qt names the destination as the row the moved one goes before, counted before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)
        self._rows.insert(to, self._rows.pop(row))
        self._texts.insert(to, self._texts.pop(row))
        self.endMoveRows()

    def replace_row(self, row: int, value: T) -> None:
        self._rows[row] = value
        self._texts[row] = None
        self.changed(row, row)

    def changed(self, first: int, last: int) -> None:
        """Tell the views rows first..last changed: they repaint only those rows."""
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
        try:
            return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))
        except TypeError:  # mixed kinds in one column: fall back to the text
            return str(left.data()) < str(right.data())
