"""File ▸ Restore backup… and the open file's rolling backups, for the main window.

ui/ cannot import persistence/, so main.py hands in a BackupShelf (persistence.backups): it
lists any weekend file's backups and restores one while the file is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QMessageBox

from domain.errors import DamagedFileError
from domain.ports import BackedUpStorage, BackupShelf, Storage
from ui import errors
from ui.backup_keeper import BackupKeeper
from ui.dialogs.restore_backup_dialog import ask_backup, ask_to_restore_latest
from ui.errors import run_guarded

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Restore backup"


class BackupActions(QObject):
    """Owns the menu action and the keeper of the storage the window shows."""

    def __init__(
        self,
        window: MainWindow,
        file_menu: QMenu,
        shelf: BackupShelf | None,
        open_storage: Callable[[str | None], Storage] | None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._shelf = shelf
        self._open_storage = open_storage
        self._keeper: BackupKeeper | None = None
        self.action = file_menu.addAction("&Restore backup…")
        self.action.setToolTip("Bring back one of this weekend file's backups")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.choose_and_restore)

    @property
    def can_restore(self) -> bool:
        return self._shelf is not None and self._open_storage is not None

    def attach(self, storage: Storage) -> None:
        """Start the keeper of a newly shown storage (a weekend file; a server keeps none)."""
        self._keeper = BackupKeeper(storage, self)
        self._keeper.finished.connect(self._window.statusBar().showMessage)
        self._keeper.damaged.connect(self._report_damage)
        self._keeper.start()
        self.action.setEnabled(self.can_restore and isinstance(storage, BackedUpStorage))

    def detach(self, *, back_up: bool) -> None:
        """Before the storage closes: finish its backups (and take the closing one if asked)."""
        keeper, self._keeper = self._keeper, None
        self.action.setEnabled(False)
        if keeper is not None:
            keeper.stop(back_up=back_up)
            keeper.deleteLater()

    def _report_damage(self, error: DamagedFileError) -> None:
        """Damage found after ready (a big file's check, or a backup's): offer the backup."""
        if error.backup and error.location and self.can_restore:
            if ask_to_restore_latest(self._window, str(error)):
                self.restore_into(Path(error.backup), error.location)
            return
        errors.show_message(
            self._window, QMessageBox.Icon.Critical, "The weekend file is damaged", str(error)
        )

    def choose_and_restore(self) -> None:
        context, shelf = self._window.context, self._shelf
        if context is None or shelf is None:
            return
        location = context.storage.location
        found: list = []
        if not run_guarded(self._window, TITLE, lambda: found.extend(shelf.list_backups(location))):
            return
        if not found:
            errors.show_message(  # through the module: tests record it
                self._window,
                QMessageBox.Icon.Information,
                TITLE,
                f"There are no backups of {location} yet. Trackside takes one shortly after it "
                "opens a file, every hour while it is open, and when it closes it.",
            )
            return
        chosen = ask_backup(self._window, found, location)
        if chosen is not None:
            self.restore_into(chosen.path, location)

    def restore_into(self, backup: Path, location: str) -> bool:
        """Close the file, put the backup in its place (the file kept aside), open it again."""
        shelf, opener = self._shelf, self._open_storage
        if shelf is None or opener is None:
            return False
        shown = self._window.tabs.tabText(self._window.tabs.currentIndex())
        # No closing backup: it could prune the very backup being restored.
        self._window.close_storage(back_up=False)
        aside: list[Path | None] = []
        restored = run_guarded(
            self._window, TITLE, lambda: aside.append(shelf.restore(backup, location))
        )
        opened: list[Storage] = []
        if not run_guarded(self._window, TITLE, lambda: opened.append(opener(location))):
            return False
        self._window.attach_storage(opened[0])
        self._window.show_tab(shown)
        if restored:
            kept = f"; the file it replaced is kept as {aside[0].name}" if aside[0] else ""
            self._window.statusBar().showMessage(f"Restored {backup.name}{kept}.")
        return restored
