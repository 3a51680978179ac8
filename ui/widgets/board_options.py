"""A board that fits: compact rows, font zoom, a column chooser and official order, remembered.

At 1366×768 a board showed six rows and lost its right-hand columns. Compact boards shrink
the row padding and let the two text columns (driver, team) give up their width so every
figure stays in sight without a horizontal scroll bar; Ctrl+= / Ctrl+− zoom every board's
font; a right click on the header hides or shows columns; a sorted board goes back to the
official order from the same menu. Choices are kept in QSettings per board.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from ui import settings
from ui.widgets.table_view import SAMPLE_ROWS

ZOOM_STEP_PERCENT = 10
ZOOM_LIMITS = (-4, 8)  # 60% to 180% of the app's font
COMPACT_ROW_PAD_PX = 2  # around the text of a row; 12 when not compact
ROOMY_ROW_PAD_PX = 12
COMPACT_CELL_PAD_PX = 8
ROOMY_CELL_PAD_PX = 24
COMPACT_FONT_PERCENT = 90  # of the app's (large) font: 25 rows at 1366×768
MAX_FIXED_COLUMN_PX = 220


def _store() -> QSettings:
    return QSettings(settings.ORGANISATION, settings.APPLICATION)


class BoardScale(QObject):
    """The app-wide board size: a zoom step and compact rows; every BoardOptions follows it."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        zoom = str(_store().value("boards/zoom", 0))
        self.zoom = int(zoom) if zoom.lstrip("-").isdigit() else 0
        self.compact = _store().value("boards/compact", True) in (True, "true")
        self.charts = _store().value("boards/charts", True) in (True, "true")

    def zoom_by(self, steps: int) -> None:
        low, high = ZOOM_LIMITS
        self.zoom = 0 if steps == 0 else max(low, min(high, self.zoom + steps))
        _store().setValue("boards/zoom", self.zoom)
        self.changed.emit()

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        _store().setValue("boards/compact", compact)
        self.changed.emit()

    def set_charts(self, shown: bool) -> None:
        """Charts shown or collapsed, on every tab at once (a small screen needs the rows)."""
        self.charts = shown
        _store().setValue("boards/charts", shown)
        self.changed.emit()

    def font_for(self, base: QFont) -> QFont:
        font = QFont(base)
        size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        percent = (100 + ZOOM_STEP_PERCENT * self.zoom) * (
            COMPACT_FONT_PERCENT if self.compact else 100
        )
        font.setPointSizeF(size * percent / 10_000)
        return font


_scale: BoardScale | None = None


def board_scale() -> BoardScale:
    """The one BoardScale of the app, made on first use (after the QApplication)."""
    global _scale
    if _scale is None:
        _scale = BoardScale()
    return _scale


class BoardOptions(QObject):
    """Applies the scale to one board view, and owns its header menu and hidden columns.

    `stretch` are the text columns that share what the figures leave (driver, team): in
    compact mode they are cut short with an ellipsis rather than pushing figures out of sight.
    `official_order` (a sortable board) clears the sort so the rows show in the model's order.
    """

    def __init__(
        self,
        view: QTableView,
        key: str,
        stretch: Sequence[int],
        *,
        sortable: bool = False,
        sized: bool = True,
        official_column: int = -1,
    ) -> None:
        super().__init__(view)
        self.view = view
        self._key = key
        self._stretch = tuple(stretch)
        self._sortable = sortable
        self._official_column = official_column  # -1: the model's own row order
        self._base_font = QFont(view.font())
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setToolTip("Right-click: choose columns" + (", official order" if sortable else ""))
        self.restore_hidden()
        if sized:  # a table sized by its own rule (to contents) keeps only the menu
            board_scale().changed.connect(self.fit)
            self.fit()

    # Columns --------------------------------------------------------------------------------
    def hidden_columns(self) -> list[str]:
        model = self.view.model()
        return [
            str(model.headerData(c, Qt.Orientation.Horizontal))
            for c in range(model.columnCount())
            if self.view.isColumnHidden(c)
        ]

    def set_column_shown(self, column: int, shown: bool) -> None:
        self.view.setColumnHidden(column, not shown)
        _store().setValue(f"boards/{self._key}/hidden", self.hidden_columns())
        self.fit()

    def restore_hidden(self) -> None:
        """Hide the columns this board hid last time (by header, so new columns still show)."""
        hidden = _store().value(f"boards/{self._key}/hidden", [])
        # QSettings gives one hidden column back as a string, several as a list.
        names = {hidden} if isinstance(hidden, str) else set()
        if isinstance(hidden, list):
            names = {str(name) for name in hidden}
        model = self.view.model()
        for column in range(model.columnCount()):
            header = str(model.headerData(column, Qt.Orientation.Horizontal))
            self.view.setColumnHidden(column, header in names)

    def official_order(self) -> None:
        """Back to the order the rules give (qualifying order, standings order, practice Pos)."""
        column, ascending = self._official_column, Qt.SortOrder.AscendingOrder
        self.view.sortByColumn(column, ascending)
        self.view.horizontalHeader().setSortIndicator(column, ascending)
        model = self.view.model()
        if column < 0 and hasattr(model, "sort"):
            model.sort(-1)

    def _header_menu(self, where: QPoint) -> None:
        self.header_menu().exec(self.view.horizontalHeader().mapToGlobal(where))

    def header_menu(self) -> QMenu:
        menu = QMenu(self.view)
        if self._sortable:
            menu.addAction("Official order", self.official_order)
            menu.addSeparator()
        model = self.view.model()
        for column in range(model.columnCount()):
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
        return menu

    # Size -----------------------------------------------------------------------------------
    def fit(self) -> None:
        """Font, row height and column widths for the current scale, from a sample of rows."""
        scale, view = board_scale(), self.view
        font = scale.font_for(self._base_font)
        view.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        view.horizontalHeader().setFont(bold)
        pad = COMPACT_ROW_PAD_PX if scale.compact else ROOMY_ROW_PAD_PX
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + pad)
        view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + pad)
        self._size_columns(COMPACT_CELL_PAD_PX if scale.compact else ROOMY_CELL_PAD_PX)

    def _size_columns(self, pad: int) -> None:
        view, model = self.view, self.view.model()
        header = view.horizontalHeader()
        metrics, header_metrics = view.fontMetrics(), header.fontMetrics()
        arrow = 14 if view.isSortingEnabled() else 0
        rows = min(model.rowCount(), SAMPLE_ROWS)
        compact = board_scale().compact
        header.setStretchLastSection(not compact)
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = header_metrics.horizontalAdvance(title) + pad + arrow
            for row in range(rows):
                text = str(model.index(row, column).data() or "")
                widest = max(widest, metrics.horizontalAdvance(text) + pad)
            stretch = compact and column in self._stretch
            mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
            if not stretch:
                view.setColumnWidth(column, min(widest, MAX_FIXED_COLUMN_PX))
