"""Alembic builds exactly the tables of persistence/tables.py; 0002 keeps data; newer is refused."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from uuid import uuid4

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Engine, Uuid, bindparam, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from domain.errors import NewerSchemaError, StorageError
from persistence import db
from persistence.demo import fill_demo
from persistence.rulesets import load_rulesets
from persistence.storage import open_storage
from persistence.unit_of_work import SqlUnitOfWork

TABLES = [table.name for table in SQLModel.metadata.sorted_tables]


def test_upgrading_an_empty_database_to_head_matches_the_tables_exactly(
    blank_database: str,
) -> None:
    engine = db.make_engine(blank_database)
    try:
        db.upgrade_to_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def _declared_checks(table: str) -> dict[str, str]:
    constraints = SQLModel.metadata.tables[table].constraints
    return {c.name: str(c.sqltext) for c in constraints if isinstance(c, CheckConstraint)}


def test_a_new_database_has_every_check_constraint_that_tables_py_declares(database: str) -> None:
    # compare_metadata does not look at CHECK constraints, so they are compared here.
    engine = db.make_engine(database)
    try:
        inspector = inspect(engine)
        for table in TABLES:
            stored = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(table)}
            assert set(stored) == set(_declared_checks(table)), table
            if engine.dialect.name == "sqlite":  # PostgreSQL rewrites the text it keeps
                assert stored == _declared_checks(table), table
    finally:
        engine.dispose()


def _demo_at_0001(target: str) -> None:
    """A database as the first release left it: schema 0001, filled with the demo weekends.

    The demo is written at the head schema (today's code writes today's tables) and the file
    is then taken down to 0001, as an old release would have left it.
    """
    engine = db.make_engine(target)
    try:
        db.upgrade_to_head(engine)
        fill_demo(lambda: SqlUnitOfWork(engine), load_rulesets())
    finally:
        engine.dispose()
    engine = db.make_engine(target)
    if engine.dialect.name == "sqlite":  # batch mode: copy tables with foreign keys off
        engine.dispose()
        engine = db._sqlite_migration_engine(db.make_engine(target))
    try:
        with engine.begin() as connection:
            command.downgrade(db.alembic_config(connection), "0001")
    finally:
        engine.dispose()


def _row_counts(engine: Engine) -> dict[str, int]:
    """Rows in each table the file has (an older schema lacks the newer tables)."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
            for table in TABLES
            if table in present
        }


def _revision(target: str) -> str | None:
    engine = db.make_engine(target)
    try:
        with engine.connect() as connection:
            return db.current_revision(connection)
    finally:
        engine.dispose()


@pytest.fixture
def demo_at_0001(blank_database: str) -> tuple[str, dict[str, int]]:
    """The 0001 demo database and its row counts before any upgrade."""
    _demo_at_0001(blank_database)
    engine = db.make_engine(blank_database)
    counts = _row_counts(engine)
    engine.dispose()
    assert _revision(blank_database) == "0001"
    return blank_database, counts


