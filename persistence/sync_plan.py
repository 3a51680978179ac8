"""What a sync will write to one side: ids and the versions it saw, not the rows themselves.

The rows are read again, a batch at a time, when the side is written (sync_writing.py); the
plan keeps what the checks need while comparing: which parent records the side holds, its
natural keys, and what the plan adds or removes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from persistence.sync_reading import SideReader, Values, table_of
from persistence.tables import (
    ChangeRow,
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

# Parents before children: inserts go in this order, deletions in the reverse.
TABLES: tuple[type[Any], ...] = (
    TrackRow, EventRow, SessionRow, DriverRow, EntryRow, SubstitutionRow, LapRow,
    RaceResultRow, PenaltyRow, WaiverRow,
)  # fmt: skip
HISTORY: type[Any] = (
    ChangeRow  # the change history travels too, never merged: each entry is kept once
)
# Keys the database keeps unique besides the id: two laptops may each have added one.
NATURAL_KEYS: dict[type[Any], tuple[tuple[str, ...], ...]] = {
    EventRow: (("key",),),
    EntryRow: (("event_id", "car_number"),),
    # Per race-like session: the race and each Daytona Duel have their own order.
    RaceResultRow: (
        ("event_id", "session_name", "car_number"),
        ("event_id", "session_name", "finish"),
    ),
}


def _parents(row_type: type[Any]) -> tuple[tuple[str, type[Any]], ...]:
    """(column, the table it points at) for each foreign key of a synced table."""
    return tuple(
        (column.key, next(t for t in TABLES if table_of(t) is foreign.column.table))
        for column in table_of(row_type).columns
        for foreign in column.foreign_keys
    )


PARENTS = {row_type: _parents(row_type) for row_type in (*TABLES, HISTORY)}
PARENT_TYPES = frozenset(parent for links in PARENTS.values() for _column, parent in links)


class SidePlan:
    """One side: what it held when compared, and what the merge will write to it."""

    def __init__(self, reader: SideReader) -> None:
        self.reader = reader
        self.inserts: dict[type[Any], list[UUID]] = defaultdict(list)
        self.updates: dict[type[Any], list[tuple[UUID, int]]] = defaultdict(list)  # version seen
        self.removes: dict[type[Any], list[tuple[UUID, int]]] = defaultdict(list)
        self.history = reader.pairs(table_of(HISTORY), "event_id")  # id -> its event
        self.new_history: list[UUID] = []
        # Only the parent tables' ids are kept whole (a few thousand): children check them.
        self._held: dict[type[Any], set[UUID]] = defaultdict(set)
        self._put_ids: dict[type[Any], set[UUID]] = defaultdict(set)
        self._removed_ids: dict[type[Any], set[UUID]] = defaultdict(set)
        self._by_key: dict[tuple[type[Any], tuple[str, ...]], dict[tuple[Any, ...], list[UUID]]]
        self._by_key = {}

    def saw(self, row_type: type[Any], key: str) -> None:
        """The side holds this record (its id as hex text, told while its table is compared)."""
        if row_type in PARENT_TYPES:
            self._held[row_type].add(UUID(hex=key))

    def remove(self, row_type: type[Any], record_id: UUID, version: int) -> None:
        self.removes[row_type].append((record_id, version))
        self._removed_ids[row_type].add(record_id)

    def put(self, row_type: type[Any], record_id: UUID, stored_version: int | None) -> None:
        """Write the other side's copy here: a new record, or over the version this side has."""
        if stored_version is None:
            self.inserts[row_type].append(record_id)
        else:
            self.updates[row_type].append((record_id, stored_version))
        if row_type in PARENT_TYPES:
            self._put_ids[row_type].add(record_id)

    def count(self) -> int:
        """Records this side will be sent (added, changed or removed)."""
        plans = (self.inserts, self.updates, self.removes)
        return sum(len(ids) for plan in plans for ids in plan.values())

    def blocked(self, row_type: type[Any], values: Values) -> str:
        """Why `values` cannot come here: a missing parent, or a natural key in use."""
        if not self.parents_kept(row_type, values):
            return "what it belongs to was deleted on the other side"
        for key in NATURAL_KEYS.get(row_type, ()):
            wanted = tuple(values[name] for name in key)
            for other_id in self._ids_with(row_type, key, wanted):
                if other_id != values["id"] and other_id not in self._removed_ids[row_type]:
                    return f"the other side has another record with the same {', '.join(key)}"
        return ""

    def parents_kept(self, row_type: type[Any], values: Values) -> bool:
        """Whether every record `values` points at is here, or on its way here."""
        for column, parent in PARENTS[row_type]:
            parent_id = values.get(column)
            if parent_id is None:
                continue
            held = parent_id in self._held[parent] and parent_id not in self._removed_ids[parent]
            if not held and parent_id not in self._put_ids[parent]:
                return False
        return True

    def _ids_with(
        self, row_type: type[Any], key: tuple[str, ...], wanted: tuple[Any, ...]
    ) -> list[UUID]:
        """The ids of this side's stored records whose natural `key` is `wanted`."""
        index = self._by_key.get((row_type, key))
        if index is None:
            index = self._by_key[row_type, key] = self.reader.key_index(row_type, key)
        return index.get(wanted, [])
