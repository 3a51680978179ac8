"""The change log: each commit records what it touched, in the same transaction (DESIGN §4).

A session's flushes are watched (`track_changes`); at commit the unit of work writes one log
row per record touched (`write_log`). On a server the rows are written under a transaction
advisory lock, so log positions commit in order and a client that pulls "everything after
position N" never skips a slower transaction's row; `NOTIFY` then announces the newest
position only (payloads are capped at 8,000 bytes, DESIGN §6 known traps).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, event, insert, text
from sqlalchemy.orm import Session as OrmSession

from domain.model import utc_now
from persistence.mapping import to_utc
from persistence.tables import (
    ChangeLogRow,
    DriverRow,
    EntryRow,
    EventRow,
    LapRow,
    PenaltyRow,
    RaceResultRow,
    SessionRow,
    SubstitutionRow,
    TrackRow,
    WaiverRow,
)

CHANNEL = "trackside_changes"
# Any fixed number: every writer takes this lock for the few statements before its commit.
_LOG_LOCK = 7_316_115
# More additions than this in one commit (an import) are logged as one "reload the event".
BULK_ADDS = 500
_PENDING = "trackside_change_log"
_BULK = "trackside_bulk_sessions"

# Row type -> the Changes field its values travel in.
KINDS: dict[type[Any], str] = {
    TrackRow: "tracks",
    EventRow: "events",
    SessionRow: "sessions",
    DriverRow: "drivers",
    EntryRow: "entries",
    SubstitutionRow: "substitutions",
    LapRow: "laps",
    RaceResultRow: "results",
    PenaltyRow: "penalties",
    WaiverRow: "waivers",
}
ROW_TYPES = {kind: row_type for row_type, kind in KINDS.items()}


@dataclass
class _Touched:
    row: Any
    action: str  # added, changed, removed
    snapshot: dict[str, Any] | None = None


def plain_columns(row: Any) -> dict[str, Any]:
    """A row's columns as JSON-ready text and numbers, the same on SQLite and PostgreSQL."""
    return {column.key: _plain(getattr(row, column.key)) for column in row.__table__.columns}


def plain_values(values: dict[str, Any]) -> dict[str, Any]:
    """Column values read with Core (a sync) in the same plain form as plain_columns."""
    return {name: _plain(value) for name, value in values.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return to_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def digest_of(columns: dict[str, Any]) -> str:
    """What a version of a record held, without its version number: equal content, equal digest."""
    content = {name: value for name, value in columns.items() if name != "version"}
    return hashlib.sha1(json.dumps(content, sort_keys=True).encode()).hexdigest()


def track_changes(session: OrmSession) -> None:
    """Watch the session's flushes: what it adds, changes and deletes is logged at commit."""
    session.info[_PENDING] = {}
    event.listen(session, "before_flush", _before_flush)


def _before_flush(session: OrmSession, _context: Any, _instances: Any) -> None:
    pending: dict[UUID, _Touched] = session.info[_PENDING]
    for row in session.new:
        if type(row) in KINDS:
            pending[row.id] = _Touched(row, "added")
    for row in session.dirty:
        if type(row) in KINDS and session.is_modified(row) and row.id not in pending:
            pending[row.id] = _Touched(row, "changed")
    for row in session.deleted:
        if type(row) not in KINDS:
            continue
        earlier = pending.get(row.id)
        if earlier is not None and earlier.action == "added":
            del pending[row.id]  # added and removed in one transaction: nothing to tell
        else:
            pending[row.id] = _Touched(row, "removed", plain_columns(row))


def note_added(session: OrmSession, rows: list[Any]) -> None:
    """Rows stored without the ORM (INSERT ... ON CONFLICT) are logged like session.add()."""
    pending: dict[UUID, _Touched] = session.info[_PENDING]
    for row in rows:
        pending[row.id] = _Touched(row, "added")


def note_bulk_laps(session: OrmSession, session_ids: set[UUID]) -> None:
    """Laps stored in bulk (an import): logged as their events reloaded, never row by row."""
    session.info.setdefault(_BULK, set()).update(session_ids)


def forget_changes(session: OrmSession) -> None:
    """After a rollback nothing of the transaction happened."""
    session.info[_PENDING] = {}
    session.info[_BULK] = set()


def write_log(session: OrmSession, origin: UUID) -> int | None:
    """Log what this transaction touched; returns the newest position, or None if nothing."""
    pending: dict[UUID, _Touched] = session.info[_PENDING]
    bulk_sessions: set[UUID] = session.info.get(_BULK, set())
    forget_changes(session)
    if not pending and not bulk_sessions:
        return None
    rows = _log_rows(session, list(pending.values()), bulk_sessions, origin)
    return append_log(session.connection(), rows)


def append_log(connection: Connection, rows: list[dict[str, Any]]) -> int:
    """Insert log rows in this transaction and announce the newest position (on a server)."""
    server = connection.dialect.name == "postgresql"
    if server:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOG_LOCK})
    log = ChangeLogRow.__table__  # type: ignore[attr-defined]
    statement = insert(log).returning(log.c.position)
    position = max(p for p in connection.scalars(statement, rows) if p is not None)
    if server:
        connection.execute(text("SELECT pg_notify(:channel, :position)"),
                           {"channel": CHANNEL, "position": str(position)})  # fmt: skip
    return position


