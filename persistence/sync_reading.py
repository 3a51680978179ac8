"""What a sync reads of one database, in batches, so its memory does not grow with the file.

Each table is read in id order, a batch of rows at a time, as plain tuples (no ORM objects):
the sync walks both sides' tables side by side like a merge of two sorted lists. The change
log is read the same way, per kind, grouped by record. Only small look-ups are kept whole:
the ids of the parent tables and the natural keys (a few thousand values each).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, DateTime, Engine, Table, Uuid, func, select, type_coerce
from sqlalchemy.types import NullType

from domain.errors import StorageError
from domain.model import Lap
from domain.rules.lap_numbers import lap_numbers
from domain.rules.merge import Known
from persistence.mapping import to_utc
from persistence.tables import ChangeLogRow, LapRow

BATCH = 1_000  # rows fetched, compared and written at a time

Values = dict[str, Any]
LOG: Table = ChangeLogRow.__table__  # type: ignore[attr-defined]
LAPS: Table = LapRow.__table__  # type: ignore[attr-defined]


def table_of(row_type: type[Any]) -> Table:
    return row_type.__table__  # type: ignore[no-any-return]


def python_values(names: tuple[str, ...], row: Iterable[Any]) -> Values:
    """A row as a dict, timestamps in UTC whichever database it came from (SQLite drops the
    zone)."""
    return {k: to_utc(v) if isinstance(v, datetime) else v for k, v in zip(names, row, strict=True)}


def as_key(raw: str | UUID) -> str:
    """An id as the driver returns it (hex text from SQLite, a UUID from psycopg) as hex text."""
    return raw if isinstance(raw, str) else raw.hex


def as_uuid(raw: str | UUID | None) -> UUID | None:
    return raw if raw is None or isinstance(raw, UUID) else UUID(hex=raw)


class Shape:
    """A table's columns as a sync reads them: UUIDs raw (see SideReader.rows)."""

    def __init__(self, row_type: type[Any]) -> None:
        table = table_of(row_type)
        self.names = tuple(table.c.keys())
        self.uuid_at = tuple(i for i, c in enumerate(table.c) if isinstance(c.type, Uuid))
        self.time_at = tuple(i for i, c in enumerate(table.c) if isinstance(c.type, DateTime))
        self.id_at = self.names.index("id")
        self.columns = [
            type_coerce(c, NullType()) if isinstance(c.type, Uuid) else c for c in table.c
        ]

    def as_sqlite_gives(self, row: Sequence[Any]) -> tuple[Any, ...]:
        """A server's row as SQLite gives it (ids as hex text, timestamps naive UTC), so a file
        and the server compare row with row too; equal rows still mean equal digests."""
        values = list(row)
        for at in self.uuid_at:
            if isinstance(values[at], UUID):
                values[at] = values[at].hex
        for at in self.time_at:
            if values[at] is not None and values[at].tzinfo is not None:
                values[at] = values[at].astimezone(UTC).replace(tzinfo=None)
        return tuple(values)

    def values(self, row: Sequence[Any]) -> Values:
        """A raw row as a dict of Python values: UUIDs, timestamps in UTC."""
        typed = list(row)
        for at in self.uuid_at:
            typed[at] = as_uuid(typed[at])
        return python_values(self.names, typed)


