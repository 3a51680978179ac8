"""The chosen car's call in words: its status, the domain's reason, its place at the cutoff."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from domain.rules.field import FieldRow
from ui.theme import headline_font


class ReasonPanel(QWidget):
    """Shows text the rules wrote; it adds no judgement of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setFont(headline_font(self.font(), 1.25))
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setFont(headline_font(self.font(), 1.1))
        self.needed = QLabel(self)
        self._roomy_fonts = (self.title.font(), self.reason.font())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        for label in (self.title, self.reason, self.needed):
            layout.addWidget(label)
        self.show_row(None, "")

    def set_compact(self, compact: bool) -> None:
        """Compact boards: plain-size text, so the board keeps its rows on a small screen."""
        bold = QFont(self.font())
        bold.setBold(True)
        title_font, reason_font = (bold, self.font()) if compact else self._roomy_fonts
        self.title.setFont(title_font)
        self.reason.setFont(reason_font)

    def show_row(self, row: FieldRow | None, status_text: str) -> None:
        if row is None:
            self.title.setText("Choose a car on the board to see why it is in or out.")
            self.reason.clear()
            self.needed.clear()
            return
        self.title.setText(f"No. {row.car_number} {row.driver_name} — {status_text}")
        self.reason.setText(row.reason)
        # The domain's cutoff words, the same as the board's tooltip: the gap and what was
        # needed in one sentence, or the last car in's margin over the first car out.
        # A DNQ's reason already says it in the same words: no need to say it twice.
        note = row.cutoff_note if row.needed_ms is None else ""
        self.needed.setText(f"{note}." if note else "")
