"""Opening the weekend file at start, and what happens when it is refused or missing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from domain.errors import DamagedFileError, ServerUnreachableError, TracksideError
from domain.ports import Storage
from ui import settings
from ui.dialogs import file_dialogs, refused_file_dialog, server_away_dialog
from ui.dialogs.refused_file_dialog import NextStep
from ui.dialogs.restore_backup_dialog import ask_to_restore_latest
from ui.dialogs.server_away_dialog import AwayStep
from ui.main_window import MainWindow, StorageOpener
from ui.widgets.team_banner import TeamBanner

log = logging.getLogger(__name__)
StorageCreator = Callable[[str], Storage]  # makes a new, empty weekend file and opens it


def open_or_ask(
    window: MainWindow,
    first: Callable[[], Storage],
    target: str | None,
    open_storage: StorageOpener,
    create_storage: StorageCreator | None,
) -> bool:
    """Open `first`; while that fails, offer another file, a new one (or the missing one made).

    False when the user chose Quit. Each refusal says why; the refused file is left as it was.
    A team server out of reach gets its own question: work on a weekend file meanwhile.
    """
    opener, shown = first, target
    offline_from: str | None = None  # the server out of reach, while a file stands in for it
    while True:
        try:
            window.attach_storage(opener())
            if offline_from is not None and shown is not None:
                banner = window.findChild(TeamBanner)
                assert banner is not None, "attach_storage puts the banner up"
                banner.show_offline_copy(offline_from, shown)
            return True
        except TracksideError as exc:
            log.error("Could not open the database: %s", exc)
            if isinstance(exc, ServerUnreachableError) and shown and "://" in shown:
                instead = _file_instead_of(window, str(exc), shown)
                if instead is None:
                    return False
                if instead:  # "" tries the server again
                    offline_from = settings.server_key(shown)
                    shown, opener = instead, _opening(open_storage, instead)
                continue
            if _restored_from_backup(window, exc):
                return True
            message = str(exc)
            missing = _missing_file(shown) if create_storage is not None else None
            if missing is not None:
                message = f"{missing} does not exist. Create a new, empty weekend file there?"
        step = refused_file_dialog.ask_next_step(
            window, message, missing=missing is not None, can_create=create_storage is not None
        )
        chosen = _chosen_target(window, step, missing, shown)
        if step is NextStep.QUIT:
            return False
        if chosen is None:  # a cancelled file dialog: ask again what to do
            continue
        shown = chosen
        if step is NextStep.OPEN_ANOTHER or create_storage is None:
            opener = _opening(open_storage, chosen)
        else:
            opener = _opening(create_storage, chosen)


def _file_instead_of(window: MainWindow, refusal: str, server: str) -> str | None:
    """The weekend file to work on while `server` is out of reach; "" to try the server
    again; None to quit."""
    last = settings.last_synced_copy(server)
    if last is not None and not Path(last).exists():
        last = None
    while True:
        step = server_away_dialog.ask_when_server_away(window, refusal, last)
        if step is AwayStep.QUIT:
            return None
        if step is AwayStep.RETRY:
            return ""
        if step is AwayStep.LAST_COPY and last is not None:
            return last
        chosen = file_dialogs.ask_database_path(window, "")
        if chosen:
            return chosen


def _restored_from_backup(window: MainWindow, refused: TracksideError) -> bool:
    """A damaged file with a backup: offer the latest one; True once it is back and open."""
    if not isinstance(refused, DamagedFileError) or not (refused.backup and refused.location):
        return False
    if not window.backup_actions.can_restore or not ask_to_restore_latest(window, str(refused)):
        return False
    return window.backup_actions.restore_into(Path(refused.backup), refused.location)


def _opening(how: Callable[[str], Storage], target: str) -> Callable[[], Storage]:
    return lambda: how(target)


def _chosen_target(
    window: MainWindow, step: NextStep, missing: Path | None, shown: str | None
) -> str | None:
    start = str(Path(shown).parent) if shown and "://" not in shown else ""
    if step is NextStep.OPEN_ANOTHER:
        return file_dialogs.ask_database_path(window, start) or None
    if step is NextStep.NEW_DATABASE:
        return refused_file_dialog.ask_new_database_path(window, start) or None
    if step is NextStep.CREATE_MISSING and missing is not None:
        return str(missing)
    return None


def _missing_file(target: str | None) -> Path | None:
    """The path of a weekend file that does not exist (not a server, not the embedded file)."""
    if target is None or "://" in target:
        return None
    path = Path(target).expanduser()
    return path if not path.exists() and path.parent.is_dir() else None
