"""Ways to spoil a weekend file for the safety tests, each as a hostile disk or user would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.model import Lap, Session, SessionKind, Track, TrackKind
from persistence.storage import create_database, open_storage
from tests.persistence.conftest import make_event


def weekend_with_laps(path: Path, laps: int = 400) -> Path:
    """A file with one practice session and enough laps to fill several pages, nothing beside it."""
    create_database(str(path), demo=False)
    track = Track(name="Lime Rock Park", length_millimiles=1500, kind=TrackKind.ROAD)
    event = make_event(track, key="truck-2025-lime-rock", season=2025)
    session = Session(event_id=event.id, kind=SessionKind.PRACTICE, name="Practice", order=1)
    storage = open_storage(str(path))
    try:
        with storage.uow_factory() as uow:
            uow.tracks.add(track)
            uow.events.add(event)
            uow.sessions.add(session)
            for n in range(laps):
                uow.laps.add(Lap(session_id=session.id, car_number=str(n % 30), lap_ms=60_000 + n))
            uow.commit()
    finally:
        storage.close()
    Path(f"{path}.lock").unlink()  # a lone file, as one copied from another laptop arrives
    return path


def lap_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM laps").fetchone()[0]
    finally:
        connection.close()


def overwrite_laps_pages(path: Path) -> None:
    """Overwrite the laps table's root page past its header, as a failing disk would."""
    connection = sqlite3.connect(path)
    try:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'laps'"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xa5" * (page_size - 8))


def set_revision(path: Path, revision: str) -> None:
    """Pretend another Trackside (or another program) migrated the file to `revision`."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
    finally:
        connection.close()


def another_programs_alembic_file(path: Path) -> None:
    """Someone else's SQLite file, managed with Alembic too, in WAL mode."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('4f2e9c1a7b3d')")
        connection.commit()
    finally:
        connection.close()


def side_files(path: Path) -> list[str]:
    """The -wal, -shm and lock files beside `path`, by name."""
    return sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name != path.name and p.name.startswith(path.name)
    )
