"""Persistence fixtures: each test runs on SQLite in tmp_path, and on PostgreSQL when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from domain.model import (
    Driver,
    Entry,
    Event,
    Session,
    SessionKind,
    Track,
    TrackKind,
)
from domain.ports import UnitOfWorkFactory
from persistence.storage import SqlStorage, create_database, open_storage

POSTGRES_VARIABLE = "TRACKSIDE_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_VARIABLE) or None


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A target with nothing in it: a file path not yet created, or an empty server schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "weekend.db")
        return
    url = postgres_url()
    if url is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_VARIABLE} (see .ci/run)")
    schema = f"test_{uuid4().hex}"  # a schema per test leaves the server database clean
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database(blank_database: str) -> str:
    """A new, migrated Trackside database without the demo weekends."""
    create_database(blank_database, demo=False)
    return blank_database


@pytest.fixture
def storage(database: str) -> Iterator[SqlStorage]:
    opened = open_storage(database)
    yield opened
    opened.close()


@pytest.fixture
def uow_factory(storage: SqlStorage) -> UnitOfWorkFactory:
    return storage.uow_factory


@dataclass(frozen=True)
class Weekend:
    """A small stored weekend that tests add laps, results and penalties to."""

    track: Track
    event: Event
    practice: Session
    driver: Driver
    entry: Entry


def make_event(
    track: Track, *, key: str, series: str = "truck", season: int = 2023, round_no: int = 12
) -> Event:
    return Event(
        key=key,
        name=f"{series.title()} {season} round {round_no}",
        series=series,
        season=season,
        round_no=round_no,
        track=track,
        start_date=date(season, 6, 2),
        end_date=date(season, 6, 3),
    )


@pytest.fixture
def weekend(uow_factory: UnitOfWorkFactory) -> Weekend:
    track = Track(name="World Wide Technology Raceway", length_millimiles=1250, kind=TrackKind.OVAL)
    event = make_event(track, key="truck-2023-gateway")
    practice = Session(event_id=event.id, kind=SessionKind.PRACTICE, name="Practice", order=1)
    driver = Driver(name="Jesse Love")
    entry = Entry(
        event_id=event.id,
        car_number="11",
        driver_id=driver.id,
        team="Tricon Garage",
        owner="David Gilliland",
        make="Toyota",
    )
    with uow_factory() as uow:
        uow.tracks.add(track)
        uow.events.add(event)
        uow.sessions.add(practice)
        uow.drivers.add(driver)
        uow.entries.add(entry)
        uow.commit()
    return Weekend(track=track, event=event, practice=practice, driver=driver, entry=entry)
