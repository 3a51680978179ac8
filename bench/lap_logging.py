"""Logging a lap: through the real Qualifying and Practice tabs, the use case, the commit alone.

The weekend is round 20 of a generated Cup 2025 season (so owner points order the ties), with
45 entries and 5,000 laps already in its qualifying session and 5,000 in its practice session.
The widget figures type a car and a time into a tab's LapEntry offscreen and time from Enter
until the lap list, the board, the bubble line and the chart have been painted
(bench/lap_widgets.py runs event-loop turns until nothing is left to paint).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.generate import (
    LATEST_SEASON,
    create_generated_database,
    laps_for,
    season_facts,
    write_facts as write_generated,
)
from bench.measure import Figure, median, percentile, timed_ms
from domain.model import Lap, SessionKind
from domain.services import log_lap
from persistence import db
from persistence.storage import open_storage

ROUNDS = 20
CARS = 45
LAPS_IN_SESSION = 5_000
WIDGET_LAPS = 150
COMMIT_LAPS = 400


def build_database(path: Path) -> str:
    """The weekend database; returns the event key of the weekend being logged."""
    create_generated_database(path, seasons=0)
    facts = season_facts(
        LATEST_SEASON, races=ROUNDS, cars=CARS, practice_laps_per_car=0, rng=random.Random(45)
    )
    weekend = facts.events[-1]
    facts.results = [r for r in facts.results if r.event_id != weekend.id]  # not raced yet
    sessions = {s.kind: s for s in facts.sessions if s.event_id == weekend.id}
    numbers = [e.car_number for e in facts.entries if e.event_id == weekend.id]
    start = datetime(LATEST_SEASON, 6, 1, 15, tzinfo=UTC)
    facts.laps = laps_for(
        sessions[SessionKind.PRACTICE], numbers, LAPS_IN_SESSION, random.Random(4), start
    ) + laps_for(
        sessions[SessionKind.QUALIFYING],
        numbers,
        LAPS_IN_SESSION,
        random.Random(5),
        start + timedelta(hours=3),
    )
    engine = db.make_engine(str(path))
    try:
        write_generated(engine, facts)
    finally:
        engine.dispose()
    return weekend.key


def _time_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.randrange(29, 32)}.{rng.randrange(0, 1000):03d}" for _ in range(count)]


def commit_figures(path: Path, event_key: str) -> list[Figure]:
    """SqlUnitOfWork add + commit (synchronous=FULL), and the whole log_lap use case."""
    storage = open_storage(str(path))
    try:
        with storage.uow_factory() as uow:
            event = uow.events.get_by_key(event_key)
            session = next(
                s for s in uow.sessions.list_for_event(event.id) if s.kind is SessionKind.QUALIFYING
            )
        with storage.engine.connect() as connection:
            synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar()

        def commit_one(lap_ms: int) -> None:
            with storage.uow_factory() as uow:
                uow.laps.add(Lap(session_id=session.id, car_number="1", lap_ms=lap_ms))
                uow.commit()

        commits = [timed_ms(lambda i=i: commit_one(30_000 + i)) for i in range(COMMIT_LAPS)]
        texts = _time_texts(COMMIT_LAPS, 1)
        use_case = [
            timed_ms(lambda t=t: log_lap(storage.uow_factory(), session.id, "2", t)) for t in texts
        ]
    finally:
        storage.close()
    sync = f"PRAGMA synchronous={synchronous} (2 = FULL)"
    return [
        Figure(
            "Commit alone, SqlUnitOfWork add + commit (p99)",
            percentile(commits, 0.99),
            "ms",
            5.0,
            f"median {median(commits):.2f} ms, {COMMIT_LAPS} laps, {sync}",
        ),
        Figure(
            "log_lap use case, parse + checks + commit (p99)",
            percentile(use_case, 0.99),
            "ms",
            None,
            f"median {median(use_case):.2f} ms, {COMMIT_LAPS} laps",
        ),
    ]


def figures(workdir: Path) -> list[Figure]:
    path = workdir / "lap-logging.db"
    event_key = build_database(path)
    results = widget_figures(path, event_key)
    return results + commit_figures(path, event_key)


def widget_figures(path: Path, event_key: str) -> list[Figure]:
    """Type laps into the Qualifying and Practice tabs and wait for every view to be painted."""
    from bench.lap_widgets import drive_tab

    figures: list[Figure] = []
    for title, seed in (("Qualifying", 2), ("Practice", 3)):
        run = drive_tab(path, event_key, title, _time_texts(WIDGET_LAPS, seed))
        detail = (
            f"{WIDGET_LAPS} laps into {run.rows - WIDGET_LAPS} logged, {CARS} entries; "
            f"lap list unpainted after {run.unpainted} laps"
        )
        name = f"Lap logged end to end, {title} tab"
        figures += [
            Figure(f"{name} (median)", median(run.times_ms), "ms", 16.0),
            Figure(f"{name} (p99)", percentile(run.times_ms, 0.99), "ms", 50.0, detail),
            Figure(f"Model resets while logging, {title} tab", run.resets, "", 0.0),
        ]
    return figures
