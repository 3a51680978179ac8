"""The 2019-era files: live qualifying by round, final qualifying order, entry list, results."""

from __future__ import annotations

from itertools import groupby

from domain.feeds import FeedEntry, FeedKind, FeedRunResult, WeekendFeed
from persistence.feeds.names import feed_driver
from persistence.feeds.record import Record
from persistence.feeds.weekend import race_results_of, run_from_rows, run_shape


def parse_live_qualifying(rows: list[Record], source: str) -> WeekendFeed:
    """One run per round; knocked-out cars stay in their round (`is_current_round` false)."""
    by_round = sorted(rows, key=lambda r: r.whole("qualifying_round", minimum=1) or 1)
    runs = []
    for round_no, members in groupby(by_round, key=lambda r: r.whole("qualifying_round") or 1):
        results = tuple(
            FeedRunResult(
                car_number=row.car("vehicle_number"),
                driver=feed_driver(row.text("full_name"), row.whole("driver_id")),
                position=row.whole("position") or None,
                best_lap_ms=row.seconds_ms("best_lap_time"),
                best_lap_number=row.whole("best_lap") or None,
                laps=row.whole("laps_completed", default=0) or 0,
                comment=row.text("comment"),
            )
            for row in members
        )
        runs.append(run_shape(f"Qualifying Round {round_no}", 2, results))
    if len(runs) == 1:  # one round: plain "Qualifying"
        runs = [run_shape("Qualifying", 2, runs[0].results)]
    return WeekendFeed(
        source=source,
        kind=FeedKind.LIVE_QUALIFYING,
        runs=tuple(runs),
        series_id=rows[0].whole("series_id") if rows else None,
    )


def parse_qualification(rows: list[Record], source: str) -> WeekendFeed:
    run = run_from_rows("Qualifying", 2, rows)
    return WeekendFeed(source=source, kind=FeedKind.QUALIFICATION, runs=(run,))


def parse_entry_list(rows: list[Record], source: str) -> WeekendFeed:
    entries = tuple(
        FeedEntry(
            car_number=row.car("vehicle_number"),
            driver=feed_driver(row.text("driver_name"), row.whole("driver_id")),
            team=row.text("team_name"),
            owner=row.text("owner_name") or row.text("team_name"),
            make=row.text("manufacturer"),
        )
        for row in rows
    )
    return WeekendFeed(source=source, kind=FeedKind.ENTRY_LIST, entries=entries)


def parse_race_results(rows: list[Record], source: str) -> WeekendFeed:
    """raceResults.json is weekend_race[0].results on its own (no stage results, no header)."""
    entries, results = race_results_of(rows)
    series = rows[0].whole("series_id") if rows else None
    return WeekendFeed(
        source=source,
        kind=FeedKind.RACE_RESULTS,
        entries=tuple(entries),
        results=tuple(results),
        series_id=series,
    )
