"""A weekend file: durability pragmas on every connection, and bad files refused untouched."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from domain.errors import DatabaseFileError
from persistence.storage import create_database, open_storage


def test_every_connection_reads_back_wal_full_sync_foreign_keys_and_busy_timeout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "weekend.db"
    create_database(str(path), demo=False)
    storage = open_storage(str(path))
    try:
        with storage.engine.connect() as first, storage.engine.connect() as second:
            for connection in (first, second):
                settings = {
                    name: connection.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
                }
                # synchronous 2 is FULL
                assert settings == {
                    "journal_mode": "wal",
                    "synchronous": 2,
                    "foreign_keys": 1,
                    "busy_timeout": 5000,
                }
    finally:
        storage.close()


def _text_file(path: Path) -> None:
    path.write_text("car,driver\n11,Corey Heim\n", encoding="utf-8")


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _random_bytes(path: Path) -> None:
    path.write_bytes(b"\x8f" + os.urandom(8191))


def _truncated_database(path: Path) -> None:
    create_database(str(path), demo=False)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


def _another_apps_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("make_bad_file", "explanation"),
    [
        (_text_file, "not an SQLite database file"),
        (_zero_bytes, "is empty (0 bytes)"),
        (_random_bytes, "not an SQLite database file"),
        (_truncated_database, "is damaged"),
        (_another_apps_database, "has no Trackside tables"),
    ],
)
def test_a_bad_file_is_refused_with_its_name_and_left_byte_for_byte_untouched(
    tmp_path: Path, make_bad_file: Callable[[Path], None], explanation: str
) -> None:
    path = tmp_path / "weekend.db"
    make_bad_file(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError) as refused:
        open_storage(str(path))
    message = str(refused.value)
    assert str(path) in message
    assert explanation in message
    assert "Nothing was changed" in message
    assert path.read_bytes() == before


def test_a_missing_file_says_how_to_start_a_new_weekend_there(tmp_path: Path) -> None:
    path = tmp_path / "gateway.db"
    with pytest.raises(DatabaseFileError) as refused:
        open_storage(str(path))
    assert str(refused.value) == (
        f"{path} does not exist. To start a new weekend file there, run: python main.py init {path}"
    )
    assert not path.exists()


def test_a_folder_is_not_taken_for_a_weekend_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError, match="is a folder"):
        open_storage(str(tmp_path))


@pytest.fixture
def saved_weekend(tmp_path: Path):
    folder = tmp_path / "weekends"
    folder.mkdir()
    path = folder / "weekend.db"
    create_database(str(path), demo=False)
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


def test_a_read_only_file_is_refused_with_what_to_do(saved_weekend: Path) -> None:
    saved_weekend.chmod(0o444)
    before = saved_weekend.read_bytes()
    with pytest.raises(DatabaseFileError, match="is read-only") as refused:
        open_storage(str(saved_weekend))
    assert "make it writable, or open a copy" in str(refused.value)
    assert saved_weekend.read_bytes() == before


def test_a_file_in_a_read_only_folder_is_refused_with_what_to_do(saved_weekend: Path) -> None:
    saved_weekend.parent.chmod(0o555)
    before = saved_weekend.read_bytes()
    with pytest.raises(DatabaseFileError, match=r"folder .* is read-only") as refused:
        open_storage(str(saved_weekend))
    assert "copy the file to a folder you can write to" in str(refused.value)
    assert saved_weekend.read_bytes() == before


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    _text_file(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="already exists"):
        create_database(str(path), demo=False)
    assert path.read_bytes() == before


def test_creating_in_a_missing_folder_says_which_folder(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError, match="does not exist"):
        create_database(str(tmp_path / "nowhere" / "weekend.db"), demo=False)
