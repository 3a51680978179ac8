"""The first screen of a database with no weekends: what to do first, as three buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class FirstRunPanel(QWidget):
    """Shown instead of empty tabs until the database holds an event."""

    new_event_clicked = Signal()
    import_schedule_clicked = Signal()
    open_demo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPanel")
        title = QLabel("No weekends yet", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            "Create the first event of a season (its sessions come from the season's rule "
            "pack), bring in a whole schedule from a CSV file, or look around the demo "
            "weekends first.",
            self,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # A fixed width: a wrapped label in an aligned layout item is otherwise given one
        # line's height and cut off.
        hint.setFixedWidth(hint.fontMetrics().horizontalAdvance("m") * 36)
        hint.setMinimumHeight(hint.heightForWidth(hint.width()))
        self.new_event_button = QPushButton("New event…", self)
        self.import_button = QPushButton("Import schedule…", self)
        self.demo_button = QPushButton("Open the demo", self)
        self.new_event_button.setDefault(True)
        self.new_event_button.clicked.connect(self.new_event_clicked)
        self.import_button.clicked.connect(self.import_schedule_clicked)
        self.demo_button.clicked.connect(self.open_demo_clicked)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, hint):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(hint.fontMetrics().height())
        for button in (self.new_event_button, self.import_button, self.demo_button):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("m") * 14)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
