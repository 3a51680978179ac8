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

_SERVED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        VALUE_ROLE,
    }
)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


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


class ValueTableModel(QAbstractTableModel, Generic[T]):
    """Rows are values; `set_rows` resets, `append_row`/`replace_row` touch only their rows."""

    def __init__(self, columns: Sequence[Column[T]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks ~10 roles per cell; answer the ones we never serve first (DESIGN §6).
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        row_number, column_number = index.row(), index.column()
        if row_number >= len(self._rows) or column_number >= len(self._columns):
            return None
        row = self._rows[row_number]
        column = self._columns[column_number]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return column.tint(row) if column.tint else None
        if role == SORT_ROLE:
            return _missing_last(column.sort(row) if column.sort else column.text(row))
        if role == VALUE_ROLE:
            return row
        return (column.tooltip(row) or None) if column.tooltip else None

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
        self.endResetModel()

    def append_row(self, value: T) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(value)
        self.endInsertRows()

    def insert_row(self, row: int, value: T) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, value)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def replace_row(self, row: int, value: T) -> None:
        self._rows[row] = value
        last = len(self._columns) - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def find_row(self, matches: Callable[[T], bool]) -> int | None:
        return next((i for i, value in enumerate(self._rows) if matches(value)), None)

    def sync_rows(self, rows: Sequence[T], key: Callable[[T], Any]) -> None:
        """Bring the model to `rows` keyed by `key` with inserts, removals and dataChanged only.

        A live board changes a few rows per lap; a reset would lose the selection and scroll
        position and costs far more (DESIGN §6). Rows keep the order of `rows`.
        """
        wanted = list(rows)
        wanted_keys = [key(value) for value in wanted]
        keep = set(wanted_keys)
        for i in range(len(self._rows) - 1, -1, -1):
            if key(self._rows[i]) not in keep:
                self.remove_row(i)
        for i, value in enumerate(wanted):
            current = self._rows[i] if i < len(self._rows) else None
            if current is not None and key(current) == wanted_keys[i]:
                if current != value:
                    self.replace_row(i, value)
                continue
            found = self.find_row(lambda v, k=wanted_keys[i]: key(v) == k)
            if found is not None:
                self.remove_row(found)
            self.insert_row(i, value)


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
