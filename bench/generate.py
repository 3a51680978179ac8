"""Generated seasons and lap logs for the benchmarks, written straight into a fresh database.

Values are built as domain values (so they obey the model's rules) and bulk-inserted through
the real tables, because logging 300,000 laps one use case at a time would take the whole
time box. Everything is seeded, so every run measures the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from domain.model import (
    Driver,
    Entry,
    Event,
    Lap,
    RaceResult,
    Session,
    SessionKind,
    Track,
    TrackKind,
)
from persistence import db, tables
from persistence.mapping import columns_of
from persistence.storage import create_database

SERIES = "cup"
LATEST_SEASON = 2025  # has a rule pack, so the latest event opens with real rules
TRACK_LENGTH_MILLIMILES = 1500
_MAKES = ("Chevrolet", "Ford", "Toyota")


@dataclass(slots=True)
class Facts:
    """Everything a generated database holds, as domain values."""

    tracks: list[Track] = field(default_factory=list)
    drivers: list[Driver] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    results: list[RaceResult] = field(default_factory=list)
    laps: list[Lap] = field(default_factory=list)


def car_numbers(count: int) -> list[str]:
    """Distinct car numbers, including the ones that look alike as integers."""
    special = ["0", "00", "01", "11F"]
    plain = [str(n) for n in range(1, count + 1)]
    return (special + plain)[:count]


def _track(index: int) -> Track:
    kind = TrackKind.ROAD if index % 6 == 0 else TrackKind.OVAL
    return Track(name=f"Track {index}", length_millimiles=TRACK_LENGTH_MILLIMILES, kind=kind)


def _event(season: int, round_no: int, track: Track) -> Event:
    day = date(season, 2, 1) + timedelta(days=7 * (round_no - 1))
    return Event(
        key=f"{SERIES}-{season}-r{round_no:02d}",
        name=f"Race {round_no} at {track.name}",
        series=SERIES,
        season=season,
        round_no=round_no,
        track=track,
        start_date=day,
        end_date=day + timedelta(days=1),
    )


def _sessions(event: Event) -> tuple[Session, Session, Session]:
    kinds = ((SessionKind.PRACTICE, "Practice"), (SessionKind.QUALIFYING, "Qualifying"))
    practice, qualifying = (
        Session(event_id=event.id, kind=kind, name=name, order=order)
        for order, (kind, name) in enumerate(kinds, start=1)
    )
    race = Session(event_id=event.id, kind=SessionKind.RACE, name="Race", order=3)
    return practice, qualifying, race


def _entries(event: Event, drivers: list[Driver], numbers: list[str]) -> list[Entry]:
    return [
        Entry(
            event_id=event.id,
            car_number=number,
            driver_id=driver.id,
            team=f"Team {index // 3}",
            owner=f"Owner {index // 3}",
            make=_MAKES[index % 3],
            guaranteed=index < 36,
        )
        for index, (number, driver) in enumerate(zip(numbers, drivers, strict=True))
    ]


def _results(event: Event, entries: list[Entry], rng: random.Random) -> list[RaceResult]:
    finish = rng.sample(range(1, len(entries) + 1), len(entries))
    stage1 = rng.sample(range(1, len(entries) + 1), len(entries))
    stage2 = rng.sample(range(1, len(entries) + 1), len(entries))
    return [
        RaceResult(
            event_id=event.id,
            car_number=entry.car_number,
            driver_id=entry.driver_id,
            finish=finish[i],
            start=i + 1,
            laps=300 - finish[i] // 10,
            laps_led=rng.randrange(0, 40) if finish[i] <= 5 else 0,
            stage1=stage1[i] if stage1[i] <= 10 else None,  # stages record the top ten only
            stage2=stage2[i] if stage2[i] <= 10 else None,
            fastest_lap=finish[i] == 2,
            official=True,
        )
        for i, entry in enumerate(entries)
    ]


def laps_for(
    session: Session, numbers: list[str], count: int, rng: random.Random, start: datetime
) -> list[Lap]:
    """`count` laps spread round-robin over the cars, one a second, around 30 s each."""
    return [
        Lap(
            session_id=session.id,
            car_number=numbers[i % len(numbers)],
            lap_ms=29_000 + rng.randrange(0, 2_500),
            logged_at=start + timedelta(seconds=i),
        )
        for i in range(count)
    ]


def season_facts(
    season: int, *, races: int, cars: int, practice_laps_per_car: int, rng: random.Random
) -> Facts:
    """A full season: races × cars results, entries and (optionally) practice/qualifying laps."""
    facts = Facts()
    numbers = car_numbers(cars)
    facts.drivers = [Driver(name=f"Driver {season}-{n}") for n in range(cars)]
    for round_no in range(1, races + 1):
        track = _track(round_no)
        event = _event(season, round_no, track)
        practice, qualifying, race = _sessions(event)
        entries = _entries(event, facts.drivers, numbers)
        facts.tracks.append(track)
        facts.events.append(event)
        facts.sessions += [practice, qualifying, race]
        facts.entries += entries
        facts.results += _results(event, entries, rng)
        if practice_laps_per_car:
            start = datetime(season, 2, 1, 15, tzinfo=UTC) + timedelta(days=7 * round_no)
            facts.laps += laps_for(practice, numbers, practice_laps_per_car * cars, rng, start)
            facts.laps += laps_for(qualifying, numbers, cars, rng, start + timedelta(hours=2))
    return facts


_TABLES = (
    ("tracks", tables.TrackRow),
    ("drivers", tables.DriverRow),
    ("events", tables.EventRow),
    ("sessions", tables.SessionRow),
    ("entries", tables.EntryRow),
    ("results", tables.RaceResultRow),
    ("laps", tables.LapRow),
)


def write_facts(engine: Engine, facts: Facts) -> None:
    """Bulk-insert the values in foreign-key order, in one transaction."""
    with engine.connect() as connection:
        # Generated data needs no durability; the measured paths keep synchronous=FULL.
        connection.exec_driver_sql("PRAGMA synchronous=OFF")
        connection.commit()
    with engine.begin() as connection:
        for attribute, row_type in _TABLES:
            values = getattr(facts, attribute)
            if values:
                statement = insert(row_type.__table__)  # type: ignore[attr-defined]
                connection.execute(statement, [columns_of(value) for value in values])


def create_generated_database(
    path: Path,
    *,
    seasons: int = 10,
    races: int = 38,
    cars: int = 40,
    practice_laps_per_car: int = 20,
    seed: int = 2025,
) -> Path:
    """A migrated database holding `seasons` full seasons ending with LATEST_SEASON."""
    create_database(str(path), demo=False)
    engine = db.make_engine(str(path))
    rng = random.Random(seed)
    try:
        for season in range(LATEST_SEASON - seasons + 1, LATEST_SEASON + 1):
            facts = season_facts(
                season, races=races, cars=cars, practice_laps_per_car=practice_laps_per_car, rng=rng
            )
            write_facts(engine, facts)
    finally:
        engine.dispose()
    return path


def latest_event_key(*, races: int = 38) -> str:
    """The key of the last race of the generated latest season."""
    return f"{SERIES}-{LATEST_SEASON}-r{races:02d}"
