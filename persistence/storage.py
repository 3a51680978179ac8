"""Open or create the weekend database: the embedded file, another file, or a team server."""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import threading
from pathlib import Path
from uuid import uuid4

import platformdirs
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from domain.errors import (
    DatabaseFileError,
    RuleSetError,
    ServerUnreachableError,
    StorageError,
)
from domain.ruleset import RuleSet
from persistence import backups, db, integrity
from persistence.db_errors import server_failure
from persistence.lock import InstanceLock
from persistence.rulesets import load_rulesets
from persistence.unit_of_work import SqlUnitOfWork

DATA_DIR_VARIABLE = "TRACKSIDE_DATA_DIR"  # overrides the data folder (tests, portable installs)
EMBEDDED_NAME = "trackside.db"
USER_RULESETS_NAME = "rulesets"  # <data folder>/rulesets/*.toml: the user's own rule packs


class SqlStorage:
    """An opened database (domain.ports.Storage); close() releases the engine and the lock."""

    def __init__(
        self, engine: Engine, rulesets: dict[str, RuleSet], location: str, lock: InstanceLock | None
    ) -> None:
        self.engine = engine
        self.rulesets = rulesets
        self.location = location
        self._lock = lock
        self.path = Path(location) if lock is not None else None  # None: a team server
        self._backup_source: sqlite3.Connection | None = None
        self._backed_up_version: int | None = None
        self._using_source = threading.Lock()  # a worker's backup or check, and the closing one
        # A file too big to check within the start-up bar is checked after ready instead:
        # the app does it in a worker thread, the command line before its command runs.
        self.check_pending = False
        # A server account that may only read (a viewer role): the app opens read-only.
        self.read_only = False
        self.origin = uuid4()  # this client, as the change log names it (skips its own echo)

    def uow_factory(self) -> SqlUnitOfWork:
        """A fresh unit of work per call."""
        return SqlUnitOfWork(self.engine, self.origin)

    def back_up(self, reason: str) -> backups.Backup | None:
        """A rolling backup through SQLite's online backup (None on a team server, which its
        own administrator backs up). Consistent even while laps are being logged."""
        if self.path is None:
            return None
        with self._using_source:
            source = self._source()
            # data_version changes when another connection commits; read before the copy, so
            # a lap saved during the copy makes the next hourly backup happen.
            version = source.execute("PRAGMA data_version").fetchone()[0]
            backup = backups.take_backup(self.path, source.backup, reason)
            self._backed_up_version = version
        return backup

    def back_up_if_changed(self, reason: str) -> backups.Backup | None:
        """The hourly backup: taken only when something was saved since the last one."""
        if self.path is None:
            return None
        with self._using_source:
            version = self._source().execute("PRAGMA data_version").fetchone()[0]
        if version == self._backed_up_version:
            return None
        return self.back_up(reason)

    def check_integrity(self) -> None:
        """SQLite's quick check of the open file; raises DamagedFileError (offering the latest
        backup) when it finds damage. Safe while laps are being logged."""
        if self.path is None:
            return
        with self._using_source:
            problems = integrity.run_check(self._source(), "quick_check")
        self.check_pending = False
        integrity.ensure_sound(self.path, problems)

    def _source(self) -> sqlite3.Connection:
        """One connection kept for backups: its data_version tells whether anything changed."""
        if self._backup_source is None:
            self._backup_source = sqlite3.connect(self.location, check_same_thread=False)
        return self._backup_source

    def close(self) -> None:
        with self._using_source:
            if self._backup_source is not None:
                self._backup_source.close()
                self._backup_source = None
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def data_dir() -> Path:
    """The user's data folder: $TRACKSIDE_DATA_DIR, or the platform's (platformdirs)."""
    folder = os.environ.get(DATA_DIR_VARIABLE) or platformdirs.user_data_dir("Trackside")
    return Path(folder).expanduser()


def embedded_path() -> Path:
    """The default weekend file in the user's data folder."""
    return data_dir() / EMBEDDED_NAME


def user_rulesets_dir() -> Path:
    """Where users keep their own rule packs; it need not exist."""
    return data_dir() / USER_RULESETS_NAME


def app_rulesets() -> dict[str, RuleSet]:
    """The shipped packs, then the user's: a user pack adds a series or overrides a shipped one."""
    rulesets = load_rulesets()
    folder = user_rulesets_dir()
    try:
        rulesets.update(load_rulesets(folder))
    except RuleSetError as exc:
        raise RuleSetError(
            f"{exc} The pack is in your rule pack folder {folder}: fix it, or move it out of "
            "that folder, then start Trackside again."
        ) from exc
    return rulesets


def open_storage(target: str | None, *, read_only: bool = False) -> SqlStorage:
    """Open a file or server URL (None: the embedded file, made with the demo on first start).

    `read_only` is for readers that never commit (the command line's list, board, standings,
    export): they take no instance lock, so they work while the app has the file open; SQLite's
    WAL lets them read beside its writer. Only writers lock each other out.
    """
    rulesets = app_rulesets()
    if target is not None:
        target = db.file_target(target)
    if target is None:
        path = embedded_path()
        if not path.exists():
            _make_folder(path.parent)
            create_database(str(path), demo=True)
        target = str(path)
    if db.is_server(target):
        return _open_server(target, rulesets)
    return _open_file(Path(target).expanduser(), rulesets, read_only)


