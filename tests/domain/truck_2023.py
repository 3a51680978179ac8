"""The 2023 Truck Series, races 1-11 (resources/demo), read into domain values for tests.

The CSV gives only each driver's stage total, so results carry `reported_stage_points`; stage
wins are its playoff points minus a win's 5. "(i)" drivers have no stage figures, so their
owners are credited with finish points only. Team names are filled in for the owners the
stories need (the sheet names owners, not teams); elsewhere the team is the owner.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from uuid import UUID

from domain.model import (
    Driver,
    Entry,
    Event,
    Penalty,
    RaceResult,
    Track,
    TrackKind,
    new_id,
)

CSV_PATH = (
    Path(__file__).resolve().parents[2] / "resources" / "demo" / "truck_2023_results_races_1-11.csv"
)

# Track length in thousandths of a mile, kind and race date (2023 Truck Series schedule).
_TRACKS = {
    "Daytona International Speedway": (2500, TrackKind.SUPERSPEEDWAY, date(2023, 2, 17)),
    "Las Vegas Motor Speedway": (1500, TrackKind.OVAL, date(2023, 3, 3)),
    "Atlanta Motor Speedway": (1540, TrackKind.SUPERSPEEDWAY, date(2023, 3, 18)),
    "Circuit of the Americas": (3410, TrackKind.ROAD, date(2023, 3, 25)),
    "Texas Motor Speedway": (1500, TrackKind.OVAL, date(2023, 4, 1)),
    "Bristol Motor Speedway Dirt Track": (533, TrackKind.SHORT, date(2023, 4, 8)),
    "Martinsville Speedway": (526, TrackKind.SHORT, date(2023, 4, 14)),
    "Kansas Speedway": (1500, TrackKind.OVAL, date(2023, 5, 5)),
    "Darlington Raceway": (1366, TrackKind.OVAL, date(2023, 5, 12)),
    "North Wilkesboro Speedway": (625, TrackKind.SHORT, date(2023, 5, 20)),
    "Charlotte Motor Speedway": (1500, TrackKind.OVAL, date(2023, 5, 26)),
}
_TEAMS = {
    "David Gilliland": "Tricon Garage",
    "Duke Thorson": "ThorSport Racing",
    "Mike Curb": "ThorSport Racing",
    "Kyle Busch": "Kyle Busch Motorsports",
}
WIN_PLAYOFF_POINTS = 5


@dataclass(frozen=True, slots=True)
class Season:
    events: tuple[Event, ...]
    drivers: tuple[Driver, ...]
    entries: tuple[Entry, ...]
    results: tuple[RaceResult, ...]
    penalties: tuple[Penalty, ...]
    csv_points: dict[UUID, int]  # result id -> the sheet's `points` column

    def driver(self, name: str) -> Driver:
        (found,) = [driver for driver in self.drivers if driver.name == name]
        return found

    def event(self, round_no: int) -> Event:
        (found,) = [event for event in self.events if event.round_no == round_no]
        return found


def _events(rows: list[dict[str, str]]) -> dict[int, Event]:
    events = {}
    for row in rows:
        round_no = int(row["race_no"])
        if round_no in events:
            continue
        length, kind, day = _TRACKS[row["track"]]
        events[round_no] = Event(
            key=f"truck-2023-{round_no:02d}",
            name=row["track"],
            series="truck",
            season=2023,
            round_no=round_no,
            track=Track(name=row["track"], length_millimiles=length, kind=kind),
            start_date=day - timedelta(days=1),
            end_date=day,
        )
    return events


def _drivers(rows: list[dict[str, str]]) -> dict[tuple[str, str], Driver]:
    """One driver per name, except names two cars carried in one race (two Jason Whites)."""
    cars_by_name: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        cars_by_name.setdefault((row["race_no"], row["driver"]), set()).add(row["car"])
    shared = {name for (_, name), cars in cars_by_name.items() if len(cars) > 1}
    drivers: dict[tuple[str, str], Driver] = {}
    for row in rows:
        name = row["driver"]
        key = (name, row["car"] if name in shared else "")
        if key not in drivers:
            drivers[key] = Driver(name=name, disambiguator=f"No. {key[1]}" if key[1] else "")
    return drivers


def _driver_key(row: dict[str, str], drivers: dict[tuple[str, str], Driver]) -> tuple[str, str]:
    return (
        (row["driver"], row["car"])
        if (row["driver"], row["car"]) in drivers
        else (row["driver"], "")
    )


def _result(row: dict[str, str], event: Event, driver: Driver) -> RaceResult:
    finish = int(row["position"])
    reported_stages = int(row["stage_points"]) if row["stage_points"] else None
    won_points = WIN_PLAYOFF_POINTS if finish == 1 else 0
    return RaceResult(
        event_id=event.id,
        car_number=row["car"],
        driver_id=driver.id,
        finish=finish,
        start=int(row["start"]),
        status=row["status"],
        laps=int(row["laps"]),
        laps_led=int(row["laps_led"]),
        reported_stage_points=reported_stages,
        reported_stage_wins=int(row["playoff_points"]) - won_points
        if reported_stages is not None
        else None,
        official=True,
    )


def _texas_penalty(texas: Event, car_number: str) -> Penalty:
    """L1 penalties after Texas (engine oil reservoir, found at opening-day inspection): Nos. 2
    (Nick Sanchez), 4 (Chase Purdy) and 51 (Jack Wood) each lost 10 driver and 10 owner points
    (thecheckeredflag.co.uk, heavy.com, April 2023). The sheet's `points` apply all three."""
    return Penalty(
        event_id=texas.id,
        car_number=car_number,
        driver_points=10,
        owner_points=10,
        reason="L1: engine oil reservoir (Texas inspection)",
    )


