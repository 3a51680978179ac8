"""The lap outbox: laps saved on this laptop while the team server is out of reach.

One small SQLite file (synchronous=FULL, like the weekend file), so a lap the spotter saw as
saved survives a crash or a flat battery until it is sent (domain.ports.LapOutbox).
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from uuid import UUID

from domain.errors import StorageError
from domain.model import Lap, LapFlag
from persistence.mapping import to_utc

_SCHEMA = """
CREATE TABLE IF NOT EXISTS waiting_laps (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    car_number TEXT NOT NULL,
    lap_ms INTEGER NOT NULL,
    flag TEXT,
    note TEXT NOT NULL,
    logged_at TEXT NOT NULL
)
"""


class SqliteLapOutbox:
    """Laps waiting for the server, in the order they were saved; safe from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._guard = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=5000"):
                self._db.execute(f"PRAGMA {pragma}")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                f"The lap outbox {path} could not be opened ({exc}). Laps cannot be kept while "
                "the server is away: check the data folder is writable."
            ) from exc

    def put(self, lap: Lap) -> None:
        row = (
            str(lap.id), str(lap.session_id), lap.car_number, lap.lap_ms,
            lap.flag.value if lap.flag else None, lap.note, to_utc(lap.logged_at).isoformat(),
        )  # fmt: skip
        self._write(
            "INSERT OR IGNORE INTO waiting_laps (id, session_id, car_number, lap_ms, flag, "
            "note, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row],
        )

    def pending(self) -> list[Lap]:
        with self._guard:
            rows = self._db.execute(
                "SELECT id, session_id, car_number, lap_ms, flag, note, logged_at "
                "FROM waiting_laps ORDER BY seq"
            ).fetchall()
        return [
            Lap(
                id=UUID(lap_id), session_id=UUID(session_id), car_number=car, lap_ms=lap_ms,
                flag=LapFlag(flag) if flag else None, note=note,
                logged_at=datetime.fromisoformat(logged_at),
            )
            for lap_id, session_id, car, lap_ms, flag, note, logged_at in rows
        ]  # fmt: skip

    def remove(self, lap_ids: list[UUID]) -> None:
        self._write("DELETE FROM waiting_laps WHERE id = ?", [(str(i),) for i in lap_ids])

    def count(self) -> int:
        with self._guard:
            return int(self._db.execute("SELECT COUNT(*) FROM waiting_laps").fetchone()[0])

    def close(self) -> None:
        with self._guard:
            self._db.close()

    def _write(self, statement: str, rows: list[tuple[object, ...]]) -> None:
        try:
            with self._guard:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._db.executemany(statement, rows)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            raise StorageError(
                f"The lap could not be saved in the outbox {self.path} ({exc}). Check the disk "
                "has free space."
            ) from exc
