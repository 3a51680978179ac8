"""The real 2026 Daytona 500 (../shared/data/cup_2026_daytona500_results.csv) imported into a
Cup 2026 event: every driver's points are the official ones, and the Duels' are separate.

Johnson raced on the 2026 OEP (29th, 0 points) and every car behind him scored one place
better; Heim, "(i)", was 28th and shifted nobody; the Duels' top 10s scored 10…1 (110 in all).
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.model import DUELS, Event, Track, TrackKind
from domain.ports import UnitOfWorkFactory
from domain.rules.duels import daytona_500_sessions
from domain.services import imports, race_sheet, season_standings
from domain.services.import_cells import ImportRow, ImportTable
from persistence.rulesets import load_rulesets
from tests.shared_data import shared_rows

KEY = "cup-2026-daytona-500"
RULESET = load_rulesets()["cup-2026"]


def _table(rows: list[dict[str, str]], source: str) -> ImportTable:
    columns = tuple(dict.fromkeys(k for row in rows for k in row))
    return ImportTable(source, columns, tuple(ImportRow(n, r) for n, r in enumerate(rows, 2)))


@pytest.fixture
def official() -> list[dict[str, str]]:
    return shared_rows("cup_2026_daytona500_results.csv")


@pytest.fixture
def daytona(uow_factory: UnitOfWorkFactory, official: list[dict[str, str]]) -> Event:
    track = Track(
        name="Daytona International Speedway", length_millimiles=2500, kind=TrackKind.SUPERSPEEDWAY
    )
    event = Event(
        key=KEY,
        name="Daytona 500",
        series="cup",
        season=2026,
        round_no=1,
        track=track,
        start_date=date(2026, 2, 11),
        end_date=date(2026, 2, 15),
    )
    with uow_factory() as uow:
        uow.tracks.add(track)
        uow.events.add(event)
        for session in daytona_500_sessions(event.id, RULESET):
            uow.sessions.add(session)
        uow.commit()
    entries = [
        {
            "car": row["car"],
            "driver": row["driver"],
            "team": row["team"] or f"{row['driver']} (open)",
            "make": row["make"],
            "guaranteed": "yes" if row["entry"] == "chartered" else "no",
            "oep": "yes" if row["entry"] == "oep" else "no",
            "points_eligible": row["points_eligible"],
        }
        for row in official
    ]
    imports.import_entries(uow_factory(), KEY, _table(entries, "entries.csv"))
    results = [
        {
            key: row[key]
            for key in ("finish", "start", "car", "driver", "status", "laps", "laps_led")
        }
        | {"stage_points": row["stage_points"], "fastest_lap": row["fastest_lap"]}
        for row in official
    ]
    imports.import_results(uow_factory(), KEY, _table(results, "daytona500.csv"))
    # The file gives each driver's Duel points, not which Duel: each value 10…1 was scored by
    # two drivers, one per Duel, so the first (by race finish) is put in Duel 1.
    duels: dict[str, list[dict[str, str]]] = {duel: [] for duel in DUELS}
    for row in official:
        points = int(row["duel_points"])
        if points:
            place = str(11 - points)
            taken = any(r["finish"] == place for r in duels[DUELS[0]])
            duels[DUELS[1] if taken else DUELS[0]].append({"finish": place, "car": row["car"]})
    for duel, rows in duels.items():
        imports.import_results(uow_factory(), KEY, _table(rows, f"{duel}.csv"), session_name=duel)
    return event


def _standings(uow_factory: UnitOfWorkFactory):
    return season_standings(uow_factory(), "cup", 2026, RULESET)


def test_every_driver_scores_the_official_race_points(
    uow_factory: UnitOfWorkFactory, daytona: Event, official: list[dict[str, str]]
) -> None:
    standings = _standings(uow_factory)
    race_points = {}
    for row in standings.drivers:
        race = [line for line in row.breakdown if line.session_name == "Race"]
        race_points[row.name] = sum(line.total for line in race)
    eligible = [row for row in official if row["points_eligible"] == "yes"]
    assert race_points == {row["driver"]: int(row["official_points"]) for row in eligible}
    assert "Jimmie Johnson" not in race_points and "Corey Heim" not in race_points
    owners = {row.car_number: row for row in standings.owners}
    assert owners["84"].points == 0  # the OEP car earns nothing, for its owner either
    assert (race_points["Shane van Gisbergen"], race_points["Denny Hamlin"]) == (8, 7)


def test_the_oep_car_scores_nothing_and_shifts_the_cars_behind_it_one_place(
    uow_factory: UnitOfWorkFactory, daytona: Event
) -> None:
    lines = {
        row.name: next(line for line in row.breakdown if line.session_name == "Race")
        for row in _standings(uow_factory).drivers
    }
    assert (lines["Shane van Gisbergen"].position, lines["Shane van Gisbergen"].finish) == (30, 8)
    assert (lines["Ryan Blaney"].position, lines["Ryan Blaney"].finish) == (
        27,
        10,
    )  # ahead: unshifted
    assert (lines["B.J. McLeod"].position, lines["B.J. McLeod"].finish) == (41, 1)


def test_duel_points_are_lines_of_their_own_summing_to_110_and_count_in_the_standings(
    uow_factory: UnitOfWorkFactory, daytona: Event, official: list[dict[str, str]]
) -> None:
    standings = _standings(uow_factory)
    duel = {
        row.name: sum(line.duel for line in row.breakdown if line.session_name in DUELS)
        for row in standings.drivers
    }
    assert sum(duel.values()) == 110
    eligible = [row for row in official if row["points_eligible"] == "yes"]
    assert duel == {row["driver"]: int(row["duel_points"]) for row in eligible}
    totals = {row.name: row.points for row in standings.drivers}
    assert totals == {
        row["driver"]: int(row["official_points"]) + int(row["duel_points"]) for row in eligible
    }
    # The Duels are not starts: each driver has one start, the 500.
    assert {row.starts for row in standings.drivers} == {1}
    reddick = next(row for row in standings.drivers if row.name == "Tyler Reddick")
    assert (reddick.points, reddick.wins) == (58, 1)


def test_the_race_sheet_shows_the_official_driver_points_and_the_owners_of_i_cars_score(
    uow_factory: UnitOfWorkFactory, daytona: Event, official: list[dict[str, str]]
) -> None:
    sheet = race_sheet(uow_factory(), daytona.id, RULESET)
    shown = {row.result.car_number: row.points.driver_total for row in sheet.rows}
    assert shown == {row["car"]: int(row["official_points"]) for row in official}
    owners = {row.result.car_number: row.points.owner_total for row in sheet.rows}
    # Heim's No. 67 is 28th, ahead of the OEP car: its owner scores the 28th place's 9.
    assert (owners["67"], owners["84"], owners["97"]) == (9, 0, 8)
