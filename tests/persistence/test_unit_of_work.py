"""The unit of work: rollback by default, database failures as user-facing errors, cascades."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest
from sqlalchemy import delete, event, text
from sqlmodel import Session as DbSession

from domain.errors import DuplicateError, StorageError, ValidationError
from domain.model import Lap
from persistence.storage import SqlStorage
from persistence.tables import EventRow
from tests.persistence.conftest import Weekend


def _lap(weekend: Weekend, lap_ms: int = 29_876) -> Lap:
    return Lap(session_id=weekend.practice.id, car_number="11", lap_ms=lap_ms)


def test_leaving_without_commit_keeps_nothing(storage: SqlStorage, weekend: Weekend) -> None:
    with storage.uow_factory() as uow:
        uow.laps.add(_lap(weekend))
    with storage.uow_factory() as uow:
        uow.laps.add(_lap(weekend))
        uow.rollback()
        uow.commit()
    with storage.uow_factory() as uow:
        assert uow.laps.list_for_session(weekend.practice.id) == []


def test_two_windows_adding_the_same_car_number_get_a_duplicate_error_at_commit(
    storage: SqlStorage, weekend: Weekend
) -> None:
    first = replace(weekend.entry, id=uuid4(), car_number="67")
    second = replace(weekend.entry, id=uuid4(), car_number="67")
    with storage.uow_factory() as late, storage.uow_factory() as early:
        late.entries.add(second)  # checked before the other window commits
        early.entries.add(first)
        early.commit()
        with pytest.raises(DuplicateError, match="already on this event's entry list"):
            late.commit()
        late.laps.add(_lap(weekend))  # the failed commit rolled back; the unit of work goes on
        late.commit()
    with storage.uow_factory() as uow:
        assert len(uow.laps.list_for_session(weekend.practice.id)) == 1


def test_a_database_failure_at_commit_becomes_a_storage_error(
    storage: SqlStorage, weekend: Weekend
) -> None:
    with storage.engine.begin() as connection:
        connection.execute(text("DROP TABLE laps"))
    with storage.uow_factory() as uow:
        uow.laps.add(_lap(weekend))
        with pytest.raises(StorageError, match="could not be read or saved"):
            uow.commit()


def test_logging_a_lap_writes_the_lap_and_its_change_log_entry_and_reads_no_other_laps(
    storage: SqlStorage, weekend: Weekend
) -> None:
    with storage.uow_factory() as uow:
        for lap_ms in range(29_000, 29_200):
            uow.laps.add(_lap(weekend, lap_ms))
        uow.commit()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        words = statement.split()
        if words[0] == "INSERT":
            statements.append(f"INSERT {words[2]}")
        elif "FROM" in words:
            statements.append(f"SELECT {words[words.index('FROM') + 1]}")
        else:
            statements.append(statement.split("(")[0])

    event.listen(storage.engine, "before_cursor_execute", record)
    try:
        with storage.uow_factory() as uow:
            uow.laps.add(_lap(weekend))
            uow.commit()
    finally:
        event.remove(storage.engine, "before_cursor_execute", record)
    # The change log names the lap's event, found through its session by key (DESIGN §4).
    expected = ["INSERT laps", "SELECT sessions", "INSERT change_log"]
    if storage.engine.dialect.name == "postgresql":  # writers take turns; the position is told
        expected[2:] = ["SELECT pg_advisory_xact_lock", "INSERT change_log", "SELECT pg_notify"]
    assert statements == expected


def test_deleting_an_event_in_the_database_removes_its_sessions_entries_and_laps(
    storage: SqlStorage, weekend: Weekend
) -> None:
    with storage.uow_factory() as uow:
        uow.laps.add(_lap(weekend))
        uow.commit()
    with storage.engine.begin() as connection:
        connection.execute(delete(EventRow).where(EventRow.id == weekend.event.id))
    with storage.uow_factory() as uow:
        assert uow.sessions.list_for_event(weekend.event.id) == []
        assert uow.entries.list_for_event(weekend.event.id) == []
        assert uow.laps.list_for_session(weekend.practice.id) == []
        assert uow.tracks.all() == [weekend.track]


def test_deleting_an_event_row_through_the_orm_cascades_too(
    storage: SqlStorage, weekend: Weekend
) -> None:
    with DbSession(storage.engine) as session:
        session.delete(session.get(EventRow, weekend.event.id))
        session.commit()
    with storage.uow_factory() as uow:
        assert uow.entries.list_for_event(weekend.event.id) == []
        assert uow.sessions.list_for_event(weekend.event.id) == []


def test_an_impossible_value_refused_by_a_database_rule_is_a_plain_message(
    storage: SqlStorage, weekend: Weekend
) -> None:
    """The domain validates first; a check constraint only catches a bug, still in plain words."""
    with storage.uow_factory() as uow:
        uow.laps.add(_lap(weekend, lap_ms=0))
        with pytest.raises(ValidationError, match="ck_laps_lap_ms_positive"):
            uow.commit()
