"""Repositories of the team server: the change log as domain values, and laps stored once."""

from __future__ import annotations

import json
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlmodel import Session as DbSession, col

from domain.model import Lap
from domain.team import ChangeAction, LoggedChange
from persistence import mapping
from persistence.change_log import BULK_ADDS, ROW_TYPES, note_added, note_bulk_laps
from persistence.db_errors import storage_errors
from persistence.tables import ChangeLogRow, LapRow, TrackRow


class SqlChangeLogRepository:
    """Reads the log; entries this client wrote (its `origin`) are marked `mine`."""

    def __init__(self, session: DbSession, origin: UUID, values: dict[str, Any]) -> None:
        self._session = session
        self._origin = origin
        self._to_value = values  # kind -> row-to-value function of its repository

    def since(self, position: int) -> list[LoggedChange]:
        query = (
            select(ChangeLogRow)
            .where(col(ChangeLogRow.position) > position)
            .order_by(col(ChangeLogRow.position))
        )
        with storage_errors():
            rows = self._session.execute(query.with_only_columns(*_LOG_COLUMNS)).all()
        return [
            LoggedChange(
                position=row.position,
                kind=row.kind,
                record_id=row.record_id,
                event_id=row.event_id,
                action=ChangeAction(row.action),
                removed=self._removed(row.kind, row.snapshot),
                mine=row.origin == self._origin,
            )
            for row in rows
        ]

    def last_position(self) -> int:
        with storage_errors():
            newest = self._session.scalar(select(func.max(ChangeLogRow.position)))
        return int(newest or 0)

    def _removed(self, kind: str, snapshot: str | None) -> object | None:
        if snapshot is None:
            return None
        columns = decoded_columns(ROW_TYPES[kind], json.loads(snapshot))
        if kind == "events":  # an event value holds its track, which outlives it
            track = self._session.get(TrackRow, columns["track_id"])
            columns["track"] = track
        return self._to_value[kind](SimpleNamespace(**columns))


_LOG_COLUMNS = ChangeLogRow.__table__.columns  # type: ignore[attr-defined]


def decoded_columns(row_type: type[Any], plain: dict[str, Any]) -> dict[str, Any]:
    """The inverse of change_log.plain_columns: ids, dates and timestamps as Python values."""
    columns: dict[str, Any] = {}
    for column in row_type.__table__.columns:
        value = plain.get(column.key)
        if value is not None:
            kind = column.type.python_type
            if kind is UUID:
                value = UUID(value)
            elif kind is datetime:
                value = datetime.fromisoformat(value)
            elif kind is date:
                value = date.fromisoformat(value)
        columns[column.key] = value
    return columns


def _insert_for(dialect: str) -> Any:
    """The dialect's INSERT with ON CONFLICT, imported on use: the PostgreSQL dialect (and its
    asyncpg module) costs a laptop's start-up ~20 ms it never needs."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def add_new_laps(session: DbSession, laps: list[Lap]) -> list[Lap]:
    """INSERT ... ON CONFLICT DO NOTHING: the database, not a read, decides what is new.

    Any conflict skips the lap: its id, or for a numbered (feed) lap its (session, car, lap
    number), whose id is made from that key anyway (domain/lap_ids.py).
    """
    if not laps:
        return []
    maker = _insert_for(session.get_bind().dialect.name)
    stored: set[UUID] = set()
    for start in range(0, len(laps), 1000):  # SQLite allows ~32,000 bound values a statement
        batch = [mapping.columns_of(lap) for lap in laps[start : start + 1000]]
        statement = maker(LapRow).values(batch).on_conflict_do_nothing()
        with storage_errors():
            stored.update(session.scalars(statement.returning(col(LapRow.id))))
    added = [lap for lap in laps if lap.id in stored]
    if len(added) > BULK_ADDS:
        note_bulk_laps(session, {lap.session_id for lap in added})
    else:
        note_added(session, [LapRow(**mapping.columns_of(lap)) for lap in added])
    return added
