"""Rolling backups: whole copies while laps are logged, pruned to the last N and one a day,
restored with the current file kept aside."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import text

from domain.errors import DamagedFileError, DatabaseFileError, DatabaseInUseError
from domain.model import Lap
from persistence import backups, integrity
from persistence.storage import open_storage
from tests.persistence.file_damage import lap_count, overwrite_laps_pages, weekend_with_laps


@pytest.fixture
def weekend(tmp_path: Path) -> Path:
    return weekend_with_laps(tmp_path / "weekend.db", laps=50)


def test_a_backup_is_a_sound_copy_in_the_data_folder_and_is_listed(
    weekend: Path, tmp_path: Path
) -> None:
    storage = open_storage(str(weekend))
    try:
        taken = storage.back_up("on-open")
    finally:
        storage.close()
    assert taken is not None
    assert taken.path.is_relative_to(Path(os.environ["TRACKSIDE_DATA_DIR"]) / "backups")
    assert lap_count(taken.path) == 50
    connection = sqlite3.connect(taken.path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    assert backups.list_backups(weekend) == [taken]
    assert backups.latest_backup(weekend) == taken


def test_two_files_with_the_same_name_keep_separate_backups(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "weekend.db", tmp_path / "b" / "weekend.db"
    assert backups.backups_folder(first) != backups.backups_folder(second)


def test_a_backup_taken_while_laps_are_logged_is_whole_and_consistent(weekend: Path) -> None:
    storage = open_storage(str(weekend))
    with storage.engine.connect() as connection:
        session_id = connection.execute(text("SELECT id FROM sessions")).scalar()
    stop = threading.Event()

    def log_laps() -> None:
        n = 0
        while not stop.is_set():
            with storage.uow_factory() as uow:
                uow.laps.add(
                    Lap(session_id=UUID(hex=session_id), car_number="7", lap_ms=61_000 + n)
                )
                uow.commit()
            n += 1

    writer = threading.Thread(target=log_laps)
    writer.start()
    try:
        taken = [storage.back_up("hourly") for _ in range(5)]
    finally:
        stop.set()
        writer.join()
        storage.close()
    for backup in taken:
        assert backup is not None
        connection = sqlite3.connect(backup.path)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.close()
        assert lap_count(backup.path) >= 50


def _fake_backup(database: Path, taken_at: datetime, reason: str = "hourly") -> Path:
    folder = backups.backups_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{database.stem}-{taken_at:%Y%m%dT%H%M%S%fZ}-{reason}.db"
    path.write_bytes(b"SQLite format 3\x00")
    return path


def test_pruning_keeps_the_last_ten_and_the_newest_of_each_day(weekend: Path) -> None:
    now = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    today = [_fake_backup(weekend, now - timedelta(minutes=10 * i)) for i in range(15)]
    older_days = {
        day: [_fake_backup(weekend, now - timedelta(days=day, hours=h)) for h in range(3)]
        for day in (2, 3, 40)
    }
    removed = set(backups.prune(weekend, now=now))
    kept = {b.path for b in backups.list_backups(weekend)}
    assert set(today[:10]) <= kept
    assert not set(today[10:]) & kept  # today's newest is already among the last ten
    for day in (2, 3):  # made newest first: the first of each day is its newest
        assert [p for p in older_days[day] if p in kept] == [older_days[day][0]]
    assert not set(older_days[40]) & kept  # beyond KEEP_DAYS
    assert kept | removed == set(today) | {p for paths in older_days.values() for p in paths}


def test_the_hourly_backup_is_taken_only_when_a_lap_was_saved_since_the_last(weekend: Path) -> None:
    storage = open_storage(str(weekend))
    try:
        assert storage.back_up_if_changed("hourly") is not None  # the first one always
        assert storage.back_up_if_changed("hourly") is None
        with storage.engine.connect() as connection:
            session_id = connection.execute(text("SELECT id FROM sessions")).scalar()
        with storage.uow_factory() as uow:
            uow.laps.add(Lap(session_id=UUID(hex=session_id), car_number="7", lap_ms=61_000))
            uow.commit()
        assert storage.back_up_if_changed("hourly") is not None
    finally:
        storage.close()


def test_restore_brings_the_backup_back_and_keeps_the_current_file_aside(weekend: Path) -> None:
    storage = open_storage(str(weekend))
    taken = storage.back_up("on-open")
    storage.close()
    overwrite_laps_pages(weekend)
    damaged = weekend.read_bytes()
    assert taken is not None
    aside = backups.restore_backup(taken.path, weekend)
    assert aside is not None and aside.read_bytes() == damaged
    assert aside.name.startswith("weekend.db.before-restore-")
    assert lap_count(weekend) == 50
    open_storage(str(weekend)).close()  # the app opens the restored file


def test_restore_refuses_a_damaged_backup_and_changes_nothing(weekend: Path) -> None:
    storage = open_storage(str(weekend))
    taken = storage.back_up("on-open")
    storage.close()
    assert taken is not None
    overwrite_laps_pages(taken.path)
    before = weekend.read_bytes()
    with pytest.raises(DamagedFileError):
        backups.restore_backup(taken.path, weekend)
    assert weekend.read_bytes() == before
    assert [p.name for p in weekend.parent.iterdir() if "before-restore" in p.name] == []


def test_restore_refuses_while_the_file_is_open_in_trackside(weekend: Path) -> None:
    storage = open_storage(str(weekend))
    try:
        taken = storage.back_up("on-open")
        assert taken is not None
        with pytest.raises(DatabaseInUseError):
            backups.restore_backup(taken.path, weekend)
    finally:
        storage.close()


def test_restore_of_a_missing_backup_says_how_to_list_them(weekend: Path) -> None:
    with pytest.raises(DatabaseFileError, match=r"python main.py --db .* backups"):
        backups.restore_backup(weekend.parent / "nothing.db", weekend)


def test_restore_refuses_a_file_that_is_not_a_trackside_backup(weekend: Path) -> None:
    stranger = weekend.parent / "recipes.db"
    connection = sqlite3.connect(stranger)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    before = weekend.read_bytes()
    with pytest.raises(DatabaseFileError, match="not a Trackside database"):
        backups.restore_backup(stranger, weekend)
    assert weekend.read_bytes() == before


def test_a_damaged_file_is_not_backed_up_and_the_sound_backups_stay(
    weekend: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = open_storage(str(weekend))
    sound = storage.back_up("on-open")
    storage.close()
    overwrite_laps_pages(weekend)
    monkeypatch.setattr(integrity, "CHECK_AT_OPEN_BYTES", 0)  # opened unchecked, as a big file
    storage = open_storage(str(weekend))
    try:
        with pytest.raises(DamagedFileError, match="its backup failed SQLite's check"):
            storage.back_up("hourly")
    finally:
        storage.close()
    assert backups.list_backups(weekend) == [sound]
    assert [p.name for p in backups.backups_folder(weekend).iterdir() if "partial" in p.name] == []
