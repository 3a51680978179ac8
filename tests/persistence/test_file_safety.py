"""Damaged, foreign and newer files are refused read-only: the message says why, nothing appears."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import text

from domain.errors import DamagedFileError, DatabaseFileError, DatabaseInUseError, StorageError
from persistence import integrity
from persistence.storage import create_database, open_storage
from tests.persistence.file_damage import (
    another_programs_alembic_file,
    overwrite_laps_pages,
    set_revision,
    side_files,
    weekend_with_laps,
)


@pytest.fixture
def weekend(tmp_path: Path) -> Path:
    return weekend_with_laps(tmp_path / "weekend.db")


def test_a_file_with_overwritten_laps_pages_is_caught_at_open_and_called_damaged(
    weekend: Path,
) -> None:
    overwrite_laps_pages(weekend)
    before = weekend.read_bytes()
    with pytest.raises(DamagedFileError) as refused:
        open_storage(str(weekend))
    message = str(refused.value)
    assert message.startswith(f"{weekend} is damaged")
    assert "Nothing was changed" in message
    assert "There is no backup of it" in message
    assert refused.value.backup is None
    assert weekend.read_bytes() == before
    assert side_files(weekend) == []


def test_the_damage_message_offers_the_latest_backup_and_the_command_to_restore_it(
    weekend: Path,
) -> None:
    storage = open_storage(str(weekend))
    storage.back_up("on-open")
    latest = storage.back_up("on-closing")
    storage.close()
    overwrite_laps_pages(weekend)
    with pytest.raises(DamagedFileError) as refused:
        open_storage(str(weekend))
    assert latest is not None
    assert refused.value.backup == str(latest.path)
    assert f"python main.py --db {weekend} restore {latest.path}" in str(refused.value)


def test_damage_met_by_a_read_after_the_open_is_reported_as_damage_not_a_traceback(
    weekend: Path,
) -> None:
    storage = open_storage(str(weekend))
    try:
        with storage.engine.connect() as connection:
            session_id = connection.execute(text("SELECT id FROM sessions")).scalar()
        storage.engine.dispose()  # no page of the laps table left in a cached connection
        overwrite_laps_pages(weekend)  # after the open's check: found only when read
        with pytest.raises(DamagedFileError, match="is damaged"), storage.uow_factory() as uow:
            uow.laps.list_for_session(UUID(hex=session_id))
    finally:
        storage.close()


def _newer_schema(path: Path) -> None:
    weekend_with_laps(path, laps=5)
    set_revision(path, "9999_from_the_future")


def _damaged(path: Path) -> None:
    weekend_with_laps(path)
    overwrite_laps_pages(path)


@pytest.mark.parametrize(
    ("make_file", "error", "explanation"),
    [
        (_newer_schema, StorageError, "saved by a newer version of Trackside"),
        (another_programs_alembic_file, DatabaseFileError, "is not a Trackside database"),
        (_damaged, DamagedFileError, "is damaged"),
    ],
)
def test_a_refused_wal_file_gets_no_journal_index_or_lock_beside_it(
    tmp_path: Path, make_file: Callable[[Path], None], error: type, explanation: str
) -> None:
    path = tmp_path / "weekend.db"
    make_file(path)
    assert side_files(path) == []
    before = path.read_bytes()
    with pytest.raises(error, match=explanation):
        open_storage(str(path))
    assert path.read_bytes() == before
    assert side_files(path) == []


def test_another_programs_alembic_file_is_not_called_a_newer_trackside(tmp_path: Path) -> None:
    path = tmp_path / "recipes.db"
    another_programs_alembic_file(path)
    with pytest.raises(DatabaseFileError) as refused:
        open_storage(str(path))
    assert "newer version" not in str(refused.value)


def test_a_sqlite_url_to_a_missing_file_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "gateway.db"
    with pytest.raises(DatabaseFileError, match="does not exist"):
        open_storage(f"sqlite:///{path}")
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_url_takes_the_instance_lock_and_the_durability_pragmas(weekend: Path) -> None:
    storage = open_storage(f"sqlite:///{weekend}")
    try:
        with pytest.raises(DatabaseInUseError):
            open_storage(str(weekend))
        with storage.engine.connect() as connection:
            pragmas = [
                connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            ]
        assert pragmas == ["wal", 2, 1]
        assert storage.location == str(weekend)
    finally:
        storage.close()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///file:x?mode=memory"])
def test_a_sqlite_url_that_names_no_file_is_refused(url: str) -> None:
    with pytest.raises(DatabaseFileError, match="does not name a weekend file"):
        open_storage(url)


def test_init_with_a_sqlite_url_creates_the_file_it_names(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert create_database(f"sqlite:///{path}", demo=False) == str(path)
    assert path.exists()


def test_the_full_check_finds_a_broken_foreign_key_the_quick_check_does_not_look_for(
    weekend: Path,
) -> None:
    connection = sqlite3.connect(weekend)
    connection.execute("UPDATE laps SET session_id = 'ffffffffffffffffffffffffffffffff'")
    connection.commit()
    connection.close()
    assert integrity.look(weekend, check="quick_check").is_trackside
    problems = integrity.full_check(weekend)
    assert problems and "a row in laps points at a missing sessions record" in problems[0]


def test_a_big_files_check_waits_until_after_the_open_and_still_finds_the_damage(
    weekend: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = open_storage(str(weekend))
    taken = storage.back_up("on-open")
    storage.close()
    overwrite_laps_pages(weekend)
    monkeypatch.setattr(integrity, "CHECK_AT_OPEN_BYTES", 0)  # every file counts as big
    storage = open_storage(str(weekend))
    try:
        assert storage.check_pending
        with pytest.raises(DamagedFileError) as refused:
            storage.check_integrity()
        assert taken is not None and refused.value.backup == str(taken.path)
        assert refused.value.location == str(weekend)
    finally:
        storage.close()


def test_a_small_file_is_checked_before_it_is_opened(weekend: Path) -> None:
    storage = open_storage(str(weekend))
    try:
        assert not storage.check_pending
    finally:
        storage.close()