class SideReader:
    """One database read for a sync: one connection, tables streamed in id order."""

    def __init__(self, engine: Engine, batch: int = BATCH) -> None:
        self.engine, self.batch = engine, batch
        self._server = engine.dialect.name != "sqlite"
        self._connection: Connection | None = None
        self._lap_numbers: dict[UUID, dict[UUID, int]] = {}  # session id -> lap numbers

    def __enter__(self) -> SideReader:
        self._connection = self.engine.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._connection is not None
        self._connection.close()
        self._connection = None

    @property
    def connection(self) -> Connection:
        assert self._connection is not None, "read inside `with SideReader(...)`"
        return self._connection

    def count(self, row_type: type[Any]) -> int:
        return int(
            self.connection.scalar(select(func.count()).select_from(table_of(row_type))) or 0
        )

    def rows(self, row_type: type[Any]) -> Iterator[tuple[str, Sequence[Any]]]:
        """Every row of a table as (its id as hex text, the raw row), in id order, a batch at a
        time; `Shape.values` makes a raw row a dict of Python values.

        Keyset pagination (id > the last one seen) rather than one open cursor: each batch is a
        short query on the primary key, the same on SQLite and PostgreSQL. The UUID columns stay
        as the driver gives them (hex text on SQLite): identical rows compare equal without
        building a UUID per value, which was a third of comparing two identical copies.
        """
        table, shape = table_of(row_type), Shape(row_type)
        statement = select(*shape.columns).order_by(table.c.id).limit(self.batch)
        last = ""
        while True:
            page = statement.where(table.c.id > as_uuid(last)) if last else statement
            batch = self.connection.execute(page).all()
            for row in batch:
                key = as_key(row[shape.id_at])
                if key <= last:  # hex text sorts as UUIDs do in SQL; anything else cannot merge
                    raise StorageError(_OUT_OF_ORDER.format(table=table.name))
                last = key
                yield key, shape.as_sqlite_gives(row) if self._server else row
            if len(batch) < self.batch:
                return

    def known(self, kind: str) -> Iterator[tuple[str, Known]]:
        """What the change log knows of each record of one kind, in record id order."""
        record_id = type_coerce(LOG.c.record_id, NullType())
        statement = (
            select(record_id, LOG.c.version, LOG.c.digest, LOG.c.action)
            .where(LOG.c.kind == kind, LOG.c.action != "reloaded")
            .order_by(LOG.c.record_id, LOG.c.position)
        )
        result = self.connection.execution_options(yield_per=self.batch).execute(statement)
        current = ""
        states: set[tuple[int, str]] = set()
        edited, latest = False, ""
        for raw_id, version, digest, action in result:
            key = as_key(raw_id)
            if key != current:
                if current:
                    yield current, Known(frozenset(states), edited, latest == "removed")
                current, states, edited = key, set(), False
            states.add((version, digest))
            edited = edited or action == "changed"
            latest = action
        if current:
            yield current, Known(frozenset(states), edited, latest == "removed")

    def key_index(
        self, row_type: type[Any], key: tuple[str, ...]
    ) -> dict[tuple[Any, ...], list[UUID]]:
        """The ids of the stored records by their natural `key` (a few thousand rows)."""
        table = table_of(row_type)
        index: dict[tuple[Any, ...], list[UUID]] = defaultdict(list)
        columns = [table.c[name] for name in key]
        for row in self.connection.execute(select(table.c.id, *columns)):
            index[tuple(row[1:])].append(row.id)
        return index

    def pairs(self, table: Table, column: str) -> dict[UUID, Any]:
        """id -> one column, for a small table (the change history's events)."""
        return dict(self.connection.execute(select(table.c.id, table.c[column])).all())

    def lap_number(self, session_id: UUID, lap_id: UUID) -> int | None:
        """A lap's number in its car's run: numbered from its session's laps on this side."""
        if session_id not in self._lap_numbers:
            names = tuple(LAPS.c.keys())
            laps = self.connection.execute(select(LAPS).where(LAPS.c.session_id == session_id))
            self._lap_numbers[session_id] = lap_numbers(
                lap_of(python_values(names, row)) for row in laps
            )
        return self._lap_numbers[session_id].get(lap_id)


def lap_of(values: Values) -> Lap:
    """Enough of a lap to number and name it."""
    return Lap(
        id=values["id"], session_id=values["session_id"], car_number=values["car_number"],
        lap_ms=values["lap_ms"], logged_at=values["logged_at"], lap_number=values["lap_number"],
    )  # fmt: skip


def read_by_id(connection: Connection, row_type: type[Any], ids: list[UUID]) -> Iterator[Values]:
    """The rows with these ids (a batch), as dicts ready to write into the other database."""
    table = table_of(row_type)
    names = tuple(table.c.keys())
    for row in connection.execute(select(table).where(table.c.id.in_(ids))):
        yield python_values(names, row)


def batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_OUT_OF_ORDER = (
    "The {table} table holds ids the database does not sort like UUIDs (edited by another "
    "program?), so the sync cannot compare it safely. Nothing was changed on either side."
)
