"""A sync reads and writes a batch at a time, and batches change nothing it decides or writes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import uuid4

from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, event, select

from persistence.storage import SqlStorage, create_database, open_storage
from persistence.sync import sync_databases
from persistence.tables import ChangeLogRow, LapRow
from tests.persistence.test_sync import Edit, _apply, _copies, _laps, base_file, edits, server

# The tables a sync carries (persistence/sync_plan.py names them; listed here independently).
SYNCED = ("tracks", "events", "sessions", "drivers", "entries", "substitutions", "laps",
          "race_results", "penalties", "waivers", "change_history")  # fmt: skip
SMALL = 2
WHOLE = 1_000_000  # more than any table here: everything in one go

__all__ = ["base_file", "server"]  # fixtures shared with test_sync.py


@contextmanager
def _lap_statements(engine: Engine) -> Iterator[list[tuple[str, int]]]:
    """Every statement on the laps table as (SELECT/INSERT, rows it carried or asked for)."""
    seen: list[tuple[str, int]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool):
        if " laps" not in statement or "change_log" in statement:
            return
        verb = statement.split()[0].upper()
        seen.append((verb, len(parameters) if many else 1))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _contents(storage: SqlStorage) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table in id order, and the change log without its positions and times."""
    tables = LapRow.metadata.tables
    log = ChangeLogRow.__table__  # type: ignore[attr-defined]
    with storage.engine.connect() as connection:
        found = {
            name: [tuple(row) for row in connection.execute(
                select(tables[name]).order_by(tables[name].c.id))]
            for name in SYNCED
        }  # fmt: skip
        entries = select(log.c.kind, log.c.record_id, log.c.event_id, log.c.action,
                         log.c.version, log.c.digest, log.c.snapshot)  # fmt: skip
        found["change_log"] = sorted(tuple(row) for row in connection.execute(entries))
    return found


def _pairs(base_file: Path, folder: Path, here: list[Edit], there: list[Edit]) -> list[SqlStorage]:
    """Two offline copies with their edits, each copied twice: (a1, b1, a2, b2)."""
    a, b = _copies(base_file, folder, ["a.db", "b.db"])
    try:
        base = sorted(_laps(a))
        _apply(a, here, base, 1)
        _apply(b, there, base, 0)
    finally:
        a.close()
        b.close()
    for name in ("a", "b"):
        shutil.copy(folder / f"{name}.db", folder / f"{name}2.db")
    return [open_storage(str(folder / f"{n}.db")) for n in ("a", "b", "a2", "b2")]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(here=edits, there=edits)
def test_a_sync_two_records_at_a_time_leaves_what_a_sync_in_one_go_leaves(
    base_file: Path, tmp_path: Path, here: list[Edit], there: list[Edit]
) -> None:
    folder = tmp_path / f"run-{uuid4().hex}"
    folder.mkdir()
    a1, b1, a2, b2 = _pairs(base_file, folder, here, there)
    try:
        laps_before = len(_laps(a1)), len(_laps(b1))
        with _lap_statements(a1.engine) as near, _lap_statements(b1.engine) as far:
            small = sync_databases(a1.engine, b1.engine, batch=SMALL)
        whole = sync_databases(a2.engine, b2.engine, batch=WHOLE)
        assert (small.to_server, small.to_file, small.conflicts) == (
            whole.to_server, whole.to_file, whole.conflicts
        )  # fmt: skip
        assert _contents(a1) == _contents(a2)
        assert _contents(b1) == _contents(b2)
        for statements, laps in zip((near, far), laps_before, strict=True):
            pages = [n for verb, n in statements if verb == "SELECT"]
            assert len(pages) >= laps // SMALL  # the laps were read a page at a time
            assert all(n <= SMALL for verb, n in statements if verb != "SELECT")
    finally:
        for storage in (a1, b1, a2, b2):
            storage.close()


def test_a_weekend_copied_into_an_empty_file_is_written_two_rows_at_a_time(
    base_file: Path, tmp_path: Path
) -> None:
    copies = []
    for name in ("small", "whole"):
        empty = create_database(str(tmp_path / f"{name}.db"), demo=False)
        copies.append(open_storage(empty))
    source = open_storage(str(base_file))
    try:
        with _lap_statements(copies[0].engine) as written:
            small = sync_databases(copies[0].engine, source.engine, batch=SMALL)
        whole = sync_databases(copies[1].engine, source.engine, batch=WHOLE)
        laps = len(_laps(source))
        assert small.to_file == whole.to_file > laps
        inserts = [n for verb, n in written if verb == "INSERT"]
        assert sum(inserts) == laps and max(inserts) == SMALL
        assert _contents(copies[0]) == _contents(copies[1])
        assert _laps(copies[0]) == _laps(source)
    finally:
        for storage in (*copies, source):
            storage.close()


def test_a_weekend_copied_onto_an_empty_server_two_rows_at_a_time_logs_what_a_file_logs(
    base_file: Path, tmp_path: Path, server: str
) -> None:
    hub = open_storage(server)
    copy = open_storage(create_database(str(tmp_path / "copy.db"), demo=False))
    source = open_storage(str(base_file))
    try:
        with _lap_statements(hub.engine) as written:
            small = sync_databases(source.engine, hub.engine, batch=SMALL)
        whole = sync_databases(source.engine, copy.engine, batch=WHOLE)
        laps = _laps(source)
        assert small.to_server == whole.to_server > len(laps)
        assert _laps(hub) == _laps(copy) == laps
        # One INSERT per batch (psycopg's driver gets each batch as one multi-row statement).
        assert len([verb for verb, _n in written if verb == "INSERT"]) >= len(laps) // SMALL
        assert _contents(hub)["change_log"] == _contents(copy)["change_log"]
    finally:
        for storage in (hub, copy, source):
            storage.close()
