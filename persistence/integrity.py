"""Read-only looks at a weekend file: its schema, its soundness, and the side files beside it.

Everything here opens the file with `mode=ro` (and `immutable=1` when no journal is beside it),
so a file that is then refused gets no -wal, -shm or lock next to it (DESIGN §6).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from domain.errors import DamagedFileError, DatabaseFileError

# Tables every Trackside schema has had; an Alembic-managed file without them is someone else's.
TRACKSIDE_TABLES = frozenset({"events", "sessions", "laps"})
SIDE_SUFFIXES = ("-wal", "-shm", ".lock")
# SQLite's quick check reads every page: ~50 ms for 16 MB here, ~300 ms for a ten-season 84 MB
# file. Up to this size it runs before the file is opened (so a damaged file is refused
# untouched); above it, after ready (SqlStorage.check_integrity), within DESIGN §6's bar.
CHECK_AT_OPEN_BYTES = 16 * 1024 * 1024
_SHOWN_PROBLEMS = 3


@dataclass(frozen=True, slots=True)
class FileLook:
    """What a read-only look found: the schema revision and whether the tables are ours."""

    revision: str | None
    is_trackside: bool


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write the file or create anything beside it."""
    # With no -wal the file alone is the whole database: immutable skips the -shm and locks.
    # With a -wal (the app is open, or it crashed) SQLite must read it, so plain mode=ro.
    immutable = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro{immutable}", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def look(path: Path, *, check: str | None = "quick_check") -> FileLook:
    """The file's revision; with `check`, raise DamagedFileError if SQLite finds damage."""
    try:
        with read_only(path) as connection:
            if check is not None:
                ensure_sound(path, run_check(connection, check))
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, f"SQLite could not read it ({exc})") from exc
    return FileLook(revision=revision, is_trackside=tables >= TRACKSIDE_TABLES)


def run_check(connection: sqlite3.Connection, check: str) -> list[str]:
    """SQLite's own check (quick_check or integrity_check) and foreign keys: [] when sound."""
    try:
        problems = [row[0] for row in connection.execute(f"PRAGMA {check}") if row[0] != "ok"]
        if check == "integrity_check" and not problems:
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            problems += [f"a row in {row[0]} points at a missing {row[2]} record" for row in broken]
    except sqlite3.DatabaseError as exc:  # a page so broken the check itself cannot go on
        return [f"a page it could not read ({exc})"]
    return problems


def full_check(path: Path) -> list[str]:
    """Every page, index and foreign key (python main.py check FILE): [] when sound."""
    try:
        with read_only(path) as connection:
            return run_check(connection, "integrity_check")
    except sqlite3.DatabaseError as exc:
        return [f"a page it could not read ({exc})"]


def ensure_sound(path: Path, problems: list[str]) -> None:
    if problems:
        shown = "; ".join(problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        more_text = f"; and {more} more" if more > 0 else ""
        raise damaged(path, f"SQLite's check found {shown}{more_text}")


def damaged(path: Path, finding: str) -> DamagedFileError:
    """The message for a damaged file (`finding` says how we know), offering the latest backup."""
    from persistence.backups import latest_backup

    backup = latest_backup(path)
    if backup is None:
        offer = (
            "There is no backup of it in Trackside's data folder: open a copy you saved "
            "elsewhere, or ask whoever shared the file for a fresh copy."
        )
    else:
        offer = (
            f"The latest backup is {backup.path} ({backup.describe()}): bring it back with "
            f"python main.py --db {path} restore {backup.path} (the damaged file is kept aside)."
        )
    return DamagedFileError(
        f"{path} is damaged: {finding}. Nothing was changed. {offer}",
        backup=str(backup.path) if backup else None,
        location=str(path),
    )


def ensure_side_files_writable(path: Path) -> None:
    """A -wal, -shm or lock another user owns would make every save fail: say so at open."""
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{path}{suffix}")
        try:
            if side.exists() and not os.access(side, os.R_OK | os.W_OK):
                raise DatabaseFileError(
                    f"{path} cannot be opened: {side.name} beside it belongs to "
                    f"{_owner(side)} and you ({_you()}) cannot write it, so "
                    "no lap could be saved. Nothing was changed. Open the file as that user, "
                    "or ask them to close Trackside so the side file goes away."
                )
        except OSError as exc:
            raise DatabaseFileError(
                f"{path} cannot be opened: {side.name} beside it cannot be read "
                f"({exc.strerror}). Nothing was changed."
            ) from exc


def _you() -> str:
    geteuid = getattr(os, "geteuid", None)  # POSIX only
    return _owner_name(geteuid()) if geteuid else "this Windows user"


def _owner(path: Path) -> str:
    return _owner_name(path.stat().st_uid)


def _owner_name(uid: int) -> str:
    try:
        import pwd

        return f"user {pwd.getpwuid(uid).pw_name}"
    except (ImportError, KeyError):
        return f"user id {uid}"
