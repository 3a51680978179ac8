"""Rolling backups of the open file (after ready, hourly, on closing), and a big file's check.

A file too big to check within the start-up bar gets its quick check in the same worker,
just before the backup after opening. That backup and the hourly one run in a worker thread
(SQLite's backup releases the GIL), so start-up and lap logging never wait for them (DESIGN
§6); the one on closing runs at once, since the file is about to be let go.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from domain.errors import DamagedFileError, StorageError
from domain.ports import BackedUpStorage, Storage

log = logging.getLogger(__name__)

HOURLY_MS = 60 * 60 * 1000
AFTER_READY_MS = 1000  # after the first paint and the visible tab's data, out of their way


class BackupKeeper(QObject):
    """One per open storage; `stop()` waits for a running backup, then takes the closing one."""

    finished = Signal(str)  # a status-bar line: the backup taken, or why none could be
    damaged = Signal(object)  # the DamagedFileError a check or a backup met

    def __init__(self, storage: Storage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._storage = storage if isinstance(storage, BackedUpStorage) else None
        self._worker: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(HOURLY_MS)
        self._timer.timeout.connect(lambda: self.start_in_background("hourly"))

    def start(self) -> None:
        """Schedule the backup after opening, and the hourly ones."""
        if self._storage is None:
            return
        QTimer.singleShot(AFTER_READY_MS, self, lambda: self.start_in_background("on-open"))
        self._timer.start()

    def start_in_background(self, reason: str) -> None:
        if self._storage is None or (self._worker is not None and self._worker.is_alive()):
            return
        self._worker = threading.Thread(
            target=self._check_then_take, args=(self._storage, reason), name=f"backup-{reason}",
            daemon=True,
        )  # fmt: skip
        self._worker.start()

    def _check_then_take(self, storage: BackedUpStorage, reason: str) -> None:
        """A big file's quick check comes first: a damaged file is reported, not backed up."""
        if storage.check_pending:
            try:
                storage.check_integrity()
            except DamagedFileError as exc:
                log.error("%s", exc)
                self.damaged.emit(exc)
                return
        take = storage.back_up if reason == "on-open" else storage.back_up_if_changed
        self._take(take, reason)

    def _take(self, take, reason: str) -> None:
        try:
            taken = take(reason)
        except DamagedFileError as exc:  # found while copying: the user must hear of it
            log.error("%s", exc)
            self.damaged.emit(exc)
            return
        except StorageError as exc:  # a full disk must not stop lap logging: say so, go on
            log.warning("Backup failed: %s", exc)
            self.finished.emit(f"Backup failed: {exc}")
            return
        if taken is not None:
            self.finished.emit(f"Backup saved: {taken.path.name}")

    def stop(self, *, back_up: bool = True) -> None:
        """Stop the timer, let a running backup finish, then take the one on closing."""
        self._timer.stop()
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        storage, self._storage = self._storage, None
        if storage is not None and back_up:
            self._take(storage.back_up, "on-closing")
