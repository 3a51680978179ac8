"""Write one side of a sync: the plan's rows in batches, in one transaction, with its change log.

The rows are read from the other side a batch at a time and written with Core executemany
(no ORM object per row). Updates and deletions name the version the plan compared, as the
ORM's version check does: a record changed on the server while the sync ran is refused, and
the side is left as it was. The change log gets what a unit of work would have written for the
same rows (more than BULK_ADDS additions are logged as their events reloaded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Connection, Engine, Table, bindparam, delete, insert, select, update

from domain.errors import ConcurrentEditError, SyncCancelledError
from domain.model import utc_now
from persistence import change_log
from persistence.db_errors import storage_errors
from persistence.sync_plan import HISTORY, TABLES, SidePlan
from persistence.sync_reading import Values, batches, read_by_id, table_of
from persistence.tables import EntryRow, EventRow, LapRow, SessionRow, SubstitutionRow

Progress = Callable[[str, int, int], None]
# Rows whose event is their parent's: which parent table, through which column.
_EVENT_THROUGH: dict[type[Any], tuple[type[Any], str]] = {
    LapRow: (SessionRow, "session_id"),
    SubstitutionRow: (EntryRow, "entry_id"),
}


@dataclass(frozen=True, slots=True)
class _Touched:
    """One record for the change log: plain columns, and where its event is found."""

    row_type: type[Any]
    record_id: UUID
    action: str
    columns: dict[str, Any]
    parent: UUID | None  # the event itself, or the session/entry that leads to it


def write_side(
    plan: SidePlan,
    source: Engine,
    tell: Progress,
    cancelled: Callable[[], bool],
    name: str,
    *,
    batch: int,
    written_before: bool,
) -> None:
    """Write one side's planned changes in one transaction, with its change-log entries."""
    total = plan.count() + len(plan.new_history)
    if not total:
        return
    engine = plan.reader.engine
    with storage_errors(), engine.connect() as target, source.connect() as other, target.begin():
        writer = _Writer(plan, target, other, batch, name, written_before)
        writer.remove()
        for row_type in TABLES:
            for ids in batches(plan.inserts[row_type], batch):
                writer.check(cancelled, tell, total)
                writer.insert(row_type, ids)
            for seen in batches(plan.updates[row_type], batch):
                writer.check(cancelled, tell, total)
                writer.update(row_type, seen)
        for ids in batches(plan.new_history, batch):
            writer.check(cancelled, tell, total)
            writer.copy_history(ids)
        writer.check(cancelled, tell, total)
        writer.log()
    tell(f"Wrote the {name}", total, total)


