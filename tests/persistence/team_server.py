"""Helpers of the team-server tests: a server database of its own, with a small weekend."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from uuid import uuid4

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from domain.model import Driver, Entry, Event, Session, SessionKind, Track, TrackKind
from domain.ports import UnitOfWorkFactory
from persistence.storage import create_database

ROOT = Path(__file__).resolve().parents[2]
CARS = ("11", "48", "99", "7", "38")
EVENT_KEY = "truck-2023-gateway"


@contextmanager
def server_schema(url: str) -> Iterator[str]:
    """A migrated, empty Trackside database in a schema of its own; dropped afterwards."""
    schema = f"test_{uuid4().hex}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    target = scoped.render_as_string(hide_password=False)
    try:
        create_database(target, demo=False)
        yield target
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def store_weekend(uow_factory: UnitOfWorkFactory) -> tuple[Event, Session]:
    """Gateway 2023 with a practice session and five entered trucks."""
    track = Track(name="World Wide Technology Raceway", length_millimiles=1250, kind=TrackKind.OVAL)
    event = Event(
        key=EVENT_KEY, name="Toyota 200", series="truck", season=2023, round_no=12, track=track,
        start_date=date(2023, 6, 2), end_date=date(2023, 6, 3),
    )  # fmt: skip
    practice = Session(event_id=event.id, kind=SessionKind.PRACTICE, name="Practice", order=1)
    with uow_factory() as uow:
        uow.tracks.add(track)
        uow.events.add(event)
        uow.sessions.add(practice)
        for car in CARS:
            driver = Driver(name=f"Driver of No. {car}")
            uow.drivers.add(driver)
            uow.entries.add(
                Entry(event_id=event.id, car_number=car, driver_id=driver.id, team="Team",
                      owner="Owner", make="Toyota")
            )  # fmt: skip
        uow.commit()
    return event, practice


def start_child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "persistence" / "team_client_child.py"), *args],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
