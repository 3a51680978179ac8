"""File ▸ Restore backup…: pick one of the open file's backups; the current file is kept aside."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from domain.ports import BackupRecord


class RestoreBackupDialog(QDialog):
    """The backups newest first; OK restores the selected one."""

    def __init__(
        self, backups: Sequence[BackupRecord], location: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore backup")
        self._backups = list(backups)
        explanation = QLabel(
            f"Bring back a backup of {location}. The current file is not overwritten: it is "
            "renamed to …before-restore-DATE beside it, so nothing is lost.",
            self,
        )
        explanation.setWordWrap(True)
        self.list = QListWidget(self)
        for backup in self._backups:
            size = f"{backup.size_bytes / 1_000_000:.1f} MB"
            item = QListWidgetItem(f"{backup.describe()} — {size}", self.list)
            item.setToolTip(str(backup.path))
        self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)

    def chosen(self) -> BackupRecord | None:
        row = self.list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None


def ask_backup(
    parent: QWidget, backups: Sequence[BackupRecord], location: str
) -> BackupRecord | None:
    """The backup the user picks (None if cancelled); tests replace this."""
    dialog = RestoreBackupDialog(backups, location, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_to_restore_latest(parent: QWidget | None, message: str) -> bool:
    """A damaged file at start: show why, and ask whether to bring the latest backup back."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Trackside cannot open the database",
        f"{message}\n\nRestore the latest backup now?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes
