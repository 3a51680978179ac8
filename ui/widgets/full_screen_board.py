"""F11: the board alone on the whole screen, every row at once (41 cars at 1920×1080).

For the pit box's wall monitor: the same model as the tab's board (it updates live), rows
sized so the whole field fits, the font sized to the rows. Esc or F11 again closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from ui.widgets.table_view import make_table

MIN_ROW_PX = 14
MAX_ROW_PX = 48
TEXT_SHARE = 0.62  # of a row's height given to the text's pixel size


class FullScreenBoard(QWidget):
    """A top-level window over `model`; `fit_rows` makes every row fit its height."""

    def __init__(self, model: QAbstractItemModel, title: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.title = QLabel(title, self)
        bold = QFont(self.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.view = make_table(self)
        self.view.setModel(model)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            QShortcut(QKeySequence(key), self, self.close)
        model.rowsInserted.connect(self.fit_rows)
        model.rowsRemoved.connect(self.fit_rows)
        model.modelReset.connect(self.fit_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Share the height among the rows and the header; the font follows the row height."""
        rows = max(1, self.view.model().rowCount())
        header = self.view.horizontalHeader()
        room = self.height() - self.title.sizeHint().height() - 24
        row_px = max(MIN_ROW_PX, min(MAX_ROW_PX, room // (rows + 1)))
        font = QFont(self.view.font())
        font.setPixelSize(max(8, int(row_px * TEXT_SHARE)))
        self.view.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        header.setFont(bold)
        header.setFixedHeight(row_px)
        self.view.verticalHeader().setMinimumSectionSize(MIN_ROW_PX)
        self.view.verticalHeader().setDefaultSectionSize(row_px)
