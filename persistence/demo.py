"""The demo weekends of DESIGN §2, written through the UnitOfWork protocol so any storage works.

What is made up (practice and qualifying laps, most of Lime Rock) is marked on the events with
`illustrative=True`; resources/demo/weekends.toml says which part of each weekend that is.
"""

from __future__ import annotations

import csv
import logging
import tomllib
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from domain.laptime import parse_lap_time
from domain.model import (
    Driver,
    Entry,
    Event,
    Lap,
    LapFlag,
    Penalty,
    RaceResult,
    Season,
    Session,
    SessionKind,
    Track,
    TrackKind,
    WaiverReason,
)
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.ruleset import RuleSet
from domain.services import entries as services_entries, penalties as services_penalties

DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"
TRUCK_2023_RESULTS = "truck_2023_results_races_1-11.csv"
log = logging.getLogger(__name__)


def fill_demo(uow_factory: UnitOfWorkFactory, rulesets: Mapping[str, RuleSet]) -> None:
    """Write every demo weekend into an empty database (a database with events is left alone)."""
    spec = tomllib.loads((DEMO_DIR / "weekends.toml").read_text(encoding="utf-8"))
    with uow_factory() as uow:
        if uow.events.all():
            return
        _Writer(uow, spec, rulesets).write_all()
        uow.commit()
    _gateway_story(uow_factory)


def _gateway_story(uow_factory: UnitOfWorkFactory) -> None:
    """Heim withdraws before practice: Love moves to the No. 11, Breidinger takes the No. 1."""
    with uow_factory() as uow:
        event = uow.events.get_by_key("truck-2023-gateway")
        entries = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
        heim = entries["11"].driver_id
    reason = "Corey Heim withdrew for health reasons before practice."
    services_entries.substitute_driver(
        uow_factory(), entries["1"].id, "Toni Breidinger", reason="Jesse Love moves to the No. 11."
    )
    services_entries.substitute_driver(uow_factory(), entries["11"].id, "Jesse Love", reason=reason)
    services_penalties.request_waiver(
        uow_factory(), "truck", 2023, heim, WaiverReason.MEDICAL, note="Requested by Tricon Garage."
    )