def log_row(
    kind: str,
    record_id: UUID,
    event_id: UUID | None,
    action: str,
    columns: dict[str, Any],
    *,
    snapshot: bool,
    origin: UUID,
    at: datetime,
) -> dict[str, Any]:
    """One log row: what a record held (`columns`, plain) after an add or change, or before
    its removal (then kept whole as the snapshot)."""
    return {
        "kind": kind,
        "record_id": record_id,
        "event_id": event_id,
        "action": action,
        "version": columns["version"],
        "digest": digest_of(columns),
        "snapshot": json.dumps(columns) if snapshot else None,
        "origin": origin,
        "at": at,
    }


def reloaded_row(event_id: UUID, origin: UUID, at: datetime) -> dict[str, Any]:
    """ "Reload this event": what a bulk addition (an import, a sync) is logged as."""
    return {"kind": "events", "record_id": event_id, "event_id": event_id, "action": "reloaded",
            "version": 0, "digest": "", "snapshot": None, "origin": origin, "at": at}  # fmt: skip


def _log_rows(
    session: OrmSession, touched: list[_Touched], bulk_sessions: set[UUID], origin: UUID
) -> list[dict[str, Any]]:
    at = utc_now()
    events = _EventFinder(session)
    adds = [t for t in touched if t.action == "added"]
    bulk = len(adds) > BULK_ADDS
    rows: list[dict[str, Any]] = []
    reloaded = {events.of_session(session_id) for session_id in bulk_sessions} - {None}
    for item in touched:
        event_id = events.of(item.row)
        if bulk and item.action == "added" and event_id is not None:
            reloaded.add(event_id)
            continue
        columns = item.snapshot if item.snapshot is not None else plain_columns(item.row)
        kind = KINDS[type(item.row)]
        rows.append(log_row(kind, item.row.id, event_id, item.action, columns,
                            snapshot=item.snapshot is not None, origin=origin, at=at))  # fmt: skip
    rows += [reloaded_row(e, origin, at) for e in sorted(e for e in reloaded if e is not None)]
    return rows


class _EventFinder:
    """Which event a row belongs to, through its session or entry (cached for one commit)."""

    def __init__(self, session: OrmSession) -> None:
        self._session = session
        self._parents: dict[tuple[type[Any], UUID], UUID | None] = {}

    def of(self, row: Any) -> UUID | None:
        if isinstance(row, EventRow):
            return row.id
        if isinstance(row, LapRow):
            return self._parent(SessionRow, row.session_id)
        if isinstance(row, SubstitutionRow):
            return self._parent(EntryRow, row.entry_id)
        return getattr(row, "event_id", None)

    def of_session(self, session_id: UUID) -> UUID | None:
        return self._parent(SessionRow, session_id)

    def _parent(self, row_type: type[Any], parent_id: UUID) -> UUID | None:
        key = (row_type, parent_id)
        if key not in self._parents:
            with self._session.no_autoflush:
                parent = self._session.get(row_type, parent_id)
            self._parents[key] = parent.event_id if parent is not None else None
        return self._parents[key]
