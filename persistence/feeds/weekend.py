"""weekend-feed.json: the event, its entry list, practice and qualifying bests and race results."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from domain.feeds import (
    FeedEntry,
    FeedEvent,
    FeedKind,
    FeedRaceResult,
    FeedRun,
    FeedRunResult,
    WeekendFeed,
    describe_run,
)
from domain.model import SessionKind
from persistence.feeds.names import feed_driver
from persistence.feeds.record import MAX_WHOLE, Record

STAGE_TOP = 10  # stage results list the top ten (FEEDS §2.6)


def parse_weekend(top: Record) -> WeekendFeed:
    races = top.value.get("weekend_race")
    race = None
    if races:  # the 2025 YellaWood 500 has `weekend_race: null` (FEEDS §1)
        race = next(top.records("weekend_race"))
    runs = tuple(parse_run(run) for run in top.records("weekend_runs", required=False))
    if race is None:
        return WeekendFeed(source=top.source, kind=FeedKind.WEEKEND, runs=runs)
    entries, results = race_results_of(list(race.records("results")), _stage_positions(race))
    return WeekendFeed(
        source=top.source,
        kind=FeedKind.WEEKEND,
        event=feed_event(race),
        entries=tuple(entries),
        runs=runs,
        results=tuple(results),
        series_id=race.whole("series_id"),
    )


def feed_event(race: Record) -> FeedEvent:
    """The race header shared by weekend_race and race_list_basic rows."""
    series_id = race.whole("series_id")
    season = race.whole("race_season", minimum=1948)
    name = race.text("race_name")
    if series_id is None or season is None or not name:
        raise race.fail("it has no series_id, race_season or race_name")
    # Stage lengths as scheduled; rows of races not run carry negative leftovers (-91 seen).
    stages = tuple(
        int(laps)
        for n in (1, 2, 3, 4)
        if (laps := race.number(f"stage_{n}_laps")) and laps > 0 and laps == int(laps)
    )
    return FeedEvent(
        series_id=series_id,
        season=season,
        name=name,
        track_name=race.text("track_name"),
        race_id=race.whole("race_id"),
        race_date=feed_date(race, "race_date") or feed_date(race, "date_scheduled"),
        track_length_millimiles=_track_length(race),
        points_race=race.whole("race_type_id", default=1) != 2,
        stage_laps=stages,
    )


def feed_date(record: Record, key: str) -> date | None:
    text = record.text(key)
    if not text or text.startswith(("0001-", "1900-")):  # NASCAR's "unknown"
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise record.fail(f"'{key}' is {text!r}, not a date") from None


def _track_length(race: Record) -> int | None:
    """Miles per lap from the scheduled distance and laps, in thousandths of a mile."""
    distance, laps = race.number("scheduled_distance"), race.number("scheduled_laps")
    if not distance or not laps or distance <= 0 or laps <= 0:
        return None
    return int((distance / laps * 1000).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def parse_run(run: Record) -> FeedRun:
    name = run.text("run_name")
    run_type = run.whole("run_type")
    if run_type not in (1, 2):
        raise run.fail(f"run_type is {run_type!r}; a weekend run is 1 (practice) or 2 (qualifying)")
    return run_from_rows(name, run_type, run.records("results"))


def run_from_rows(name: str, run_type: int, rows: object) -> FeedRun:
    """A run's results (weekend_runs[].results and qualification.json share one shape)."""
    results = []
    for row in rows:  # type: ignore[attr-defined]
        number = row.car("vehicle_number") if row.has("vehicle_number") else row.car("car_number")
        results.append(
            FeedRunResult(
                car_number=number,
                driver=feed_driver(row.text("driver_name"), row.whole("driver_id")),
                position=row.whole("finishing_position") or None,
                best_lap_ms=row.seconds_ms("best_lap_time"),
                best_lap_number=row.whole("best_lap_number") or None,
                laps=row.whole("laps_completed", default=0) or 0,
                make=row.text("manufacturer"),
                comment=row.text("comment"),
            )
        )
    return run_shape(name, run_type, tuple(results))


def run_shape(name: str, run_type: int, results: tuple[FeedRunResult, ...]) -> FeedRun:
    """A run of type 1 (practice) or 2 (qualifying), its round and group read from its name."""
    kind = SessionKind.PRACTICE if run_type == 1 else SessionKind.QUALIFYING
    return describe_run(name, kind, results)


def race_results_of(
    rows: list[Record], stages: dict[tuple[int, str], int] | None = None
) -> tuple[list[FeedEntry], list[FeedRaceResult]]:
    """The entry list and the results that the rows of a results array both carry."""
    entries, results = [], []
    for row in rows:
        car = row.car("car_number")
        driver = feed_driver(row.text("driver_fullname"), row.whole("driver_id"))
        team, make = row.text("team_name"), row.text("car_make")
        owner = row.text("owner_fullname") or team
        entries.append(FeedEntry(car_number=car, driver=driver, team=team, owner=owner, make=make))
        finish = row.whole("finishing_position", minimum=1)
        if finish is None:
            raise row.fail("it has no finishing_position")
        laps = row.whole("laps_completed", default=0) or 0
        results.append(
            FeedRaceResult(
                car_number=car,
                driver=driver,
                finish=finish,
                start=row.whole("starting_position") or None,
                laps=laps,
                laps_led=_laps_led(row, laps),
                status=(row.text("finishing_status") or "running").lower(),
                stage1=(stages or {}).get((1, car)),
                stage2=(stages or {}).get((2, car)),
                points_earned=row.whole("points_earned", minimum=-MAX_WHOLE),
                team=team,
                owner=owner,
                make=make,
            )
        )
    return entries, results


def _stage_positions(race: Record) -> dict[tuple[int, str], int]:
    """(stage, car) -> position in that stage's top ten."""
    positions: dict[tuple[int, str], int] = {}
    for stage in race.records("stage_results", required=False):
        number = stage.whole("stage_number", minimum=1)
        for row in stage.records("results"):
            position = row.whole("finishing_position", minimum=1)
            if number is None or position is None:
                continue
            if position > STAGE_TOP:
                raise row.fail(f"stage {number} position {position} is beyond the top ten")
            positions[(number, row.car("car_number"))] = position
    return positions


def _laps_led(row: Record, laps: int) -> int:
    led = row.whole("laps_led", default=0) or 0
    if led > laps:
        raise row.fail(f"laps_led ({led}) is more than laps_completed ({laps})")
    return led