class _Writer:
    """Builds the values of one demo database inside one open unit of work."""

    def __init__(self, uow: UnitOfWork, spec: dict, rulesets: Mapping[str, RuleSet]) -> None:
        self.uow, self.spec, self.rulesets = uow, spec, rulesets
        self.tracks: dict[str, Track] = {}
        self.drivers: dict[tuple[str, str], Driver] = {}
        self.teams = {row["owner"]: row["team"] for row in _rows("truck_2023_teams.csv")}

    def write_all(self) -> None:
        for key, track in self.spec["tracks"].items():
            self.tracks[key] = Track(
                name=track["name"],
                length_millimiles=track["length_millimiles"],
                kind=TrackKind(track["kind"]),
            )
            self.uow.tracks.add(self.tracks[key])
        for series, year in sorted({(e["series"], e["season"]) for e in self.spec["events"]}):
            pack = self.rulesets.get(f"{series}-{year}")
            name = pack.name if pack else f"{series} {year}"
            self.uow.seasons.add(Season(series=series, season=year, name=name))
        events = [self._event(item) for item in self.spec["events"]]
        self._truck_2023_results({e.round_no: e for e in events if e.key.startswith("truck-2023")})

    def _event(self, item: dict) -> Event:
        start, end = (date.fromisoformat(day) for day in item["dates"])
        event = Event(
            key=item["key"],
            name=item["name"],
            series=item["series"],
            season=item["season"],
            round_no=item["round"],
            track=self.tracks[item["track"]],
            start_date=start,
            end_date=end,
            illustrative=item.get("illustrative", False),
        )
        if event.ruleset_key not in self.rulesets:
            log.warning("The demo event %s has no rule pack %s.", event.key, event.ruleset_key)
        self.uow.events.add(event)
        kinds = item.get("sessions", [{"name": "Race", "kind": "race"}])
        sessions = {}
        for order, session in enumerate(kinds, start=1):
            sessions[session["name"]] = Session(
                event_id=event.id,
                kind=SessionKind(session["kind"]),
                name=session["name"],
                order=order,
                group=session.get("group"),
            )
            self.uow.sessions.add(sessions[session["name"]])
        if "entries" in item:
            self._entries(event, item["entries"])
            self._laps(event, sessions, item["laps"])
        if "results" in item:
            self._results(event, item["results"])
        return event

    def driver(self, name: str, disambiguator: str = "") -> Driver:
        """One driver per name across the demo, unless a disambiguator tells two apart."""
        key = (name, disambiguator)
        if key not in self.drivers:
            self.drivers[key] = Driver(name=name, disambiguator=disambiguator)
            self.uow.drivers.add(self.drivers[key])
        return self.drivers[key]

    def _entries(self, event: Event, file_name: str) -> None:
        for row in _rows(file_name):
            self.uow.entries.add(
                Entry(
                    event_id=event.id,
                    car_number=row["car"],
                    driver_id=self.driver(row["driver"]).id,
                    team=row["team"],
                    owner=row.get("owner") or row["team"],
                    make=row["manufacturer"],
                    guaranteed=row.get("charter") == "chartered",
                    points_eligible=row.get("points_eligible", "yes") == "yes",
                )
            )

    def _laps(self, event: Event, sessions: dict[str, Session], file_name: str) -> None:
        # Laps are ordered by logged_at: one second apart from 15:00 UTC on the first day.
        start = datetime.combine(event.start_date, datetime.min.time(), UTC) + timedelta(hours=15)
        length = event.track.length_millimiles
        for i, row in enumerate(_rows(file_name)):
            self.uow.laps.add(
                Lap(
                    session_id=sessions[row["session"]].id,
                    car_number=row["car"],
                    lap_ms=parse_lap_time(row["time"], track_length_millimiles=length),
                    flag=LapFlag(row["flag"]) if row["flag"] else None,
                    note=row["note"],
                    logged_at=start + timedelta(seconds=i),
                )
            )

    def _results(self, event: Event, file_name: str) -> None:
        entries = {e.car_number: e for e in self.uow.entries.list_for_event(event.id)}
        for row in _rows(file_name):
            self.uow.results.add(
                RaceResult(
                    event_id=event.id,
                    car_number=row["car"],
                    driver_id=entries[row["car"]].driver_id,
                    finish=int(row["finish"]),
                    start=_int_or_none(row["start"]),
                    status=row["status"],
                    laps=int(row["laps"]),
                    laps_led=int(row["laps_led"]),
                    stage1=_int_or_none(row["stage1"]),
                    stage2=_int_or_none(row["stage2"]),
                    official=True,
                )
            )

    def _truck_2023_results(self, events: dict[int, Event]) -> None:
        rows = _rows(TRUCK_2023_RESULTS)
        shared = _names_shared_in_a_race(rows)
        for row in rows:
            event = events[int(row["race_no"])]
            name = row["driver"]
            driver = self.driver(name, f"No. {row['car']}" if name in shared else "")
            self._truck_2023_row(event, driver, row)
        # L1 penalties after Texas (race 5; engine oil reservoir found at inspection): Nos. 2
        # (Nick Sanchez), 4 (Chase Purdy) and 51 (Jack Wood) each lost 10 driver and 10 owner
        # points (thecheckeredflag.co.uk, heavy.com, April 2023); the results file applies all 3.
        for car, name in (("2", "Nick Sanchez"), ("4", "Chase Purdy"), ("51", "Jack Wood")):
            self.uow.penalties.add(
                Penalty(
                    event_id=events[5].id,
                    car_number=car,
                    driver_id=self.driver(name).id,
                    driver_points=10,
                    owner_points=10,
                    reason="L1: engine oil reservoir (Texas inspection)",
                )
            )

    def _truck_2023_row(self, event: Event, driver: Driver, row: dict[str, str]) -> None:
        eligible = row["points_eligible"] == "yes"
        finish = int(row["position"])
        playoff_points = int(row["playoff_points"])
        stage_wins = playoff_points - 5 if finish == 1 else playoff_points
        self.uow.entries.add(
            Entry(
                event_id=event.id,
                car_number=row["car"],
                driver_id=driver.id,
                team=self.teams.get(row["owner"], row["owner"]),
                owner=row["owner"],
                make=row["manufacturer"],
                points_eligible=eligible,
            )
        )
        self.uow.results.add(
            RaceResult(
                event_id=event.id,
                car_number=row["car"],
                driver_id=driver.id,
                finish=finish,
                start=_int_or_none(row["start"]),
                status=row["status"],
                laps=int(row["laps"]),
                laps_led=int(row["laps_led"]),
                reported_stage_points=_int_or_none(row["stage_points"]) if eligible else None,
                reported_stage_wins=stage_wins if eligible else None,
                official=True,
            )
        )


def _names_shared_in_a_race(rows: list[dict[str, str]]) -> set[str]:
    """Names two drivers used in the same race (the two Jason Whites at Daytona)."""
    seen: set[tuple[str, str]] = set()
    shared = set()
    for row in rows:
        key = (row["race_no"], row["driver"])
        if key in seen:
            shared.add(row["driver"])
        seen.add(key)
    return shared


def _rows(file_name: str) -> list[dict[str, str]]:
    with (DEMO_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None
