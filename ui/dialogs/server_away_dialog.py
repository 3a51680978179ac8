"""The team server is out of reach at start: work on a weekend file meanwhile, retry, or quit.

Working on a file keeps "saved means on disk" for every edit, not only laps: the file is a
whole weekend database on this laptop, merged into the server by File ▸ Sync with team server…
when it is back (README, "A team on race day").
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


class AwayStep(StrEnum):
    LAST_COPY = "last copy"
    OPEN_FILE = "open file"
    RETRY = "retry"
    QUIT = "quit"


def away_text(refusal: str, last_copy: str | None) -> str:
    copy = (
        f"the copy last synced with this server, {last_copy}"
        if last_copy
        else "for instance a copy taken before you left"
    )
    return (
        f"{refusal}\n\nYou can keep working on this laptop meanwhile: open a weekend file "
        f"({copy}). Every edit is saved in it on this laptop's disk; when the server is back, "
        "File ▸ Sync with team server… merges it both ways."
    )


def ask_when_server_away(parent: QWidget, refusal: str, last_copy: str | None) -> AwayStep:
    """Say the server is out of reach and offer what can be done; tests replace this."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "The team server cannot be reached", away_text(refusal, last_copy)
    )
    box.setParent(parent, box.windowFlags())
    buttons: dict[QAbstractButton, AwayStep] = {}
    if last_copy:
        name = Path(last_copy).name
        buttons[box.addButton(f"Open {name}", QMessageBox.ButtonRole.AcceptRole)] = (
            AwayStep.LAST_COPY
        )
    buttons[box.addButton("Open a weekend file…", QMessageBox.ButtonRole.ActionRole)] = (
        AwayStep.OPEN_FILE
    )
    buttons[box.addButton("Try again", QMessageBox.ButtonRole.ActionRole)] = AwayStep.RETRY
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    buttons[quit_button] = AwayStep.QUIT
    box.setEscapeButton(quit_button)
    box.exec()
    return buttons.get(box.clickedButton(), AwayStep.QUIT)