def _open_file(path: Path, rulesets: dict[str, RuleSet], read_only: bool) -> SqlStorage:
    """Every check that may refuse the file reads it only; then the lock (writers only), then
    the engine."""
    db.ensure_sqlite_file(path)
    integrity.ensure_side_files_writable(path)
    check_now = path.stat().st_size <= integrity.CHECK_AT_OPEN_BYTES
    found = integrity.look(path, check="quick_check" if check_now else None)
    db.ensure_known_revision(found.revision, str(path), is_trackside=found.is_trackside)
    if read_only and found.revision != db.HEAD_REVISION:
        raise DatabaseFileError(
            f"{path} was saved by an older Trackside and must be updated before it can be "
            "read: open it in the app (or run a command that changes it) once, then retry."
        )
    lock = None if read_only else InstanceLock(path)
    try:
        engine = db.make_engine(str(path))
        if found.revision != db.HEAD_REVISION:  # Alembic is loaded only when there is work
            _migrate(engine, str(path))
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    storage = SqlStorage(engine, rulesets, str(path), lock)
    storage.check_pending = not check_now
    return storage


def _open_server(url: str, rulesets: dict[str, RuleSet]) -> SqlStorage:
    location = db.display_location(url)
    engine = db.make_engine(url)
    try:
        with _server_errors(location), engine.connect() as connection:
            revision = db.current_revision(connection)
        if revision is None:
            raise DatabaseFileError(
                f"{location} has no Trackside tables. To set it up, run: python main.py init URL"
            )
        db.ensure_known_revision(revision, location)
        if revision != db.HEAD_REVISION:
            _migrate(engine, location)
        with _server_errors(location), engine.connect() as connection:
            writable = db.may_write(connection)
    except BaseException:
        engine.dispose()
        raise
    storage = SqlStorage(engine, rulesets, location, None)
    storage.read_only = not writable
    return storage


def _migrate(engine: Engine, location: str) -> None:
    try:
        db.upgrade_to_head(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise StorageError(
            f"{location} could not be updated to this version of Trackside ({exc.orig}). "
            "Nothing was changed. Check the disk has space and try again."
        ) from exc
    except StorageError as exc:  # a migration refused the data it found; the message says why
        engine.dispose()
        raise StorageError(
            f"{location} could not be updated to this version of Trackside: {exc}"
        ) from exc


# What a reachable server says when it refuses the login itself (PostgreSQL's own messages).
_LOGIN_REFUSED = ("authentication failed", "does not exist", "no pg_hba.conf entry")


@contextlib.contextmanager
def _server_errors(location: str):
    try:
        yield
    except DBAPIError as exc:
        # Out of reach (refused, reset, timed out) is told apart from a refused login, so the
        # app can offer to work on a weekend file meanwhile (ui/startup_open.py). psycopg gives
        # a failed connection no SQLSTATE, so a server that answered is known by its words.
        answered = any(word in str(exc.orig) for word in _LOGIN_REFUSED)
        gone = isinstance(server_failure(exc), ServerUnreachableError) and not answered
        error = ServerUnreachableError if gone else StorageError
        said = " ".join(str(exc.orig).split())  # libpq's message spans lines with a tab
        raise error(
            f"Could not reach the Trackside database at {location} ({said}). Check the "
            "server is running and the address, user and password are right."
        ) from exc


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseFileError(
            f"The data folder {folder} could not be created ({exc.strerror}). Set "
            f"{DATA_DIR_VARIABLE} to a folder you can write to, or pass --db PATH."
        ) from exc


def create_database(target: str, *, demo: bool) -> str:
    """Make a new, migrated database (with the demo weekends if asked); returns its location."""
    target = db.file_target(target)
    if db.is_server(target):
        _create_on_server(target, demo=demo)
        return db.display_location(target)
    path = Path(target).expanduser()
    if path.exists():
        raise DatabaseFileError(
            f"{path} already exists, so it was left as it is. Choose a new file name."
        )
    if not path.parent.is_dir():
        raise DatabaseFileError(
            f"The folder {path.parent} does not exist. Create it first, or choose another place."
        )
    _remove_interrupted_builds(path)
    # Built beside the target and renamed at the end: a half-made file never has the real name.
    building = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        _fill(db.make_engine(str(building)), demo=demo, location=str(path))
        os.replace(building, path)
    except OSError as exc:
        raise DatabaseFileError(
            f"{path} could not be created ({exc.strerror}). Check the folder is writable and "
            "the disk has space."
        ) from exc
    finally:
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
    return str(path)


def _remove_interrupted_builds(path: Path) -> None:
    """A killed `init` leaves .NAME.creating-PID (and its journal) behind: remove those whose
    process is gone. A build still running (its process alive) is left alone."""
    prefix = f".{path.name}.creating-"
    for leftover in path.parent.glob(f"{glob.escape(prefix)}*"):
        pid = leftover.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive but not ours (PermissionError), or no way to tell (Windows)
        return True
    return True


def _create_on_server(url: str, *, demo: bool) -> None:
    location = db.display_location(url)
    engine = db.make_engine(url)
    try:
        with _server_errors(location), engine.connect() as connection:
            occupied = db.has_tables(connection)
        if occupied:
            raise DatabaseFileError(
                f"{location} already has tables, so it was left as it is. Use an empty database."
            )
        _fill(engine, demo=demo, location=location)
    finally:
        engine.dispose()


def _fill(engine: Engine, *, demo: bool, location: str) -> None:
    try:
        _migrate(engine, location)
        if demo:
            from persistence.demo import fill_demo  # only the first start needs the demo

            fill_demo(lambda: SqlUnitOfWork(engine), load_rulesets())
    finally:
        engine.dispose()