@cache
def load_season() -> Season:
    """Races 1-11 as events, drivers, entries, results, and the three Texas penalties."""
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    events = _events(rows)
    drivers = _drivers(rows)
    entries, results, csv_points = [], [], {}
    for row in rows:
        event = events[int(row["race_no"])]
        driver = drivers[_driver_key(row, drivers)]
        entries.append(
            Entry(
                event_id=event.id,
                car_number=row["car"],
                driver_id=driver.id,
                team=_TEAMS.get(row["owner"], row["owner"]),
                owner=row["owner"],
                make=row["manufacturer"],
                points_eligible=row["points_eligible"] == "yes",
            )
        )
        result = _result(row, event, driver)
        results.append(result)
        csv_points[result.id] = int(row["points"])
    penalties = tuple(_texas_penalty(events[5], car) for car in ("2", "4", "51"))
    return Season(
        events=tuple(events[n] for n in sorted(events)),
        drivers=tuple(drivers.values()),
        entries=tuple(entries),
        results=tuple(results),
        penalties=penalties,
        csv_points=csv_points,
    )


def with_world_wide_technology(season: Season) -> Season:
    """Race 12, illustrative (Charlotte's order): Heim out, Love in No. 11, Breidinger in No. 1."""
    charlotte = season.event(11)
    wwt = Event(
        key="truck-2023-12",
        name="World Wide Technology Raceway",
        series="truck",
        season=2023,
        round_no=12,
        track=Track(
            name="World Wide Technology Raceway", length_millimiles=1250, kind=TrackKind.OVAL
        ),
        start_date=date(2023, 6, 2),
        end_date=date(2023, 6, 3),
        illustrative=True,
    )
    love = Driver(name="Jesse Love")
    swaps = {"11": love.id, "1": season.driver("Toni Breidinger").id}
    entries = [
        dataclasses.replace(
            e, id=new_id(), event_id=wwt.id, driver_id=swaps.get(e.car_number, e.driver_id)
        )
        for e in season.entries
        if e.event_id == charlotte.id
    ]
    results = [
        dataclasses.replace(
            r, id=new_id(), event_id=wwt.id, driver_id=swaps.get(r.car_number, r.driver_id)
        )
        for r in season.results
        if r.event_id == charlotte.id
    ]
    return dataclasses.replace(
        season,
        events=(*season.events, wwt),
        drivers=(*season.drivers, love),
        entries=(*season.entries, *entries),
        results=(*season.results, *results),
    )
