"""Table views set up the same way everywhere, sized from a sample of rows (DESIGN §6)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

SAMPLE_ROWS = 40  # enough to see the widest car, name and time without measuring 5,000 rows
PADDING_PX = 24
SORT_ARROW_PX = 16
MAX_COLUMN_PX = 260  # a long team name may be cut; the figures beside it may not


def make_table(parent: QWidget, *, sortable: bool = False) -> QTableView:
    """Whole-row selection, alternating rows, no row numbers, rows tall enough to read."""
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    bold = header.font()
    bold.setBold(True)
    header.setFont(bold)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the next field, as in a form
    return view


def size_columns_from_sample(view: QTableView) -> None:
    """Width of the widest header or sampled cell; never resizeColumnsToContents (slow)."""
    model: QAbstractItemModel = view.model()
    metrics = view.fontMetrics()
    header_metrics = view.horizontalHeader().fontMetrics()
    arrow = SORT_ARROW_PX if view.isSortingEnabled() else 0  # room for the sort indicator
    rows = min(model.rowCount(), SAMPLE_ROWS)
    for column in range(model.columnCount()):
        header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        widest = header_metrics.horizontalAdvance(header) + PADDING_PX + arrow
        for row in range(rows):
            text = str(model.index(row, column).data() or "")
            widest = max(widest, metrics.horizontalAdvance(text) + PADDING_PX)
        view.setColumnWidth(column, min(widest, MAX_COLUMN_PX))
