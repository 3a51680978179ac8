"""A historical results sheet (racing-reference / DriverAverages layout) as a season at once.

One row per driver per race: `Season, Race, Track, Name, Length, Surface, Finish, Start, Car,
Driver, Make, Pts, Laps, Led, Status, Team, S1, S2 …`. Each race becomes an event (found by
its name, or created with its season), its rows the entry list and the results; the sheet's
own points are kept beside them and compared with Trackside's, race by race (a sheet is not
NASCAR, so a difference is reported, never copied). A finisher the sheet gives 0 points is a
driver who scores none in this series ("(i)").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from domain import bounds
from domain.changes import Changes, RowChanges
from domain.errors import ValidationError
from domain.feeds import FeedDriver, FeedEntry, FeedEvent, FeedRaceResult, ReportedPoints
from domain.model import Event, TrackKind
from domain.ports import UnitOfWork
from domain.progress import Progress, no_progress
from domain.rules.cross_check import CarPoints, CrossCheck, cross_check
from domain.rules.schedule import parse_miles
from domain.ruleset import RuleSet
from domain.services import feed_places as places, import_cells as cells
from domain.services.feed_store import Stored, put_entries, put_points, put_results
from domain.services.import_cells import ImportRow, ImportTable
from domain.services.race_sheet_query import score_sheet
from domain.services.seasons import series_token

SHEET_COLUMNS = ("race", "track", "name", "length", "finish", "car", "driver", "pts")
SHEET_OPTIONAL = ("season", "surface", "start", "make", "laps", "led", "status", "team", "s1", "s2")
SHEET_ALIASES = {"points": "pts", "laps_led": "led", "stage1": "s1", "stage2": "s2"}
_SURFACES = {"road": TrackKind.ROAD, "dirt": TrackKind.DIRT}


@dataclass(frozen=True, slots=True)
class _SheetRow:
    race: int
    event: FeedEvent
    entry: FeedEntry
    result: FeedRaceResult
    points: int
    kind: TrackKind | None


@dataclass(frozen=True, slots=True)
class SheetReport:
    source: str
    events_created: int
    races: int
    rows: int
    check: CrossCheck
    lines: tuple[str, ...]

    @property
    def summary(self) -> str:
        check = self.check.summary.replace("; race ", "\n  race ")
        head = (
            f"{self.source}: {self.races} races, {self.rows} results, "
            f"{self.events_created} events created"
        )
        return "\n".join([head, *(f"  {line}" for line in self.lines), f"  {check}"])


def import_season_sheet(
    uow: UnitOfWork,
    rulesets: Mapping[str, RuleSet],
    series: str,
    season: int,
    table: ImportTable,
    *,
    progress: Progress = no_progress,
) -> tuple[SheetReport, Changes]:
    """Store every race of the sheet, or nothing; then score each one and compare points."""
    token = series_token(series)
    table = table.ensure_columns(SHEET_COLUMNS, SHEET_ALIASES)
    rows = cells.read_rows(table, lambda row: _read(row, token, season))
    by_race: dict[int, list[_SheetRow]] = defaultdict(list)
    for _, parsed in rows:
        by_race[parsed.race].append(parsed)
    stored, created = Stored(), Changes()
    check = CrossCheck(compared=0, differences=(), against="the sheet")
    with uow:
        for done, (race, members) in enumerate(sorted(by_race.items())):
            progress(done, len(by_race))
            event, changes = places.event_for_feed(
                uow, rulesets, members[0].event, table.source, series=token, kind=members[0].kind
            )
            created = created.merged(changes or Changes())
            put_entries(uow, event, [m.entry for m in members], table.source, stored)
            put_results(uow, event, [m.result for m in members], table.source, stored)
            sheet = [
                ReportedPoints(
                    car_number=m.entry.car_number, driver=m.entry.driver, race_points=m.points
                )
                for m in members
            ]
            put_points(uow, event, sheet, table.source, stored)
            theirs = {m.entry.car_number: m.points for m in members}
            ours = _scored(uow, event, rulesets)
            check = check.merged(
                cross_check(ours, theirs, against="the sheet", where=f"race {race}, ")
            )
        progress(len(by_race), len(by_race))
        uow.commit()
    dated = [e for e in created.events.added]
    lines = []
    if dated:
        lines.append(
            f"the sheet has no dates: the {len(dated)} new events are dated a week apart from "
            "1 January by round; correct them with edit-event, or import NASCAR's race list first"
        )
    report = SheetReport(
        source=table.source,
        events_created=len(dated),
        races=len(by_race),
        rows=len(rows),
        check=check,
        lines=tuple(lines),
    )
    notice = created.merged(
        Changes(
            drivers=RowChanges(added=tuple(stored.drivers_added)),
            entries=RowChanges(added=tuple(stored.entries_added)),
            results=RowChanges(added=tuple(stored.results_added)),
            reloaded_events=frozenset(r.event_id for r in stored.results_added),
        )
    )
    return report, notice


def _read(row: ImportRow, series: str, season: int) -> _SheetRow:
    race = cells.whole_number(row, "race", bounds.ROUND, required=True) or 0
    in_row = cells.whole_number(row, "season", bounds.YEAR)
    if in_row is not None and in_row != season:
        raise ValidationError(f"season {in_row} is not {season}; import one season at a time")
    name = cells.text(row, "name", required=True)
    track = cells.text(row, "track", required=True)
    length = parse_miles(cells.text(row, "length", required=True))
    car = cells.car(row)
    driver = FeedDriver(name=cells.text(row, "driver", required=True))
    points = _signed(row, "pts")
    finish = cells.whole_number(row, "finish", bounds.POSITION, required=True) or 0
    laps = cells.whole_number(row, "laps", bounds.LAPS) or 0
    led = cells.whole_number(row, "led", bounds.LAPS_LED) or 0
    if led > laps:
        raise ValidationError(f"led ({led}) is more than laps ({laps})")
    team = cells.text(row, "team")
    # "A sheet that gives 0 to a finisher marks a driver who scores no points" (issue 15).
    ineligible = points == 0
    if ineligible:
        driver = FeedDriver(name=driver.name, ineligible=True)
    return _SheetRow(
        race=race,
        event=FeedEvent(
            series_id=0,
            season=season,
            name=name,
            track_name=track,
            race_date=date(season, 1, 1) + timedelta(weeks=race - 1),
            track_length_millimiles=length,
        ),
        entry=FeedEntry(
            car_number=car, driver=driver, team=team, owner=team, make=cells.text(row, "make")
        ),
        result=FeedRaceResult(
            car_number=car,
            driver=driver,
            finish=finish,
            start=cells.whole_number(row, "start", bounds.POSITION),
            laps=laps,
            laps_led=led,
            status=cells.text(row, "status").lower() or "running",
            stage1=_stage(row, "s1"),
            stage2=_stage(row, "s2"),
        ),
        points=points,
        kind=_SURFACES.get(cells.text(row, "surface").lower()),
    )


def _signed(row: ImportRow, column: str) -> int:
    """Points, negative after a penalty; bounded (domain/bounds.py) before conversion."""
    text = cells.text(row, column, required=True)
    digits = text.removeprefix("-")
    points = bounds.POINTS.read(digits, column)
    return -points if digits != text else points


def _stage(row: ImportRow, column: str) -> int | None:
    position = cells.whole_number(row, column, bounds.POSITION)
    if position is not None and position > 10:
        raise ValidationError(f"{column} {position}: a stage pays its top ten only")
    return position


def _scored(uow: UnitOfWork, event: Event, rulesets: Mapping[str, RuleSet]) -> list[CarPoints]:
    """The race as Trackside scores it, inside the import's unit of work."""
    ruleset = rulesets.get(event.ruleset_key)
    if ruleset is None:
        raise ValidationError(f"There is no rule pack for {event.ruleset_key} to score {event.key}")
    results = uow.results.list_for_event(event.id)
    penalties = uow.penalties.list_for_event(event.id)
    entries = uow.entries.list_for_event(event.id)
    drivers = {d.id: d for d in uow.drivers.list_for_event(event.id)}
    return [
        CarPoints(
            car_number=row.result.car_number,
            driver=row.driver,
            points=row.points.driver_total,
            eligible=row.driver_eligible,
            penalty=row.points.penalty_driver,
            stage_points=row.points.stages if row.driver_eligible else 0,
            has_stages=row.result.stage1 is not None or row.result.stage2 is not None,
        )
        for row in score_sheet(results, entries, penalties, drivers, ruleset.points)
    ]
