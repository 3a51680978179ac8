"""File ▸ Sync with team server…: merge a weekend file and the server, with progress and Cancel.

The merge runs on a worker thread (persistence/sync.py, reached through main.py); progress and
the end cross back as queued signals. Cancel stops it with each side all or nothing. When it is
done every view reads its weekend again, and the conflicts are listed with both sides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog, QWidget

from domain import services
from domain.changes import Changes
from domain.errors import DomainError, TracksideError
from domain.ports import Storage
from domain.team import SyncConflict, SyncReport
from ui import errors, settings
from ui.context import AppContext
from ui.dialogs.file_dialogs import ask_database_path

Progress = Callable[[str, int, int], None]
# main.py's merge: (the open storage, the other side's path or URL, progress, cancelled).
Syncer = Callable[[Storage, str, Progress, Callable[[], bool]], SyncReport]


def ask_other_side(parent: QWidget, location: str) -> str:
    """The server URL (when a file is open) or the weekend file (when a server is); tests
    replace this."""
    if "://" in location:
        return ask_database_path(parent, "")
    url, accepted = QInputDialog.getText(
        parent, "Sync with team server",
        "Team server address (postgresql+psycopg://user:password@host/database):",
    )  # fmt: skip
    return url.strip() if accepted else ""


class _Relay(QObject):
    """Signals from the worker thread, delivered on the GUI thread."""

    moved = Signal(str, int, int)
    finished = Signal(object)  # a SyncReport, or the TracksideError that stopped it


class _Shown(QObject):
    """Lives on the GUI thread, so the relay's signals reach it queued, never on the worker."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__(dialog)
        self._dialog, self._loop = dialog, loop
        self.outcome: object = None

    @Slot(str, int, int)
    def move(self, what: str, done: int, total: int) -> None:
        self._dialog.setLabelText(f"{what}: {done:,} of {total:,} records")
        self._dialog.setMaximum(total)
        self._dialog.setValue(min(done, total))

    @Slot(object)
    def finish(self, outcome: object) -> None:
        self.outcome = outcome
        self._loop.quit()


def sync_with_team(parent: QWidget, context: AppContext, syncer: Syncer) -> SyncReport | None:
    """Ask for the other side, merge with a progress dialog, then report what happened."""
    other = ask_other_side(parent, context.storage.location)
    if not other:
        return None
    dialog = QProgressDialog("Comparing the weekend file and the server…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Sync with team server")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    relay, loop = _Relay(), QEventLoop()
    shown = _Shown(dialog, loop)
    relay.moved.connect(shown.move)
    relay.finished.connect(shown.finish)

    def work() -> None:
        try:
            relay.finished.emit(syncer(context.storage, other, relay.moved.emit, stop.is_set))
        except TracksideError as exc:
            relay.finished.emit(exc)

    worker = threading.Thread(target=work, name="trackside-sync", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    dialog.reset()
    return _report(parent, context, shown.outcome, other)


def _remember_pair(location: str, other: str) -> None:
    """The file synced with a server: what the app offers to open if that server is out of
    reach at the next start (ui/startup_open.py)."""
    if ("://" in location) == ("://" in other):
        return  # two files, or two servers: neither stands in for a server
    server, copy = (location, other) if "://" in location else (other, location)
    settings.remember_synced_copy(server, copy)


def _report(parent: QWidget, context: AppContext, outcome: object, other: str) -> SyncReport | None:
    if isinstance(outcome, TracksideError):
        warning = isinstance(outcome, DomainError)  # cancelled, or a refused merge
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Critical
        errors.show_message(parent, icon, "Sync with team server", str(outcome))
        return None
    assert isinstance(outcome, SyncReport)
    _remember_pair(context.storage.location, other)
    events = frozenset(event.id for event in services.all_events(context.uow()))
    context.announce(Changes(reloaded_events=events), outcome.summary)
    box = QMessageBox(QMessageBox.Icon.Information, "Sync with team server", outcome.summary,
                      parent=parent)  # fmt: skip
    if outcome.conflicts:
        box.setInformativeText("Records changed on both sides are listed under Show Details.")
        box.setDetailedText("\n".join(conflict_line(c) for c in outcome.conflicts))
    box.exec()
    return outcome


def conflict_line(conflict: SyncConflict) -> str:
    """One conflict in words: what the file had, what the server had, which was kept."""
    kept = {"here": "the file's", "there": "the server's"}.get(conflict.kept, conflict.kept)
    return (
        f"{conflict.subject}: the file had {conflict.here}; the server had {conflict.there}; "
        f"kept {kept}."
    )
