"""Draws the bubble line: a thick line under the last car in, across every column."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.theme import BUBBLE_LINE_COLOUR, BUBBLE_LINE_WIDTH


class BubbleLineDelegate(QStyledItemDelegate):
    """Paints cells as usual, then the line under the row `bubble_row()` names (or none).

    For small tables (the playoff picture); a live board uses `BubbleLine`, which runs no
    Python per painted cell.
    """

    def __init__(self, bubble_row: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bubble_row = bubble_row

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
