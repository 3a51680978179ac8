"""Where exports go and what the user is asked: the documents folder, the event's name, asking
before replacing an earlier export, and "Open folder" afterwards. Tests replace the askers."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from domain.model import Event

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')  # characters Windows or Linux refuse in names


def documents_folder() -> str:
    """The user's documents folder (home if the platform has none): never the app's folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or str(Path.home())


def file_name_for(event: Event, what: str) -> str:
    """'Grant Park 165 (cup-2025-chicago) lineup': the name people know, the key to be exact."""
    name = " ".join(_UNSAFE.sub(" ", event.name).split()).strip(". ") or event.key
    return f"{name} ({event.key}) {what}"


def ask_replace(parent: QWidget, path: Path) -> bool:
    """True when the user agrees to replace an earlier export at `path`; tests replace this."""
    answer = QMessageBox.question(
        parent,
        "Replace the earlier export?",
        f"{path} already exists. Replace it with this export?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def offer_open_folder(parent: QWidget, title: str, text: str, folder: Path) -> None:
    """Say what was written, with an "Open folder" button; tests replace this."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close)
    box.setParent(parent, box.windowFlags())
    open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is open_button:
        open_folder(folder)


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def ask_pdf_path(parent: QWidget, start: Path) -> str:
    """The PDF file to write ("" if cancelled); the dialog itself asks before replacing."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export PDF", str(start), "PDF files (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path
