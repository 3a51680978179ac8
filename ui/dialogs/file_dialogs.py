"""The file and folder pickers of the File menu, one function each so tests can replace them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_export_folder(parent: QWidget, start: str) -> str:
    """The folder the user picks for a summary ("" if cancelled); tests replace this."""
    return QFileDialog.getExistingDirectory(parent, "Export the weekend summary into", start)


def ask_database_path(parent: QWidget, start: str) -> str:
    """The weekend file the user picks ("" if cancelled); tests replace this."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Open a Trackside database", start, "Trackside databases (*.db *.sqlite);;All (*)"
    )
    return path
