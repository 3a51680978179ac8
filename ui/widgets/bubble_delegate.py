"""Draws the bubble line: a thick line under the last car in, across every column."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.theme import BUBBLE_LINE_COLOUR, BUBBLE_LINE_WIDTH


class BubbleLineDelegate(QStyledItemDelegate):
    """Paints cells as usual, then the line under the row `bubble_row()` names (or none).

    Install it for the whole view with `setItemDelegate`, or, on big live boards, only on the
    bubble row with `place_on(view, row)`: every other cell then keeps Qt's C++ delegate and
    painting costs no Python per cell (DESIGN §6).
    """

    def __init__(self, bubble_row: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bubble_row = bubble_row
        self._placed_on: int | None = None

    def place_on(self, view: QAbstractItemView, row: int | None) -> None:
        """Move the per-row delegate to `row` (None: no line, e.g. no open car has a time)."""
        if row != self._placed_on:
            if self._placed_on is not None:
                view.setItemDelegateForRow(self._placed_on, None)
            if row is not None:
                view.setItemDelegateForRow(row, self)
            self._placed_on = row
        view.viewport().update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.row() != self._bubble_row():
            return
        painter.save()
        pen = QPen(BUBBLE_LINE_COLOUR, BUBBLE_LINE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        y = option.rect.bottom() - BUBBLE_LINE_WIDTH // 2 + 1
        painter.drawLine(option.rect.left(), y, option.rect.right() + 1, y)
        painter.restore()
