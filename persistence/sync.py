"""Merge a weekend file and the team server both ways, record by record, by UUID (DESIGN §4).

Every record of both sides is compared (domain/rules/merge.py decides); then the server is
written in one transaction and the file in another, each with its change-log entries, so the
server's other clients hear of the merge like any commit. Running it again changes nothing.
Cancelling before a side's commit leaves that side exactly as it was; a sync cancelled between
the two commits is finished by the next one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session as OrmSession

from domain.errors import SyncCancelledError
from domain.laptime import format_lap_time
from domain.model import Lap
from domain.rules.lap_numbers import lap_name, lap_numbers
from domain.rules.merge import Copy, Decision, Known, Outcome, merge_record
from domain.team import SyncConflict, SyncReport
from persistence import change_log
from persistence.db_errors import storage_errors
from persistence.mapping import to_utc
from persistence.tables import (
    ChangeLogRow,
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
HERE, THERE = 0, 1

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class _Side:
    """One database's rows and change-log knowledge, and what the merge will write to it."""

    engine: Engine
    rows: dict[type[Any], dict[UUID, dict[str, Any]]] = field(default_factory=dict)
    known: dict[UUID, Known] = field(default_factory=dict)
    history: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    puts: dict[type[Any], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    removes: dict[type[Any], list[UUID]] = field(default_factory=lambda: defaultdict(list))
    new_history: list[dict[str, Any]] = field(default_factory=list)
    _lap_numbers: dict[UUID, int] | None = None
    # Look-ups that would otherwise scan a whole table once per record (quadratic).
    put_ids: dict[type[Any], set[UUID]] = field(default_factory=lambda: defaultdict(set))
    removed_ids: dict[type[Any], set[UUID]] = field(default_factory=lambda: defaultdict(set))
    _by_key: dict[tuple[type[Any], tuple[str, ...]], dict[tuple[Any, ...], list[UUID]]] = field(
        default_factory=dict
    )

    def remove(self, row_type: type[Any], record_id: UUID) -> None:
        self.removes[row_type].append(record_id)
        self.removed_ids[row_type].add(record_id)

    def put(self, row_type: type[Any], values: dict[str, Any]) -> None:
        self.puts[row_type].append(values)
        self.put_ids[row_type].add(values["id"])

    def ids_with(
        self, row_type: type[Any], key: tuple[str, ...], wanted: tuple[Any, ...]
    ) -> list[UUID]:
        """The ids of this side's stored records whose natural `key` is `wanted`."""
        index = self._by_key.get((row_type, key))
        if index is None:
            index = defaultdict(list)
            for record_id, values in self.rows[row_type].items():
                index[tuple(values[name] for name in key)].append(record_id)
            self._by_key[row_type, key] = index
        return index.get(wanted, [])

    def holds(self, row_type: type[Any], record_id: UUID) -> bool:
        return record_id in self.rows[row_type] and record_id not in self.removed_ids[row_type]

    def count(self) -> int:
        return sum(len(v) for v in self.puts.values()) + sum(len(v) for v in self.removes.values())

    def lap_number(self, lap_id: UUID) -> int | None:
        """The lap's number in its car's run on this side (read once, at the first conflict)."""
        if self._lap_numbers is None:
            self._lap_numbers = lap_numbers(_lap(values) for values in self.rows[LapRow].values())
        return self._lap_numbers.get(lap_id)


def _lap(values: dict[str, Any]) -> Lap:
    """Enough of a lap to number it."""
    return Lap(
        id=values["id"], session_id=values["session_id"], car_number=values["car_number"],
        lap_ms=values["lap_ms"], logged_at=values["logged_at"], lap_number=values["lap_number"],
    )  # fmt: skip


def sync_databases(
    here: Engine,
    there: Engine,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> SyncReport:
    """Merge `here` (a weekend file) and `there` (the server) both ways; the server first."""
    tell = progress or (lambda _what, _done, _total: None)
    sides = (_read(here), _read(there))
    conflicts = _plan(sides, tell, cancelled)
    to_server, to_file = sides[THERE].count(), sides[HERE].count()
    _apply(sides[THERE], tell, cancelled, "server", written_before=False)
    _apply(sides[HERE], tell, cancelled, "file", written_before=to_server > 0)
    return SyncReport(to_server=to_server, to_file=to_file, conflicts=tuple(conflicts))


def _read(engine: Engine) -> _Side:
    side = _Side(engine)
    with storage_errors(), engine.connect() as connection:
        for row_type in TABLES:
            table = row_type.__table__
            side.rows[row_type] = {
                row.id: _python(dict(row._mapping)) for row in connection.execute(select(table))
            }
        history = connection.execute(select(ChangeRow.__table__))  # type: ignore[attr-defined]
        side.history = {row.id: _python(dict(row._mapping)) for row in history}
        log_table = ChangeLogRow.__table__  # type: ignore[attr-defined]
        log = select(log_table).order_by(log_table.c.position)
        states: dict[UUID, set[tuple[int, str]]] = defaultdict(set)
        edited: set[UUID] = set()
        latest: dict[UUID, str] = {}
        for entry in connection.execute(log):
            if entry.action == "reloaded":
                continue
            states[entry.record_id].add((entry.version, entry.digest))
            edited |= {entry.record_id} if entry.action == "changed" else set()
            latest[entry.record_id] = entry.action
    side.known = {
        record_id: Known(frozenset(held), record_id in edited, latest[record_id] == "removed")
        for record_id, held in states.items()
    }
    return side


def _python(values: dict[str, Any]) -> dict[str, Any]:
    """Timestamps in UTC whichever database they came from (SQLite drops the zone)."""
    return {k: to_utc(v) if isinstance(v, datetime) else v for k, v in values.items()}


def _copy(values: dict[str, Any] | None) -> Copy | None:
    if values is None:
        return None
    return Copy(values["version"], change_log.digest_of(change_log.plain_values(values)))


def _plan(
    sides: tuple[_Side, _Side], tell: Progress, cancelled: Callable[[], bool]
) -> list[SyncConflict]:
    conflicts: list[SyncConflict] = []
    total = sum(len(ids) for side in sides for ids in side.rows.values())
    done = 0
    for row_type in TABLES:
        ids = sides[HERE].rows[row_type].keys() | sides[THERE].rows[row_type].keys()
        for record_id in sorted(ids):
            if cancelled():
                raise SyncCancelledError("Sync cancelled: nothing was changed on either side.")
            done += 1
            if done % 500 == 0:
                tell("Comparing", min(done, total), total)
            here = sides[HERE].rows[row_type].get(record_id)
            there = sides[THERE].rows[row_type].get(record_id)
            known = [side.known.get(record_id, Known()) for side in sides]
            decision = merge_record(_copy(here), _copy(there), known[HERE], known[THERE])
            conflict = _carry_out(sides, row_type, record_id, here, there, decision)
            if conflict is not None:
                conflicts.append(conflict)
    for source, target in ((sides[HERE], sides[THERE]), (sides[THERE], sides[HERE])):
        for record_id, values in source.history.items():
            if record_id not in target.history and _parents_kept(target, ChangeRow, values):
                target.new_history.append(values)
    tell("Compared", total, total)
    return conflicts


def _carry_out(
    sides: tuple[_Side, _Side],
    row_type: type[Any],
    record_id: UUID,
    here: dict[str, Any] | None,
    there: dict[str, Any] | None,
    decision: Decision,
) -> SyncConflict | None:
    """Plan the writes of one decision; a record that cannot be written is a conflict too."""
    outcome = decision.outcome
    if outcome is Outcome.NOTHING:
        return None
    if outcome is Outcome.REMOVE:
        for side, values in zip(sides, (here, there), strict=True):
            if values is not None:
                side.remove(row_type, record_id)
        return None
    winner = here if outcome is Outcome.TAKE_HERE else there
    assert winner is not None
    target = sides[THERE] if outcome is Outcome.TAKE_HERE else sides[HERE]
    kept = "here" if outcome is Outcome.TAKE_HERE else "there"
    blocked = _blocked(target, row_type, winner)
    if blocked:
        return _conflict(sides, row_type, record_id, here, there, kept="both apart", why=blocked)
    target.put(row_type, winner)
    if decision.conflict:
        return _conflict(sides, row_type, record_id, here, there, kept=kept)
    return None


def _blocked(target: _Side, row_type: type[Any], values: dict[str, Any]) -> str:
    """Why `values` cannot go into `target`: a missing parent, or a natural key in use."""
    if not _parents_kept(target, row_type, values):
        return "what it belongs to was deleted on the other side"
    for key in NATURAL_KEYS.get(row_type, ()):
        wanted = tuple(values[name] for name in key)
        for other_id in target.ids_with(row_type, key, wanted):
            if other_id != values["id"] and target.holds(row_type, other_id):
                return f"the other side has another record with the same {', '.join(key)}"
    return ""


def _parents_kept(target: _Side, row_type: type[Any], values: dict[str, Any]) -> bool:
    for column in row_type.__table__.columns:
        for foreign in column.foreign_keys:
            parent_id = values.get(column.key)
            parent = next(t for t in TABLES if t.__table__ is foreign.column.table)
            if parent_id is None:
                continue
            planned = parent_id in target.put_ids[parent]
            if not target.holds(parent, parent_id) and not planned:
                return False
    return True


def _conflict(
    sides: tuple[_Side, _Side],
    row_type: type[Any],
    record_id: UUID,
    here: dict[str, Any] | None,
    there: dict[str, Any] | None,
    *,
    kept: str,
    why: str = "",
) -> SyncConflict:
    kind = change_log.KINDS[row_type]
    if row_type is LapRow:  # "No. 48's lap 11", numbered on the side that holds it
        side, values = (sides[HERE], here) if here is not None else (sides[THERE], there)
        assert values is not None, "a conflict is about a record one side holds"
        subject = lap_name(_lap(values), side.lap_number(record_id))
    else:
        subject = _subject(row_type, here or there or {})
    return SyncConflict(
        kind=kind,
        record_id=record_id,
        subject=subject + (f" ({why})" if why else ""),
        here=_in_words(row_type, here),
        there=_in_words(row_type, there),
        kept=kept,
    )


def _subject(row_type: type[Any], values: dict[str, Any]) -> str:
    if "car_number" in values:
        nouns: dict[type[Any], str] = {EntryRow: "Entry", RaceResultRow: "Result"}
        noun = nouns.get(row_type, "")
        return f"{noun or change_log.KINDS[row_type].title()} No. {values['car_number']}"
    return f"{change_log.KINDS[row_type].rstrip('s').title()} {values.get('name', values['id'])}"


def _in_words(row_type: type[Any], values: dict[str, Any] | None) -> str:
    if values is None:
        return "deleted"
    if row_type is LapRow:
        words = [format_lap_time(values["lap_ms"])]
        words += [f"flag {values['flag']}"] if values["flag"] else []
        words += [f"note “{values['note']}”"] if values["note"] else []
        return ", ".join(words)
    shown = {k: v for k, v in change_log.plain_values(values).items()
             if k not in ("id", "version") and not k.endswith("_id")}  # fmt: skip
    return json.dumps(shown, ensure_ascii=False)


def _apply(side: _Side, tell: Progress, cancelled: Callable[[], bool], name: str,
           *, written_before: bool) -> None:  # fmt: skip
    """Write one side's planned changes in one transaction, with its change-log entries."""
    total, done = side.count() + len(side.new_history), 0
    if not total:
        return
    session = OrmSession(side.engine)
    change_log.track_changes(session)
    try:
        with storage_errors():
            for row_type in reversed(TABLES):
                for record_id in side.removes[row_type]:
                    row = session.get(row_type, record_id)
                    if row is not None:
                        session.delete(row)
                session.flush()
            for row_type in TABLES:
                for values in side.puts[row_type]:
                    done += 1
                    _check(cancelled, name, written_before)
                    if done % 200 == 0:
                        tell(f"Writing the {name}", done, total)
                    _put(session, row_type, values)
                session.flush()
            for values in side.new_history:
                session.add(ChangeRow(**values))
            session.flush()
            _check(cancelled, name, written_before)
            change_log.write_log(session, uuid4())
            session.commit()
        tell(f"Wrote the {name}", total, total)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _put(session: OrmSession, row_type: type[Any], values: dict[str, Any]) -> None:
    row = session.get(row_type, values["id"])
    if row is None:
        session.add(row_type(**values))
        return
    for name, value in values.items():
        setattr(row, name, value)


def _check(cancelled: Callable[[], bool], name: str, written_before: bool) -> None:
    if not cancelled():
        return
    if written_before:
        raise SyncCancelledError(
            f"Sync cancelled: the server has this file's changes, but the {name} was left as it "
            "was. Run the sync again to bring the server's changes into it."
        )
    raise SyncCancelledError("Sync cancelled: nothing was changed on either side.")
