"""Engines, SQLite pragmas, file checks and Alembic migration of the weekend database."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from domain.errors import DatabaseFileError, NewerSchemaError, StorageError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision id. A file already at it opens without loading Alembic
# (a large share of start-up, docs/BENCHMARKS.md); tests/persistence/test_head_revision.py
# keeps it in step.
HEAD_REVISION = "0009_driver_eligibility"
_SQLITE_HEADER = b"SQLite format 3\x00"
# Set on every connection: SQLite forgets foreign_keys and synchronous per connection (STYLE).
SQLITE_PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000")


def is_server(target: str) -> bool:
    """A URL such as postgresql+psycopg://... names a server; anything else is a file path."""
    return "://" in target


def file_target(target: str) -> str:
    """The file path a sqlite:// URL names, so it gets every safeguard a plain path gets.

    Other targets come back unchanged. An in-memory or unnamed SQLite URL is refused: it would
    keep nothing once Trackside closes.
    """
    if not target.startswith("sqlite:"):
        return target
    try:
        database = make_url(target).database
    except ArgumentError:
        database = None
    if not database or database == ":memory:" or database.startswith("file:"):
        raise DatabaseFileError(
            f"{target} does not name a weekend file. Give the file's path (or "
            "sqlite:///PATH with three slashes before a relative path, four before /)."
        )
    return database


def _server_url(target: str) -> URL:
    try:
        url = make_url(target)
        url.get_dialect()  # an unknown database or driver fails here, not at first use
    except (ArgumentError, ValueError) as exc:
        raise DatabaseFileError(
            "The database address is not one Trackside can use. Give a file path, or a "
            "server URL like postgresql+psycopg://user:password@host/database."
        ) from exc
    return url


def display_location(target: str) -> str:
    """The file path, or the server URL without its password, for titles and messages."""
    if is_server(target):
        return _server_url(target).render_as_string(hide_password=True)
    return str(Path(target).expanduser())


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def make_engine(target: str) -> Engine:
    """An engine for a server URL, or for a SQLite file with the durability pragmas."""
    if is_server(target):
        # A server across a dead network must fail within seconds, so laps go to the outbox.
        connect = {"connect_timeout": 5}
        return create_engine(_server_url(target), pool_pre_ping=True, connect_args=connect)
    url = URL.create("sqlite", database=str(Path(target).expanduser()))
    engine = create_engine(url)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """Built in code, so the installed app needs no alembic.ini."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def ensure_known_revision(
    revision: str | None, location: str, *, is_trackside: bool = True
) -> None:
    """Refuse a database this app did not make, or one a newer Trackside has migrated.

    `is_trackside` is False when Trackside's tables are missing: another program may manage
    its own SQLite file with Alembic, and its revision is not a newer Trackside's.
    """
    if revision is None or not is_trackside:
        raise DatabaseFileError(
            f"{location} is not a Trackside database (it has no Trackside tables). Nothing "
            "was changed. Check you picked the right weekend file."
        )
    if revision == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    if revision not in known:
        raise NewerSchemaError(
            f"{location} was saved by a newer version of Trackside (schema {revision}). It "
            "was left untouched: update Trackside to open it."
        )


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def may_write(connection: Connection) -> bool:
    """Whether this server account may log laps (a viewer role may not)."""
    query = text("SELECT has_table_privilege(current_user, 'laps', 'INSERT')")
    return bool(connection.execute(query).scalar_one())


def has_tables(connection: Connection) -> bool:
    return bool(inspect(connection).get_table_names())


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration the database lacks, in one transaction."""
    from alembic import command

    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        return
    migrating = _sqlite_migration_engine(engine)
    try:
        with migrating.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            _ensure_foreign_keys_hold(connection)
    finally:
        migrating.dispose()


def _sqlite_migration_engine(engine: Engine) -> Engine:
    """Connections for batch mode: foreign keys off, and DDL inside one real transaction.

    Batch mode copies a table and drops the old one; with foreign keys on, dropping a parent
    (events) would cascade-delete its children. PRAGMA foreign_keys only changes outside a
    transaction, so it is set on connect. The sqlite3 driver commits DDL at once unless we
    issue BEGIN ourselves (SQLAlchemy's SQLite docs, "Transactions with SQLite").
    """
    migrating = create_engine(engine.url)
    pragmas = [p for p in SQLITE_PRAGMAS if not p.startswith("foreign_keys")]

    @event.listens_for(migrating, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own
        cursor = dbapi_connection.cursor()
        for pragma in [*pragmas, "foreign_keys=OFF"]:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(migrating, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return migrating


def _ensure_foreign_keys_hold(connection: Connection) -> None:
    """With foreign keys off during the copy, check them before the commit instead."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = ", ".join(sorted({row[0] for row in broken}))
        raise StorageError(
            f"{len(broken)} rows in {tables} point at records that do not exist (see PRAGMA "
            "foreign_key_check), so the update was undone and nothing was changed. Correct or "
            "delete those rows with an SQLite tool, or open a backup copy of the weekend file."
        )


def _missing_message(path: Path) -> str:
    return (
        f"{path} does not exist. To start a new weekend file there, run: python main.py init {path}"
    )


def _is_writable(path: Path) -> bool:
    # The mode bits too: root may write anything, but a read-only flag is the user's intent.
    mode = path.stat().st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _ensure_sqlite_header(path: Path, header: bytes) -> None:
    size = path.stat().st_size
    if size == 0:
        raise DatabaseFileError(
            f"{path} is empty (0 bytes), so it is not a Trackside database. Nothing was "
            "changed. Pick your weekend file, or start a new one under another name with: "
            "python main.py init PATH"
        )
    if not header.startswith(_SQLITE_HEADER):
        raise DatabaseFileError(
            f"{path} is not a Trackside database (it is not an SQLite database file). Nothing "
            "was changed. Check you picked the right weekend file."
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[92:96] == header[24:28]  # see "in-header database size"
    if len(header) < 100 or (header_is_current and size < page_size * pages):
        from persistence.integrity import damaged

        raise damaged(
            path, "it is shorter than the database it holds (cut off, e.g. by an interrupted copy)"
        )


def ensure_sqlite_file(path: Path) -> None:
    """Check a weekend file before SQLite touches it, so a bad file is never modified."""
    ensure_readable_sqlite_file(path)
    if not _is_writable(path):
        raise DatabaseFileError(
            f"{path} is read-only. Trackside saves every lap as you log it, so it must write "
            "the file: make it writable, or open a copy of it."
        )
    if not _is_writable(path.parent):
        raise DatabaseFileError(
            f"The folder {path.parent} is read-only, and Trackside keeps its journal beside "
            f"{path.name}. Make the folder writable, or copy the file to a folder you can "
            "write to."
        )


def ensure_readable_sqlite_file(path: Path) -> None:
    """The checks a read-only use (python main.py check FILE) needs: there, a file, SQLite."""
    if not path.exists():
        raise DatabaseFileError(_missing_message(path))
    if path.is_dir():
        raise DatabaseFileError(f"{path} is a folder, not a weekend file. Pick the .db file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseFileError(
            f"{path} cannot be read ({exc.strerror}). Check its permissions and try again."
        ) from exc
    _ensure_sqlite_header(path, header)
