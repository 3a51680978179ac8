"""Questions asked before an edit that changes a lot at once; tests replace the askers."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_cancel_qualifying(parent: QWidget, event_name: str) -> bool:
    """One click used to flip the whole lineup to the rule book's: ask first (undo still works)."""
    answer = QMessageBox.question(
        parent,
        "Cancel qualifying?",
        f"Mark every qualifying session of {event_name} cancelled? The lineup will then be set "
        "by the rule book (owner points and the previous race), not by the laps logged. "
        "Edit ▸ Undo brings qualifying back.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