def test_a_demo_database_at_0001_opens_at_the_head_with_every_row_kept(
    demo_at_0001: tuple[str, dict[str, int]],
) -> None:
    target, counts_before = demo_at_0001
    assert counts_before["laps"] > 0 and counts_before["race_results"] > 0
    assert "seasons" not in counts_before
    storage = open_storage(target)
    try:
        counts_after = _row_counts(storage.engine)
        # Each series and year the demo's events use became a season: truck 2023 and 2025,
        # cup 2025.
        assert counts_after.pop("seasons") == 3
        assert counts_after.pop("change_log") == 0  # the log starts empty (0008_team_server)
        assert counts_after == counts_before
        if storage.engine.dialect.name == "sqlite":
            with storage.engine.connect() as connection:
                pragma = connection.exec_driver_sql
                assert pragma("PRAGMA integrity_check").scalar_one() == "ok"
                assert pragma("PRAGMA foreign_key_check").fetchall() == []
                assert pragma("PRAGMA journal_mode").scalar_one() == "wal"
                assert pragma("PRAGMA synchronous").scalar_one() == 2  # FULL
                assert pragma("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        storage.close()
    assert _revision(target) == db.HEAD_REVISION


_COPY_A_LAP = text(
    "INSERT INTO laps (id, session_id, car_number, lap_ms, flag, note, logged_at) "
    "SELECT :id, :session_id, car_number, :lap_ms, flag, note, logged_at FROM laps "
    "ORDER BY id LIMIT 1"
).bindparams(bindparam("id", type_=Uuid), bindparam("session_id", type_=Uuid))


@pytest.mark.parametrize(
    ("lap_ms", "session_exists"),
    [(0, True), (-1, True), (30_000, False)],
    ids=["zero lap", "negative lap", "lap of a missing session"],
)
def test_after_the_upgrade_the_database_itself_refuses_an_impossible_lap(
    demo_at_0001: tuple[str, dict[str, int]], lap_ms: int, session_exists: bool
) -> None:
    target, _counts = demo_at_0001
    open_storage(target).close()
    engine = db.make_engine(target)
    try:
        with engine.connect() as connection:
            first_session = text("SELECT id FROM sessions ORDER BY id LIMIT 1").columns(id=Uuid)
            session_id = connection.execute(first_session).scalar_one()
        values = {"id": uuid4(), "lap_ms": lap_ms}
        values["session_id"] = session_id if session_exists else uuid4()
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(_COPY_A_LAP, values)
    finally:
        engine.dispose()


def _break_a_row(target: str, statement: str) -> None:
    engine = db.make_engine(target)
    try:
        with engine.begin() as connection:
            assert connection.execute(text(statement)).rowcount == 1
    finally:
        engine.dispose()


def _snapshot(target: str) -> bytes | tuple[str | None, dict[str, int]]:
    """The file's bytes, or the server's schema revision and row counts."""
    if not db.is_server(target):
        return Path(target).read_bytes()
    engine = db.make_engine(target)
    try:
        return _revision(target), _row_counts(engine)
    finally:
        engine.dispose()


_FIRST = "WHERE id = (SELECT id FROM {} ORDER BY id LIMIT 1)"


@pytest.mark.parametrize(
    ("table", "statement"),
    [
        ("laps", "UPDATE laps SET lap_ms = 0 " + _FIRST.format("laps")),
        (
            "race_results",
            "UPDATE race_results SET laps_led = laps + 1 " + _FIRST.format("race_results"),
        ),
        ("race_results", "UPDATE race_results SET stage1 = 11 " + _FIRST.format("race_results")),
        ("penalties", "UPDATE penalties SET owner_points = -10 " + _FIRST.format("penalties")),
        ("events", "UPDATE events SET round_no = 0 " + _FIRST.format("events")),
    ],
    ids=["zero lap", "laps led over laps", "stage 1 in 11th", "negative deduction", "round 0"],
)
def test_a_row_breaking_a_new_rule_refuses_the_upgrade_and_leaves_the_database_as_it_was(
    demo_at_0001: tuple[str, dict[str, int]], table: str, statement: str
) -> None:
    target, _counts = demo_at_0001
    _break_a_row(target, statement)
    before = _snapshot(target)
    with pytest.raises(StorageError, match="could not be updated") as refused:
        open_storage(target)
    message = str(refused.value)
    assert re.search(rf"1 row breaks the rule '[^']+' in the table {table}\.", message)
    assert "Nothing was changed" in message
    assert f"SELECT * FROM {table} WHERE NOT (" in message
    assert db.display_location(target) in message
    assert _snapshot(target) == before
    assert _revision(target) == "0001"


def test_a_sqlite_upgrade_that_would_leave_a_broken_link_is_undone_as_a_whole(
    tmp_path: Path,
) -> None:
    # A lap of a missing session, written with foreign keys off (a hand edit): the tables are
    # copied, the check after the copy fails, and every copy is rolled back with it.
    target = str(tmp_path / "weekend.db")
    _demo_at_0001(target)
    with sqlite3.connect(target) as connection:  # foreign keys are off in a plain connection
        connection.execute("UPDATE laps SET session_id = ? WHERE rowid = 1", (uuid4().hex,))
    connection.close()
    before = Path(target).read_bytes()
    with pytest.raises(StorageError, match="rows in laps point at records that do not exist"):
        open_storage(target)
    assert Path(target).read_bytes() == before
    assert _revision(target) == "0001"


def _pretend_a_newer_app_saved_it(target: str) -> None:
    engine = db.make_engine(target)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()


def test_a_database_from_a_newer_trackside_is_refused_and_left_untouched(database: str) -> None:
    _pretend_a_newer_app_saved_it(database)
    before = _snapshot(database)
    with pytest.raises(NewerSchemaError, match="newer version of Trackside") as refused:
        open_storage(database)
    assert "update Trackside" in str(refused.value)
    assert db.display_location(database) in str(refused.value)
    assert _snapshot(database) == before
