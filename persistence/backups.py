"""Rolling backups of weekend files, taken with SQLite's online backup, and their restore.

Each weekend file has its own folder under <data folder>/backups/ (named after the file and a
digest of its full path, so two weekend.db files never share one). A backup is a complete,
consistent SQLite file even while laps are being logged. Kept: the last KEEP_LATEST, plus the
newest of each of the last KEEP_DAYS days.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.errors import DamagedFileError, DatabaseFileError, StorageError
from persistence.integrity import run_check

BACKUPS_NAME = "backups"
KEEP_LATEST = 10
KEEP_DAYS = 30
SOURCE_NOTE = "source.txt"  # the weekend file's full path, for people browsing the folder
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)\.db$")


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file: where it is, when (UTC) and why it was taken."""

    path: Path
    taken_at: datetime
    reason: str
    size_bytes: int

    def describe(self) -> str:
        local = self.taken_at.astimezone()
        return f"taken {local:%Y-%m-%d %H:%M:%S} {self.reason.replace('-', ' ')}"


def backups_folder(database: Path) -> Path:
    """Where the backups of this weekend file live."""
    from persistence.storage import data_dir  # storage imports this module

    resolved = database.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / BACKUPS_NAME / f"{resolved.stem}-{digest}"


def list_backups(database: Path) -> list[Backup]:
    """This weekend file's backups, newest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(Backup(path, taken_at, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def latest_backup(database: Path) -> Backup | None:
    backups = list_backups(database)
    return backups[0] if backups else None


def take_backup(
    database: Path, copy_into: Callable[[sqlite3.Connection], None], reason: str
) -> Backup:
    """Write a new backup with `copy_into` (which runs SQLite's backup into it), then prune.

    The copy is made under a hidden name and renamed when complete, so a backup that has the
    real name is always whole.
    """
    folder = backups_folder(database)
    taken_at = datetime.now(UTC)
    name = f"{database.stem}-{taken_at:{_STAMP}}-{reason}.db"
    partial = folder / f".{name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SOURCE_NOTE).write_text(f"{database.expanduser().resolve()}\n", "utf-8")
        target = sqlite3.connect(partial)
        try:
            copy_into(target)
            problems = run_check(target, "quick_check")
        finally:
            target.close()
        if problems:  # a damaged copy must never push a sound backup out of the rotation
            partial.unlink()
            raise DamagedFileError(
                f"{database} is damaged: its backup failed SQLite's check ({problems[0]}), so "
                "it was not kept and the earlier backups are untouched. Close Trackside and run "
                f"python main.py check {database}.",
                location=str(database),
            )
        os.replace(partial, folder / name)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"The backup of {database} could not be written to {folder} ({exc}). The weekend "
            "file itself is unchanged; check the data folder's disk has space."
        ) from exc
    prune(database, now=taken_at)
    return Backup(folder / name, taken_at, reason, (folder / name).stat().st_size)


def prune(database: Path, *, now: datetime) -> list[Path]:
    """Delete backups beyond the last KEEP_LATEST and the newest of each of KEEP_DAYS days."""
    backups = list_backups(database)
    keep = {backup.path for backup in backups[:KEEP_LATEST]}
    newest_of_day: dict[object, Path] = {}
    for backup in backups:  # newest first, so the first seen of a day is its newest
        if now - backup.taken_at <= timedelta(days=KEEP_DAYS):
            newest_of_day.setdefault(backup.taken_at.astimezone().date(), backup.path)
    keep |= set(newest_of_day.values())
    removed = [backup.path for backup in backups if backup.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore_backup(backup: Path, database: Path) -> Path | None:
    """Put a copy of `backup` where `database` is; the current file is renamed aside, not lost.

    Returns where the current file went (None if there was none). The backup is checked
    first and copied beside the target before anything is renamed, so a refused or failed
    restore changes nothing. The caller holds no connection to `database`; the instance lock
    makes sure no other Trackside does.
    """
    from persistence import integrity
    from persistence.db import ensure_known_revision
    from persistence.lock import InstanceLock

    _ensure_restorable(backup, database)
    found = integrity.look(backup, check="integrity_check")
    ensure_known_revision(found.revision, str(backup), is_trackside=found.is_trackside)
    if database.is_dir() or not database.parent.is_dir():
        raise DatabaseFileError(f"{database} is not a place a weekend file can be restored to.")
    lock = InstanceLock(database)
    restoring = database.with_name(f".{database.name}.restoring-{os.getpid()}")
    try:
        _copy(backup, restoring)
        aside = _move_aside(database)
        os.replace(restoring, database)
    except OSError as exc:
        raise DatabaseFileError(
            f"{backup} could not be restored to {database} ({exc.strerror}). Check the folder "
            "is writable and the disk has space."
        ) from exc
    finally:
        restoring.unlink(missing_ok=True)
        lock.release()
    return aside


def _ensure_restorable(backup: Path, database: Path) -> None:
    if not backup.is_file():
        raise DatabaseFileError(
            f"{backup} is not a backup file. Nothing was changed. List the backups with: "
            f"python main.py --db {database} backups"
        )


def _copy(backup: Path, destination: Path) -> None:
    from persistence.integrity import read_only

    try:
        with read_only(backup) as source:
            target = sqlite3.connect(destination)
            try:
                source.backup(target)
            finally:
                target.close()
    except sqlite3.Error as exc:
        raise DatabaseFileError(
            f"{backup} could not be copied ({exc}). Nothing was changed."
        ) from exc


def _move_aside(database: Path) -> Path | None:
    """Rename the current file (and its journal) to a new name that says when and why."""
    if not database.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = database.with_name(f"{database.name}.before-restore-{stamp}")
    if aside.exists():
        raise DatabaseFileError(f"{aside} already exists; wait a second and restore again.")
    os.replace(database, aside)
    journal = Path(f"{database}-wal")
    if journal.exists():  # committed laps may still be only in the journal: they go along
        os.replace(journal, Path(f"{aside}-wal"))
    Path(f"{database}-shm").unlink(missing_ok=True)  # an index SQLite rebuilds from the journal
    return aside


class FileBackupShelf:
    """domain.ports.BackupShelf over this module, for the app's File ▸ Restore backup…."""

    def list_backups(self, location: str) -> list[Backup]:
        return list_backups(Path(location))

    def restore(self, backup: Path, location: str) -> Path | None:
        return restore_backup(backup, Path(location))