class _Writer:
    def __init__(
        self, plan: SidePlan, target: Connection, source: Connection, batch: int, name: str,
        written_before: bool,
    ) -> None:  # fmt: skip
        self.plan, self.target, self.source, self.batch = plan, target, source, batch
        self.name, self.written_before = name, written_before
        self.done = 0
        self.bulk = sum(len(ids) for ids in plan.inserts.values()) > change_log.BULK_ADDS
        self.touched: list[_Touched] = []
        self.reloads: set[tuple[type[Any], UUID]] = set()  # (row type, its event or parent)

    def check(self, cancelled: Callable[[], bool], tell: Progress, total: int) -> None:
        if cancelled():
            raise SyncCancelledError(
                f"Sync cancelled: the server has this file's changes, but the {self.name} was "
                "left as it was. Run the sync again to bring the server's changes into it."
                if self.written_before
                else "Sync cancelled: nothing was changed on either side."
            )
        tell(f"Writing the {self.name}", self.done, total)

    def remove(self) -> None:
        """Deletions first, children before parents; each logged with what it held."""
        for row_type in reversed(TABLES):
            table = table_of(row_type)
            statement = delete(table).where(*_as_seen(table))
            for seen in batches(self.plan.removes[row_type], self.batch):
                stored = {
                    v["id"]: v for v in read_by_id(self.target, row_type, [i for i, _ in seen])
                }
                gone = [(i, v) for i, v in seen if i in stored]  # already gone: nothing to do
                self._ensure_unchanged(gone, stored)
                if gone:
                    result = self.target.execute(statement, [_seen(i, v) for i, v in gone])
                    self._ensure_count(result.rowcount, len(gone))
                for record_id, _version in gone:
                    self._note(row_type, "removed", stored[record_id])
                self.done += len(seen)

    def insert(self, row_type: type[Any], ids: list[UUID]) -> None:
        rows = list(read_by_id(self.source, row_type, ids))  # one deleted meanwhile: skipped
        if rows:
            self.target.execute(insert(table_of(row_type)), rows)
        for values in rows:
            self._note(row_type, "added", values)
        self.done += len(ids)

    def update(self, row_type: type[Any], seen: list[tuple[UUID, int]]) -> None:
        table = table_of(row_type)
        versions = dict(seen)
        rows = list(read_by_id(self.source, row_type, list(versions)))
        if rows:
            statement = update(table).where(*_as_seen(table))
            statement = statement.values(
                {c.key: bindparam(c.key) for c in table.c if c.key != "id"}
            )
            params = [{**values, **_seen(values["id"], versions[values["id"]])} for values in rows]
            self._ensure_count(self.target.execute(statement, params).rowcount, len(rows))
        for values in rows:
            self._note(row_type, "changed", values)
        self.done += len(seen)

    def copy_history(self, ids: list[UUID]) -> None:
        """The change history is copied as it is: not versioned, not in the change log."""
        rows = list(read_by_id(self.source, HISTORY, ids))
        if rows:
            self.target.execute(insert(table_of(HISTORY)), rows)
        self.done += len(ids)

    def log(self) -> None:
        """One log entry per record touched (an import-sized addition: its events reloaded)."""
        origin, at = uuid4(), utc_now()
        links = {(item.row_type, item.parent) for item in self.touched} | self.reloads
        event_of = self._events_of(links)
        reloaded = {event_of(row_type, parent) for row_type, parent in self.reloads}
        rows: list[dict[str, Any]] = []
        for item in self.touched:
            event_id = event_of(item.row_type, item.parent)
            kind = change_log.KINDS[item.row_type]
            rows.append(change_log.log_row(kind, item.record_id, event_id, item.action,
                                           item.columns, snapshot=item.action == "removed",
                                           origin=origin, at=at))  # fmt: skip
        events = sorted(e for e in reloaded if e is not None)
        rows += [change_log.reloaded_row(e, origin, at) for e in events]
        if rows:
            change_log.append_log(self.target, rows)

    def _note(self, row_type: type[Any], action: str, values: Values) -> None:
        through = _EVENT_THROUGH.get(row_type)
        parent = values[through[1]] if through else _direct_event(row_type, values)
        if self.bulk and action == "added" and parent is not None:
            self.reloads.add((row_type, parent))  # logged as its event reloaded, not one by one
            return
        columns = change_log.plain_values(values)
        self.touched.append(_Touched(row_type, values["id"], action, columns, parent))

    def _events_of(
        self, links: set[tuple[type[Any], UUID | None]]
    ) -> Callable[[type[Any], UUID | None], UUID | None]:
        """Which event a record belongs to, as the target holds it after the writes."""
        found: dict[type[Any], dict[UUID, UUID]] = {}
        for row_type, (parent, _column) in _EVENT_THROUGH.items():
            ids = sorted(p for t, p in links if t is row_type and p is not None)
            table: Table = table_of(parent)
            found[row_type] = {}
            for chunk in batches(ids, self.batch):
                query = select(table.c.id, table.c.event_id).where(table.c.id.in_(chunk))
                found[row_type].update((row.id, row.event_id) for row in self.target.execute(query))

        def event_of(row_type: type[Any], parent: UUID | None) -> UUID | None:
            if row_type not in found or parent is None:
                return parent
            return found[row_type].get(parent)  # its session/entry deleted with it: none

        return event_of

    def _ensure_unchanged(self, seen: list[tuple[UUID, int]], stored: dict[UUID, Values]) -> None:
        if any(stored[record_id]["version"] != version for record_id, version in seen):
            self._stale()

    def _ensure_count(self, matched: int, expected: int) -> None:
        if matched != expected:
            self._stale()

    def _stale(self) -> None:
        written = "the server has this file's changes, but " if self.written_before else ""
        raise ConcurrentEditError(
            f"A record was changed on the {self.name} while the sync ran, so {written}the "
            f"{self.name} was left as it was. Run the sync again to merge the newer change."
        )


def _direct_event(row_type: type[Any], values: Values) -> UUID | None:
    if row_type is EventRow:
        return values["id"]  # type: ignore[no-any-return]
    return values.get("event_id")


def _as_seen(table: Table) -> tuple[Any, ...]:
    """WHERE the id and the version the plan compared (the ORM's version check, in bulk)."""
    return (table.c.id == bindparam("seen_id"), table.c.version == bindparam("seen_version"))


def _seen(record_id: UUID, version: int) -> dict[str, Any]:
    return {"seen_id": record_id, "seen_version": version}
