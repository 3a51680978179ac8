"""A message shown beside the field it is about, instead of a dialog (DESIGN §1)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.theme import ERROR_STYLE


class InlineMessage(QLabel):
    """Hidden until there is something wrong; `run_guarded(..., inline=this)` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setVisible(False)
