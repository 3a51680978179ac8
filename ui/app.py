"""Starts the desktop app: the window first, then the database on the event loop's first turn."""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QApplication, QMessageBox

from domain.errors import DamagedFileError, TracksideError
from domain.ports import BackupShelf, Storage
from ui import errors, settings
from ui.dialogs.restore_backup_dialog import ask_to_restore_latest
from ui.first_paint import after_first_paint, opening_text
from ui.main_window import MainWindow, StorageOpener, WeekendExporter
from ui.startup_open import StorageCreator, open_or_ask
from ui.team_link import TeamConnector
from ui.theme import apply_theme
from ui.weekend_files import WeekendFiles

if TYPE_CHECKING:
    from domain.feeds import FeedReader
    from ui.dialogs.sync_dialog import Syncer

log = logging.getLogger(__name__)

EXIT_STORAGE_FAILED = 2
# Set by bench/startup.py to the parent's time.perf_counter() (CLOCK_MONOTONIC on Linux): the app
# then prints its start-up timings as one JSON line once `MainWindow.settled`, and quits.
BENCH_T0 = "TRACKSIDE_BENCH_T0"


def run_gui(
    open_storage: StorageOpener,
    target: str | None = None,
    export_weekend: WeekendExporter | None = None,
    backups: BackupShelf | None = None,
    *,
    weekend_files: WeekendFiles | None = None,
    feed_reader: FeedReader | None = None,
    connect_team: TeamConnector | None = None,
    sync_with: Syncer | None = None,
    create_storage: StorageCreator | None = None,
) -> int:
    """Show the window and let it paint ("Opening weekend.db…"), then open `target` and fill it.

    `open_storage` also serves File ▸ Open database…, `export_weekend` the summary export, and
    `weekend_files` File ▸ New database… and Import… and the first screen's demo, and
    `backups` File ▸ Restore backup… (and the offer to restore when the file is damaged).
    A database that cannot be opened at start (not a database, damaged, newer, in use, missing)
    gets a message offering another file, a new one (`create_storage`) or Quit (a non-zero
    exit); the refused file is never touched.
    """
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv))
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    errors.install_excepthook()
    apply_theme(app)
    window = MainWindow(
        open_storage=open_storage,
        export_weekend=export_weekend,
        backups=backups,
        connect_team=connect_team,
        sync_with=sync_with,
        weekend_files=weekend_files,
        feed_reader=feed_reader,
    )
    window.settled.connect(collect_garbage_again)  # after ready: the collection is not on its way
    window.show_opening(opening_text(target))
    window.show()

    def open_target() -> Storage:
        return open_storage(target)

    opener = open_target
    if BENCH_T0 in os.environ:
        opener = _report_start_up(window, open_target, float(os.environ[BENCH_T0]))
    after_first_paint(
        window, lambda: _open_or_quit(window, opener, target, open_storage, create_storage)
    )
    code = app.exec()
    window.close_storage()
    return code


def collect_garbage_again() -> None:
    """Undo main's gc.disable() once every tab is built: start-up's garbage is collected, and
    what lives on is frozen (never scanned again)."""
    if not gc.isenabled():
        gc.collect()  # start-up's own garbage first, so freezing keeps only what lives on
        gc.freeze()
        gc.enable()


def _open_or_quit(
    window: MainWindow,
    first: Callable[[], Storage],
    target: str | None,
    open_storage: StorageOpener,
    create_storage: StorageCreator | None,
) -> None:
    # Quit only from inside run_gui's event loop: exit() outside any loop spoils the next one.
    if not open_or_ask(window, first, target, open_storage, create_storage):
        QApplication.exit(EXIT_STORAGE_FAILED)


def open_into(window: MainWindow, open_storage: Callable[[], Storage]) -> bool:
    """Open the storage and attach it; False (after a critical message saying why) if it fails."""
    try:
        window.attach_storage(open_storage())
    except DamagedFileError as exc:
        log.error("Could not open the database: %s", exc)
        if exc.backup and exc.location and window.backup_actions.can_restore:
            if ask_to_restore_latest(window, str(exc)):
                return window.backup_actions.restore_into(Path(exc.backup), exc.location)
            return False
        errors.show_message(
            window, QMessageBox.Icon.Critical, "Trackside cannot open the database", str(exc)
        )
        return False
    except TracksideError as exc:
        log.error("Could not open the database: %s", exc)
        errors.show_message(
            window, QMessageBox.Icon.Critical, "Trackside cannot open the database", str(exc)
        )
        return False
    return True


def _report_start_up(
    window: MainWindow, open_storage: Callable[[], Storage], t0: float
) -> Callable[[], Storage]:
    """The benchmark's hook: milliseconds since `t0` when shown, ready and settled, and the time
    open_storage took; printed as one JSON line once settled, then the app quits."""
    report: dict[str, object] = {}

    def since_t0() -> float:
        return (time.perf_counter() - t0) * 1000

    def timed_open() -> Storage:
        report["painted_ms"] = since_t0()  # the turn after the first paint (ui/first_paint.py)
        started = time.perf_counter()
        storage = open_storage()
        report["storage_ms"] = (time.perf_counter() - started) * 1000
        return storage

    def ready() -> None:
        report["ready_ms"] = since_t0()
        report["charts_at_ready"] = "pyqtgraph" in sys.modules

    def settled() -> None:
        report.update(settled_ms=since_t0(), tabs=window.tabs.count())
        print(json.dumps(report), flush=True)
        QApplication.exit(0)

    window.ready.connect(ready)
    window.settled.connect(settled)
    return timed_open
