"""The bubble line of a live board: a thin bar laid over the view, under the last car in.

A delegate that draws the line runs Python for every painted cell, and moving a per-row
delegate relays out the whole view; a child widget of the viewport costs neither. Moving it
repaints two thin strips, and the viewport's scrolling carries it along (DESIGN §6).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTableView, QWidget

from ui.theme import BUBBLE_LINE_COLOUR, BUBBLE_LINE_WIDTH


class BubbleLine(QWidget):
    """Lies along the bottom edge of row `row` of `view`, across the viewport; hidden for None."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.row: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Qt fills it with the palette's window colour: no paint event of its own at all. The
        # role is set because a viewport's children would otherwise take its Base role.
        self.setBackgroundRole(QPalette.ColorRole.Window)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, BUBBLE_LINE_COLOUR)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.hide()
        # The view settles its rows' offsets after these signals (at the end of a list that
        # scrolls per item, without a scroll-bar signal): look again once it has, coalesced.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self.follow)
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.follow_soon)
        view.verticalHeader().sectionResized.connect(self.follow_soon)
        view.verticalHeader().geometriesChanged.connect(self.follow_soon)

    def place_under(self, row: int | None) -> None:
        """Move the line under `row` (None: no line, e.g. no open car has a time yet)."""
        self.row = row
        self.follow()
        self._settle.start()

    def follow_soon(self) -> None:
        """Follow now and once more when the view has finished moving its rows."""
        self.follow()
        self._settle.start()

    def follow(self) -> None:
        """Put the line where its row is now: after a scroll, a resize or rows moving."""
        view, row = self._view, self.row
        if row is None or row >= view.model().rowCount() or view.isRowHidden(row):
            self.hide()
            return
        bottom = view.rowViewportPosition(row) + view.rowHeight(row)
        width = view.viewport().width()
        self.setGeometry(0, bottom - BUBBLE_LINE_WIDTH, width, BUBBLE_LINE_WIDTH)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.follow_soon()
        return False
