"""Alembic builds exactly the tables of persistence/tables.py, and a newer schema is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from domain.errors import NewerSchemaError
from persistence import db
from persistence.storage import open_storage


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


def test_opening_an_older_database_upgrades_it_to_head(database: str) -> None:
    engine = db.make_engine(database)
    with engine.connect() as connection:
        assert db.current_revision(connection) == "0001"
    engine.dispose()
    storage = open_storage(database)
    storage.close()


def _pretend_a_newer_app_saved_it(target: str) -> None:
    engine = db.make_engine(target)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()


def _snapshot(target: str) -> bytes | str:
    """The file's bytes, or the server's schema revision."""
    if not db.is_server(target):
        return Path(target).read_bytes()
    engine = db.make_engine(target)
    with engine.connect() as connection:
        revision = db.current_revision(connection)
    engine.dispose()
    return str(revision)


def test_a_database_from_a_newer_trackside_is_refused_and_left_untouched(database: str) -> None:
    _pretend_a_newer_app_saved_it(database)
    before = _snapshot(database)
    with pytest.raises(NewerSchemaError, match="newer version of Trackside") as refused:
        open_storage(database)
    assert "update Trackside" in str(refused.value)
    assert db.display_location(database) in str(refused.value)
    assert _snapshot(database) == before
