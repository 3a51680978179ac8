"""The whole 2023 Truck season (shared/data/truck_2023_full_season.csv) read into domain values.

The sheet gives stage finishing positions (S1, S2), so points are derived by the rules like any
entered result; a driver the sheet scores 0 earns no Truck points in that race ("(i)", e.g. Kyle
Busch). Tests that use it skip when the shared data folder is not beside the repository.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from domain.model import Driver, Entry, Event, RaceResult, Track, TrackKind

FILE_NAME = "truck_2023_full_season.csv"
_SEASON_START = date(2023, 2, 17)


def shared_data(name: str) -> Path | None:
    """A file of the shared data folder (`../shared/data` beside the repository or a parent)."""
    root = Path(__file__).resolve().parents[2]
    for folder in (root.parent, root.parent.parent):
        path = folder / "shared" / "data" / name
        if path.is_file():
            return path
    return None


def shared_data_or_skip(name: str) -> Path:
    path = shared_data(name)
    if path is None:
        pytest.skip(f"../shared/data/{name} is not beside this repository")
    return path


@dataclass(frozen=True, slots=True)
class FullSeason:
    events: tuple[Event, ...]
    drivers: tuple[Driver, ...]
    entries: tuple[Entry, ...]
    results: tuple[RaceResult, ...]
    sheet_points: dict[tuple[int, str], int]  # (race, driver name) -> the sheet's `Pts`

    def driver(self, name: str) -> Driver:
        (found,) = [driver for driver in self.drivers if driver.name == name]
        return found

    def name(self, driver_id: object) -> str:
        (found,) = [driver.name for driver in self.drivers if driver.id == driver_id]
        return found


def _kind(row: dict[str, str]) -> TrackKind:
    if row["Surface"] == "road":
        return TrackKind.ROAD
    length = float(row["Length"])
    if length >= 2.0:
        return TrackKind.SUPERSPEEDWAY
    return TrackKind.SHORT if length < 1.0 else TrackKind.OVAL


def _position(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def load_full_season(path: Path) -> FullSeason:
    """Races 1-23 as events (a week apart: the dates are not in the sheet), drivers, entries
    and results with stage positions."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    events: dict[int, Event] = {}
    drivers: dict[str, Driver] = {}
    entries, results, sheet_points = [], [], {}
    for row in rows:
        round_no = int(row["Race"])
        if round_no not in events:
            day = _SEASON_START + timedelta(weeks=round_no - 1)
            track = Track(
                name=row["Track"],
                length_millimiles=round(float(row["Length"]) * 1000),
                kind=_kind(row),
            )
            events[round_no] = Event(
                key=f"truck-2023-r{round_no:02d}", name=row["Name"], series="truck",
                season=2023, round_no=round_no, track=track, start_date=day, end_date=day,
            )  # fmt: skip
        event = events[round_no]
        driver = drivers.setdefault(row["Driver"], Driver(name=row["Driver"]))
        points = int(row["Pts"])
        entries.append(
            Entry(
                event_id=event.id, car_number=row["Car"], driver_id=driver.id, team=row["Team"],
                owner=row["Team"], make=row["Make"], points_eligible=points > 0,
            )
        )  # fmt: skip
        results.append(
            RaceResult(
                event_id=event.id, car_number=row["Car"], driver_id=driver.id,
                finish=int(row["Finish"]), start=_position(row["Start"]), status=row["Status"],
                laps=int(row["Laps"]), laps_led=int(row["Led"]), stage1=_position(row["S1"]),
                stage2=_position(row["S2"]), official=True,
            )
        )  # fmt: skip
        sheet_points[(round_no, row["Driver"])] = points
    return FullSeason(
        events=tuple(events[n] for n in sorted(events)),
        drivers=tuple(drivers.values()),
        entries=tuple(entries),
        results=tuple(results),
        sheet_points=sheet_points,
    )
