"""Keep theirs or apply yours: asked when another laptop changed a lap the user was editing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_apply_yours(parent: QWidget | None, message: str) -> bool:
    """True to apply this laptop's edit over the other one, False to keep theirs; tests
    replace this function."""
    box = QMessageBox(QMessageBox.Icon.Question, "Changed on another laptop", message,
                      parent=parent)  # fmt: skip
    keep = box.addButton("Keep theirs", QMessageBox.ButtonRole.RejectRole)
    apply = box.addButton("Apply yours", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(keep)
    box.setInformativeText("Both edits stay in the History tab whichever you choose.")
    box.exec()
    return box.clickedButton() is apply
