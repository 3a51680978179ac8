"""Standings of a full generated season (38 races × 40 cars): the rules alone, and from storage."""

from __future__ import annotations

import random
from pathlib import Path

from bench.generate import LATEST_SEASON, SERIES, season_facts
from bench.measure import Figure, median, samples_ms
from domain.rules.standings import SeasonScores
from domain.services import season_standings
from persistence.rulesets import load_rulesets
from persistence.storage import open_storage

TARGET_MS = 50.0
RUNS = 15


def recompute_figure() -> Figure:
    """Driver and owner standings from values in memory: what a corrected result triggers.

    As the app does it (domain/services/season.py, domain/services/weekend.py): the season is
    scored once and both tables are tallies of that scoring.
    """
    facts = season_facts(
        LATEST_SEASON, races=38, cars=40, practice_laps_per_car=0, rng=random.Random(7)
    )
    points = load_rulesets()[f"{SERIES}-{LATEST_SEASON}"].points

    def recompute() -> None:
        scores = SeasonScores(facts.events, facts.results, facts.entries, [], points)
        scores.drivers(facts.drivers)
        scores.owners()

    times = samples_ms(recompute, RUNS)
    return Figure(
        "Standings recomputed, 38 races × 40 cars (median)",
        median(times),
        "ms",
        TARGET_MS,
        f"{len(facts.results)} results scored once, driver and owner tables, {RUNS} runs",
    )


def from_storage_figure(database: Path) -> Figure:
    """The same through season_standings on SQLite: loading the season's facts included."""
    storage = open_storage(str(database))
    try:
        ruleset = storage.rulesets[f"{SERIES}-{LATEST_SEASON}"]
        times = samples_ms(
            lambda: season_standings(storage.uow_factory(), SERIES, LATEST_SEASON, ruleset), 5
        )
    finally:
        storage.close()
    return Figure(
        "Standings from the database, season_standings (median)",
        median(times),
        "ms",
        None,
        "load results, entries, penalties, drivers + recompute; 5 runs",
    )


def figures(database: Path) -> list[Figure]:
    return [recompute_figure(), from_storage_figure(database)]
