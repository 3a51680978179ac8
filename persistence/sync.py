"""Merge a weekend file and the team server both ways, record by record, by UUID (DESIGN §4).

Every record of both sides is compared (domain/rules/merge.py decides); then the server is
written in one transaction and the file in another, each with its change-log entries, so the
server's other clients hear of the merge like any commit. Running it again changes nothing.
Cancelling before a side's commit leaves that side exactly as it was; a sync cancelled between
the two commits is finished by the next one.

Both sides are read a batch at a time, each table in id order and walked side by side, so
memory holds a batch, the plan (ids and versions) and a few small look-ups, never a whole
copy; the writes go in batches too (persistence/sync_writing.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

from sqlalchemy import Engine

from domain.errors import SyncCancelledError
from domain.laptime import format_lap_time
from domain.rules.lap_numbers import lap_name
from domain.rules.merge import Copy, Decision, Known, Outcome, merge_record
from domain.team import SyncConflict, SyncReport
from persistence import change_log
from persistence.db_errors import storage_errors
from persistence.sync_plan import HISTORY, TABLES, SidePlan
from persistence.sync_reading import BATCH, Shape, SideReader, Values, lap_of, python_values
from persistence.sync_writing import write_side
from persistence.tables import EntryRow, LapRow, RaceResultRow

HERE, THERE = 0, 1

Progress = Callable[[str, int, int], None]  # (what, done, total)


def sync_databases(
    here: Engine,
    there: Engine,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    batch: int = BATCH,
) -> SyncReport:
    """Merge `here` (a weekend file) and `there` (the server) both ways; the server first.

    `batch` is how many rows are read or written at a time (tests make it small).
    """
    tell = progress or (lambda _what, _done, _total: None)
    with storage_errors(), SideReader(here, batch) as near, SideReader(there, batch) as far:
        sides = (SidePlan(near), SidePlan(far))
        conflicts = _plan(sides, tell, cancelled)
    to_server, to_file = sides[THERE].count(), sides[HERE].count()
    write_side(sides[THERE], here, tell, cancelled, "server", batch=batch, written_before=False)
    write_side(sides[HERE], there, tell, cancelled, "file", batch=batch,
               written_before=to_server > 0)  # fmt: skip
    return SyncReport(to_server=to_server, to_file=to_file, conflicts=tuple(conflicts))


def _plan(
    sides: tuple[SidePlan, SidePlan], tell: Progress, cancelled: Callable[[], bool]
) -> list[SyncConflict]:
    conflicts: list[SyncConflict] = []
    total = sum(side.reader.count(row_type) for side in sides for row_type in TABLES)
    done = 0
    for row_type in TABLES:
        shape = Shape(row_type)
        kind = change_log.KINDS[row_type]
        here_known, there_known = (_Lookup(side.reader.known(kind)) for side in sides)
        rows = _side_by_side(sides[HERE].reader.rows(row_type), sides[THERE].reader.rows(row_type))
        for key, here_row, there_row in rows:
            if done % sides[HERE].reader.batch == 0:
                _stop_if(cancelled)
                tell("Comparing", min(done, total), total)
            done += 1
            for side, row in zip(sides, (here_row, there_row), strict=True):
                if row is not None:
                    side.saw(row_type, key)
            if here_row == there_row:
                continue  # the same content has the same digest: merge_record says NOTHING
            here = None if here_row is None else shape.values(here_row)
            there = None if there_row is None else shape.values(there_row)
            record_id = (here or there or {})["id"]
            known = (here_known.get(key), there_known.get(key))
            decision = merge_record(_copy(here), _copy(there), *known)
            conflict = _carry_out(sides, row_type, record_id, here, there, decision)
            if conflict is not None:
                conflicts.append(conflict)
    _stop_if(cancelled)
    for source, target in ((sides[HERE], sides[THERE]), (sides[THERE], sides[HERE])):
        for record_id, event_id in source.history.items():
            if record_id not in target.history and target.parents_kept(
                HISTORY, {"event_id": event_id}
            ):
                target.new_history.append(record_id)
    tell("Compared", total, total)
    return conflicts


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise SyncCancelledError("Sync cancelled: nothing was changed on either side.")


class _Lookup:
    """What the change log knows of a record, read alongside the table in the same id order."""

    def __init__(self, known: Iterator[tuple[str, Known]]) -> None:
        self._known = known
        self._next = next(known, None)

    def get(self, key: str) -> Known:
        while self._next is not None and self._next[0] < key:
            self._next = next(self._known, None)
        if self._next is not None and self._next[0] == key:
            return self._next[1]
        return Known()


def _side_by_side(
    here: Iterator[tuple[str, Any]], there: Iterator[tuple[str, Any]]
) -> Iterator[tuple[str, Any, Any]]:
    """Two id-ordered streams as (id, here's row or None, there's row or None), in id order."""
    a, b = next(here, None), next(there, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            assert a is not None
            yield a[0], a[1], None
            a = next(here, None)
        elif a is None or b[0] < a[0]:
            yield b[0], None, b[1]
            b = next(there, None)
        else:
            yield a[0], a[1], b[1]
            a, b = next(here, None), next(there, None)


def _copy(values: Values | None) -> Copy | None:
    if values is None:
        return None
    return Copy(values["version"], change_log.digest_of(change_log.plain_values(values)))


def _carry_out(
    sides: tuple[SidePlan, SidePlan],
    row_type: type[Any],
    record_id: UUID,
    here: Values | None,
    there: Values | None,
    decision: Decision,
) -> SyncConflict | None:
    """Plan the writes of one decision; a record that cannot be written is a conflict too."""
    outcome = decision.outcome
    if outcome is Outcome.NOTHING:
        return None
    if outcome is Outcome.REMOVE:
        for side, values in zip(sides, (here, there), strict=True):
            if values is not None:
                side.remove(row_type, record_id, values["version"])
        return None
    winner, stored = (here, there) if outcome is Outcome.TAKE_HERE else (there, here)
    assert winner is not None
    target = sides[THERE] if outcome is Outcome.TAKE_HERE else sides[HERE]
    kept = "here" if outcome is Outcome.TAKE_HERE else "there"
    blocked = target.blocked(row_type, winner)
    if blocked:
        return _conflict(sides, row_type, record_id, here, there, kept="both apart", why=blocked)
    target.put(row_type, record_id, None if stored is None else stored["version"])
    if decision.conflict:
        return _conflict(sides, row_type, record_id, here, there, kept=kept)
    return None


def _conflict(
    sides: tuple[SidePlan, SidePlan],
    row_type: type[Any],
    record_id: UUID,
    here: Values | None,
    there: Values | None,
    *,
    kept: str,
    why: str = "",
) -> SyncConflict:
    kind = change_log.KINDS[row_type]
    if row_type is LapRow:  # "No. 48's lap 11", numbered on the side that holds it
        side, values = (sides[HERE], here) if here is not None else (sides[THERE], there)
        assert values is not None, "a conflict is about a record one side holds"
        lap = lap_of(python_values(tuple(values), values.values()))
        subject = lap_name(lap, side.reader.lap_number(lap.session_id, record_id))
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


def _subject(row_type: type[Any], values: Values) -> str:
    if "car_number" in values:
        nouns: dict[type[Any], str] = {EntryRow: "Entry", RaceResultRow: "Result"}
        noun = nouns.get(row_type, "")
        return f"{noun or change_log.KINDS[row_type].title()} No. {values['car_number']}"
    return f"{change_log.KINDS[row_type].rstrip('s').title()} {values.get('name', values['id'])}"


def _in_words(row_type: type[Any], values: Values | None) -> str:
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
