"""When the weekend file cannot be opened at start: open another, make a new one, or quit.

A refused file used to get a message whose OK quit the app, and a missing file told a desktop
user to run a command. Now the user picks the next step; the refused file is never touched.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget


class NextStep(StrEnum):
    OPEN_ANOTHER = "open another"
    NEW_DATABASE = "new database"
    CREATE_MISSING = "create missing"
    QUIT = "quit"


def ask_next_step(parent: QWidget, text: str, *, missing: bool, can_create: bool) -> NextStep:
    """Show why the file was refused and offer what can be done; tests replace this."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Trackside cannot open the database", text)
    box.setParent(parent, box.windowFlags())
    buttons: dict[QAbstractButton, NextStep] = {}
    if missing and can_create:
        buttons[box.addButton("Create it", QMessageBox.ButtonRole.AcceptRole)] = (
            NextStep.CREATE_MISSING
        )
    buttons[box.addButton("Open another…", QMessageBox.ButtonRole.ActionRole)] = (
        NextStep.OPEN_ANOTHER
    )
    if can_create:
        buttons[box.addButton("New database…", QMessageBox.ButtonRole.ActionRole)] = (
            NextStep.NEW_DATABASE
        )
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    buttons[quit_button] = NextStep.QUIT
    box.setEscapeButton(quit_button)
    box.exec()
    return buttons.get(box.clickedButton(), NextStep.QUIT)


def ask_new_database_path(parent: QWidget, start: str) -> str:
    """Where to make a new, empty weekend file ("" if cancelled); tests replace this."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "New Trackside database", start, "Trackside databases (*.db)"
    )
    if path and not path.lower().endswith((".db", ".sqlite")):
        path += ".db"
    return path
