"""open_storage: the embedded default with the demo weekends, files and team servers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from domain.errors import DatabaseFileError, StorageError
from persistence.storage import DATA_DIR_VARIABLE, create_database, embedded_path, open_storage
from tests.persistence.conftest import postgres_url


def test_the_first_start_creates_the_embedded_database_with_the_demo_weekends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    storage = open_storage(None)
    try:
        assert storage.location == str(tmp_path / "data" / "trackside.db")
        with storage.uow_factory() as uow:
            events = uow.events.all()
            chicago = next(event for event in events if event.track.name.startswith("Chicago"))
            chicago_entries = uow.entries.list_for_event(chicago.id)
        assert len(events) >= 3
        assert len(chicago_entries) == 41
        assert "cup-2025" in storage.rulesets
    finally:
        storage.close()
    assert (
        sorted(path.name for path in (tmp_path / "data").iterdir() if "creating" in path.name) == []
    )


def test_the_second_start_opens_the_same_embedded_database_without_refilling_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    first = open_storage(None)
    with first.uow_factory() as uow:
        count = len(uow.events.all())
    first.close()
    second = open_storage(None)
    with second.uow_factory() as uow:
        assert len(uow.events.all()) == count
    second.close()
    assert embedded_path() == tmp_path / "trackside.db"


def test_a_new_file_made_without_the_demo_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "lime-rock.db"
    assert create_database(str(path), demo=False) == str(path)
    storage = open_storage(str(path))
    with storage.uow_factory() as uow:
        assert uow.events.all() == []
    storage.close()


SERVER_ONLY = pytest.mark.parametrize("blank_database", ["postgresql"], indirect=True)


@SERVER_ONLY
def test_a_server_location_never_shows_the_password(database: str) -> None:
    storage = open_storage(database)
    storage.close()
    url = make_url(database)
    assert url.password
    assert f":{url.password}@" not in storage.location
    assert storage.location.startswith(f"postgresql+psycopg://{url.username}:***@")


@pytest.mark.parametrize("address", ["mysqlx://root@db/x", "postgresql+psycopg://host:port/x"])
def test_an_address_that_is_not_a_usable_database_url_says_what_one_looks_like(
    address: str,
) -> None:
    with pytest.raises(DatabaseFileError, match="postgresql\\+psycopg://user:password@host"):
        open_storage(address)


@SERVER_ONLY
def test_an_empty_server_database_says_how_to_set_it_up(blank_database: str) -> None:
    with pytest.raises(DatabaseFileError, match=r"has no Trackside tables.*main\.py init"):
        open_storage(blank_database)


@SERVER_ONLY
def test_a_server_set_up_already_is_not_set_up_again(database: str) -> None:
    with pytest.raises(DatabaseFileError, match="already has tables"):
        create_database(database, demo=False)


@pytest.mark.skipif(postgres_url() is None, reason="needs TRACKSIDE_TEST_POSTGRES_URL")
def test_an_unreachable_server_gets_a_clear_message_without_the_password() -> None:
    url = "postgresql+psycopg://trackside:secret-pw@127.0.0.1:1/nowhere?connect_timeout=2"
    with pytest.raises(StorageError, match="Could not reach the Trackside database") as refused:
        open_storage(url)
    assert "secret-pw" not in str(refused.value)
    assert "\n" not in str(refused.value) and "\t" not in str(refused.value)  # one paragraph
