"""2026 race weekends as the rules see them: the Daytona 500's time trials and Duels, the
declared OEP, Truck's manufacturer provisional, per-event stages, exhibitions, renumbered cars
and the fastest-lap garage clause (RULES-2026.md)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from domain.model import (
    DUELS,
    RACE,
    Driver,
    Entry,
    Event,
    Lap,
    RaceResult,
    SessionKind,
    Track,
    TrackKind,
)
from domain.rules.duels import daytona_500_sessions
from domain.rules.field import DuelFinish, FieldEvent, FieldStatus, set_field
from domain.rules.qualifying import qualifying_order
from domain.rules.standings import SeasonScores, owner_rank_by_car
from domain.ruleset import OepRule, PointsRules
from tests.domain.rulesets_for_tests import CUP_2025, TRUCK_2023

T0 = datetime(2026, 2, 11, 20, 0, tzinfo=UTC)
_FINISH_2026 = (55, *range(35, 0, -1))

CUP_2026 = dataclasses.replace(
    CUP_2025,
    key="cup-2026",
    season=2026,
    name="NASCAR Cup Series 2026",
    field=dataclasses.replace(CUP_2025.field, oep_rule=OepRule.LOCKED_IN),
    points=dataclasses.replace(
        CUP_2025.points,
        finish=_FINISH_2026,
        win_playoff_points=0,
        stage_win_playoff_points=0,
        regular_season_bonus=(),
        oep_shift=True,
        fastest_lap_garage_clause=True,
        duel=tuple(range(10, 0, -1)),
    ),
)

CHARTERS = [str(n) for n in range(1, 37)]  # 36 chartered cars; No. 8 wins the pole, No. 19 2nd
OPEN = {
    "67": "Corey Heim",
    "40": "Justin Allgaier",
    "66": "Casey Mears",
    "78": "B.J. McLeod",
    "01": "Corey LaJoie",
    "02": "Chandler Smith",
    "62": "Anthony Alfredo",
    "44": "J.J. Yeley",
}


def _entry(event_id, car: str, **flags: object) -> Entry:
    return Entry(
        event_id=event_id,
        car_number=car,
        driver_id=uuid4(),
        team="Team",
        owner="Owner",
        make=str(flags.pop("make", "Chevrolet")),
        **flags,  # type: ignore[arg-type]
    )


def _daytona(duels: tuple[tuple[DuelFinish, ...], ...]):
    event_id = uuid4()
    sessions = daytona_500_sessions(event_id, CUP_2026)
    round1, final = (s for s in sessions if s.kind is SessionKind.QUALIFYING)
    entries = [_entry(event_id, car, guaranteed=True) for car in CHARTERS]
    entries += [_entry(event_id, car) for car in OPEN]
    entries.append(_entry(event_id, "84", oep=True))  # Jimmie Johnson, declared
    # Time trials: the charters 49.000 s up, then Heim and Allgaier the fastest open cars;
    # the final round: No. 8 on pole, No. 19 second.
    round1_order = ["8", "19", *[c for c in CHARTERS if c not in ("8", "19")][:8]]
    round1_order += ["67", "40", *[c for c in CHARTERS if c not in round1_order]]
    round1_order += ["66", "01", "84", "62", "02", "78", "44"]
    laps = [
        Lap(
            session_id=round1.id,
            car_number=car,
            lap_ms=49_000 + 10 * place,
            logged_at=T0 + timedelta(seconds=place),
        )
        for place, car in enumerate(round1_order)
    ]
    laps += [
        Lap(
            session_id=final.id,
            car_number=car,
            lap_ms=48_900 + 10 * place,
            logged_at=T0 + timedelta(hours=1, seconds=place),
        )
        for place, car in enumerate(round1_order[:10])
    ]
    runs = qualifying_order(sessions, laps, CUP_2026.field.tie_break, {})
    return set_field(
        entries, runs, CUP_2026, {}, driver_names=OPEN, event=FieldEvent(round_no=1, duels=duels)
    )


def _duel(*cars: str, disqualified: str = "") -> tuple[DuelFinish, ...]:
    return tuple(
        DuelFinish(car, place, disqualified=car == disqualified)
        for place, car in enumerate(cars, start=1)
    )


# Duel 1: No. 8 wins; Mears is the best open car not yet in (3rd), LaJoie behind him.
DUEL_1 = _duel("8", "67", "66", "3", "01", "84", "5", "7", "9", "11", "13", "15")
# Duel 2: Alfredo crosses the line as the best open car but is disqualified: McLeod races in.
DUEL_2 = _duel(
    "19", "62", "4", "78", "40", "02", "44", "6", "10", "12", "14", "16", disqualified="62"
)


def test_the_daytona_500_takes_two_open_cars_on_time_and_one_from_each_duel() -> None:
    result = _daytona((DUEL_1, DUEL_2))
    status = {row.car_number: row.status for row in result.rows}
    assert (status["67"], status["40"]) == (FieldStatus.ON_SPEED, FieldStatus.ON_SPEED)
    assert (status["66"], status["78"]) == (FieldStatus.DUEL, FieldStatus.DUEL)
    assert status["84"] is FieldStatus.OEP
    assert sorted(row.car_number for row in result.dnq) == ["01", "02", "44", "62"]
    assert result.starting_field == 41
    mcleod = next(row for row in result.rows if row.car_number == "78")
    assert mcleod.reason == (
        "Races in from Duel 2: 4th, the best-finishing open car not already in."
    )
    alfredo = next(row for row in result.rows if row.car_number == "62")
    assert "was disqualified in Duel 2" in alfredo.reason


def test_time_trials_set_the_front_row_and_the_duels_set_rows_3_on_inside_and_outside() -> None:
    lineup = [row.car_number for row in _daytona((DUEL_1, DUEL_2)).lineup]
    assert lineup[:2] == ["8", "19"]  # the time trials' final round
    # Duel 1's order (without the front row) on the inside, Duel 2's on the outside.
    assert lineup[2:10] == ["67", "4", "66", "78", "3", "40", "84", "6"]
    assert len(lineup) == 41 and len(set(lineup)) == 41


def test_before_the_duels_the_open_spots_go_by_time_and_the_board_says_so() -> None:
    result = _daytona(((), ()))
    in_on_time = [row for row in result.rows if row.reason.startswith("In on time")]
    assert [row.car_number for row in in_on_time] == ["66", "01"]
    assert all("until the Duels are run" in row.reason for row in in_on_time)
    assert result.starting_field == 41


def test_the_daytona_500_event_gets_time_trials_both_duels_and_the_race() -> None:
    sessions = daytona_500_sessions(uuid4(), CUP_2026)
    names = [(s.kind, s.name, s.round_no) for s in sessions]
    assert names == [
        (SessionKind.PRACTICE, "Practice", 1),
        (SessionKind.QUALIFYING, "Qualifying Round 1", 1),
        (SessionKind.QUALIFYING, "Qualifying Final", 2),
        (SessionKind.RACE, "Duel 1", 1),
        (SessionKind.RACE, "Duel 2", 1),
        (SessionKind.RACE, "Race", 1),
    ]
    assert [s.order for s in sessions] == [1, 2, 3, 4, 5, 6]


def test_a_locked_in_oep_car_starts_even_when_slower_than_every_open_car() -> None:
    event_id = uuid4()
    entries = [_entry(event_id, str(n), guaranteed=True) for n in range(1, 4)]
    entries += [_entry(event_id, "50"), _entry(event_id, "51"), _entry(event_id, "84", oep=True)]
    pack = dataclasses.replace(
        CUP_2026,
        field=dataclasses.replace(
            CUP_2026.field, starting_field=4, guaranteed_spots=3, oep_min_entries=0
        ),
    )
    session = daytona_500_sessions(event_id, pack)[1]
    times = {"1": 30_000, "2": 30_010, "3": 30_020, "50": 30_030, "51": 30_040, "84": 31_000}
    laps = [
        Lap(session_id=session.id, car_number=car, lap_ms=ms, logged_at=T0)
        for car, ms in times.items()
    ]
    runs = qualifying_order([session], laps, pack.field.tie_break, {})
    result = set_field(entries, runs, pack, {}, driver_names={})
    assert [row.car_number for row in result.dnq] == ["51"]  # the OEP never takes an open spot
    assert next(r for r in result.rows if r.car_number == "84").status is FieldStatus.OEP
    assert result.starting_field == 5


def _truck_field(round_no: int):
    pack = dataclasses.replace(
        TRUCK_2023,
        field=dataclasses.replace(
            TRUCK_2023.field,
            starting_field=4,
            owner_points_provisionals=1,
            past_champion_provisionals=0,
            manufacturer_provisionals=2,
            manufacturer_provisional_events=3,
            new_manufacturers=("Ram",),
        ),
    )
    event_id = uuid4()
    makes = {"1": "Toyota", "2": "Ford", "3": "Chevrolet", "4": "Toyota"}
    makes |= {"5": "Ram", "6": "Ram", "7": "Ram", "8": "Ford"}
    entries = [_entry(event_id, car, make=make) for car, make in makes.items()]
    session = daytona_500_sessions(event_id, pack)[1]
    laps = [
        Lap(session_id=session.id, car_number=car, lap_ms=30_000 + 10 * int(car), logged_at=T0)
        for car in makes
        if car != "7"  # the No. 7 Ram sets no time
    ]
    ranks = {"8": 1, "7": 2}
    runs = qualifying_order([session], laps, pack.field.tie_break, ranks)
    return set_field(
        entries, runs, pack, ranks, driver_names={}, event=FieldEvent(round_no=round_no)
    )


def test_a_new_makes_trucks_take_the_spots_beyond_the_field_by_first_round_speed() -> None:
    result = _truck_field(round_no=3)
    status = {row.car_number: row.status for row in result.rows}
    # 3 on speed (Nos. 1-3), the owner-points provisional to No. 8, then two Ram spots: the
    # faster No. 5 and No. 6; the No. 7 Ram without a time stays out, as does the No. 4 Toyota.
    assert status["8"] is FieldStatus.PROVISIONAL
    assert (status["5"], status["6"]) == (FieldStatus.MANUFACTURER, FieldStatus.MANUFACTURER)
    assert sorted(row.car_number for row in result.dnq) == ["4", "7"]
    assert [row.car_number for row in result.lineup][-2:] == ["5", "6"]
    assert result.starting_field == 6


def test_after_the_first_three_events_the_manufacturer_provisional_is_gone() -> None:
    result = _truck_field(round_no=4)
    assert all(row.status is not FieldStatus.MANUFACTURER for row in result.rows)
    assert result.starting_field == 4


TRACK = Track(name="Charlotte Motor Speedway", length_millimiles=1500, kind=TrackKind.OVAL)


def _event(round_no: int, **overrides: object) -> Event:
    return Event(
        key=f"cup-2026-r{round_no}",
        name=f"Round {round_no}",
        series="cup",
        season=2026,
        round_no=round_no,
        track=TRACK,
        start_date=date(2026, 5, 24),
        end_date=date(2026, 5, 24),
        **overrides,  # type: ignore[arg-type]
    )


def _scores(events, results, entries, rules: PointsRules = CUP_2026.points) -> SeasonScores:
    return SeasonScores(events, results, entries, [], rules)


def test_the_coca_cola_600_scores_a_third_stage_and_an_exhibition_pays_nothing() -> None:
    driver = Driver(name="Kyle Larson")
    six_hundred = _event(13, stages_scored=3)
    all_star = _event(12, points_paying=False)
    ordinary = _event(14)
    events = [all_star, six_hundred, ordinary]
    entries = [_entry(e.id, "5") for e in events]
    results = [
        RaceResult(
            event_id=e.id,
            car_number="5",
            driver_id=driver.id,
            finish=1,
            stage1=1,
            stage2=1,
            stage3=1,
        )
        for e in events
    ]
    rows = _scores(events, results, entries).drivers([driver])
    lines = {line.round_no: line for line in rows[0].breakdown}
    assert set(lines) == {13, 14}  # the All-Star Race is not in the standings
    assert (lines[13].stages, lines[13].stage3, lines[13].total) == (30, 10, 85)
    assert (lines[14].stages, lines[14].stage3, lines[14].total) == (20, 0, 75)
    assert (rows[0].starts, rows[0].wins) == (2, 2)


def test_a_renumbered_car_keeps_its_owner_points_through_the_entry_it_carries() -> None:
    # RCR ran the No. 33 in the No. 8's place after race 12: the No. 33 carries No. 8's points.
    busch, dillon = Driver(name="Kyle Busch"), Driver(name="Austin Dillon")
    first, second, third = _event(12), _event(13), _event(14)
    entries = [
        _entry(first.id, "8"),
        _entry(first.id, "3"),
        _entry(second.id, "33", owner_key="8"),
        _entry(second.id, "3"),
        _entry(third.id, "33", owner_key="8"),
        _entry(third.id, "3"),
    ]

    def result(event: Event, car: str, driver: Driver, finish: int) -> RaceResult:
        return RaceResult(event_id=event.id, car_number=car, driver_id=driver.id, finish=finish)

    results = [
        result(first, "8", busch, 1),
        result(first, "3", dillon, 2),
        result(second, "33", busch, 2),
        result(second, "3", dillon, 3),
    ]
    scores = _scores([first, second, third], results, entries)
    owners = {row.owner_key: row for row in scores.owners()}
    assert set(owners) == {"8", "3"}
    assert (owners["8"].car_number, owners["8"].points) == ("33", 55 + 35)
    before_third = scores.owners(through_round=13)
    this_weekend = [e for e in entries if e.event_id == third.id]
    assert owner_rank_by_car(before_third, this_weekend) == {"33": 1, "3": 2}


def test_a_car_repaired_in_the_garage_loses_the_fastest_lap_point_where_the_pack_says_so() -> None:
    driver = Driver(name="Carson Hocevar")
    event = _event(1)
    entries = [_entry(event.id, "77")]
    results = [
        RaceResult(
            event_id=event.id,
            car_number="77",
            driver_id=driver.id,
            finish=18,
            fastest_lap=True,
            garage_repair=True,
        )
    ]
    with_clause = _scores([event], results, entries).drivers([driver])[0]
    without = dataclasses.replace(CUP_2026.points, fastest_lap_garage_clause=False)
    before_2026 = _scores([event], results, entries, without).drivers([driver])[0]
    assert (with_clause.points, before_2026.points) == (19, 20)


def test_duel_results_are_lines_of_their_own_and_never_a_start() -> None:
    driver = Driver(name="Joey Logano")
    event = _event(1)
    entries = [_entry(event.id, "22")]
    results = [
        RaceResult(event_id=event.id, car_number="22", driver_id=driver.id, finish=3),
        RaceResult(
            event_id=event.id, car_number="22", driver_id=driver.id, finish=1, session_name=DUELS[0]
        ),
    ]
    row = _scores([event], results, entries).drivers([driver])[0]
    assert (row.points, row.starts, row.wins) == (34 + 10, 1, 0)
    assert [(line.session_name, line.duel, line.total) for line in row.breakdown] == [
        (DUELS[0], 10, 10),
        (RACE, 0, 34),
    ]


def test_a_driver_disqualified_from_a_duel_scores_no_duel_points() -> None:
    alfredo, mcleod = Driver(name="Anthony Alfredo"), Driver(name="B.J. McLeod")
    event = _event(1)
    entries = [_entry(event.id, "62"), _entry(event.id, "78")]
    results = [
        RaceResult(
            event_id=event.id,
            car_number="62",
            driver_id=alfredo.id,
            finish=6,
            status="Disqualified",
            session_name=DUELS[1],
        ),
        RaceResult(
            event_id=event.id, car_number="78", driver_id=mcleod.id, finish=9, session_name=DUELS[1]
        ),
    ]
    rows = {
        row.name: row.points
        for row in _scores([event], results, entries).drivers([alfredo, mcleod])
    }
    assert rows == {"Anthony Alfredo": 0, "B.J. McLeod": 2}
