"""Driver and owner standings: the 2023 Truck season, substitutes, countback, penalties, speed."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from domain.model import Driver, Entry, Event, Penalty, RaceResult, Track, TrackKind
from domain.rules.standings import (
    SeasonScores,
    StandingRow,
    driver_standings,
    owner_standings,
    points_progression,
)
from tests.domain.rulesets_for_tests import CUP_2025, TRUCK_2023
from tests.domain.truck_2023 import Season, load_season, with_world_wide_technology

TRUCK = TRUCK_2023.points
TRACK = Track(name="Test Oval", length_millimiles=1500, kind=TrackKind.OVAL)


def drivers_of(season: Season) -> list[StandingRow]:
    return driver_standings(
        season.events, season.results, season.entries, season.penalties, TRUCK, season.drivers
    )


def owners_of(season: Season) -> list[StandingRow]:
    return owner_standings(season.events, season.results, season.entries, season.penalties, TRUCK)


def row_of(rows: list[StandingRow], driver: Driver) -> StandingRow:
    (found,) = [row for row in rows if row.driver_id == driver.id]
    return found


def make_events(count: int) -> list[Event]:
    return [
        Event(
            key=f"test-{n}",
            name=f"Race {n}",
            series="truck",
            season=2023,
            round_no=n,
            track=TRACK,
            start_date=date(2023, 1, 1) + timedelta(weeks=n),
            end_date=date(2023, 1, 1) + timedelta(weeks=n),
        )
        for n in range(1, count + 1)
    ]


def placed(event: Event, places: dict[Driver, int], cars: dict[Driver, str]) -> list[RaceResult]:
    return [
        RaceResult(event_id=event.id, car_number=cars[d], driver_id=d.id, finish=finish)
        for d, finish in places.items()
    ]


def test_heim_leads_majeski_by_26_points_after_race_11() -> None:
    season = load_season()
    rows = drivers_of(season)

    heim, majeski = (
        row_of(rows, season.driver("Corey Heim")),
        row_of(rows, season.driver("Ty Majeski")),
    )

    assert (heim.position, heim.points) == (1, 425)
    assert (majeski.position, majeski.points, majeski.behind_leader) == (2, 399, 26)


def test_majeski_has_8_top_tens_to_heims_9_and_the_series_best_6_top_fives() -> None:
    season = load_season()
    rows = drivers_of(season)

    majeski = row_of(rows, season.driver("Ty Majeski"))

    assert (majeski.top10, row_of(rows, season.driver("Corey Heim")).top10) == (8, 9)
    assert majeski.top5 == 6
    assert all(row.top5 < 6 for row in rows if row is not majeski)


def test_ineligible_drivers_are_left_out_of_the_driver_standings() -> None:
    season = load_season()

    names = {row.name for row in drivers_of(season)}

    assert "Kyle Busch" not in names
    assert {"Jason White (No. 1)", "Jason White (No. 34)"} <= names


def test_kyle_busch_as_an_ineligible_winner_scores_nothing_but_the_no_51_owner_scores_40() -> None:
    # "(i)" rows in the sheet carry no stage figures, so the owner is credited with finish points.
    season = load_season()
    las_vegas = season.event(2).id

    (no_51,) = [row for row in owners_of(season) if row.car_number == "51"]
    (line,) = [line for line in no_51.breakdown if line.event_id == las_vegas]

    assert (line.position, line.total) == (1, 40)
    assert season.driver("Kyle Busch").id not in {row.driver_id for row in drivers_of(season)}


def test_the_no_11s_owner_scores_loves_points_while_heim_scores_nothing_at_wwt() -> None:
    season = with_world_wide_technology(load_season())
    wwt = season.event(12).id
    drivers, owners = drivers_of(season), owners_of(season)

    heim, love = (
        row_of(drivers, season.driver("Corey Heim")),
        row_of(drivers, season.driver("Jesse Love")),
    )
    (no_11,) = [row for row in owners if row.car_number == "11"]
    love_line = love.breakdown[0]

    assert (heim.points, heim.starts) == (425, 11)
    assert (love_line.event_id, love_line.car_number, love_line.position) == (wwt, "11", 2)
    assert no_11.breakdown[-1].total == love.points == 54
    assert no_11.points == 425 + 54
    assert (no_11.name, no_11.owner) == ("No. 11 Tricon Garage", "David Gilliland")


def test_breidinger_scores_for_herself_in_the_no_1_on_her_second_start() -> None:
    season = with_world_wide_technology(load_season())

    breidinger = row_of(drivers_of(season), season.driver("Toni Breidinger"))

    assert breidinger.starts == 2
    assert [line.position for line in breidinger.breakdown] == [15, 14]


def tied_pair(first: tuple[int, int], second: tuple[int, int]) -> list[StandingRow]:
    """Two drivers over two races; `first` and `second` are their finishes."""
    events = make_events(2)
    a, b = Driver(name="Ann Able"), Driver(name="Bea Best")
    cars = {a: "7", b: "8"}
    results = [
        result
        for n, event in enumerate(events)
        for result in placed(event, {a: first[n], b: second[n]}, cars)
    ]
    return driver_standings(events, results, [], [], TRUCK, [b, a])


def test_a_points_tie_goes_to_the_driver_with_more_wins() -> None:
    rows = tied_pair(first=(10, 1), second=(2, 5))  # 27 + 40 against 35 + 32

    assert rows[0].points == rows[1].points == 67
    assert [row.name for row in rows] == ["Ann Able", "Bea Best"]


def test_a_points_tie_without_wins_goes_to_the_driver_with_more_seconds() -> None:
    rows = tied_pair(first=(3, 3), second=(4, 2))  # 34 + 34 against 33 + 35

    assert rows[0].points == rows[1].points == 68
    assert [row.name for row in rows] == ["Bea Best", "Ann Able"]


def test_a_disqualified_winner_loses_the_win_and_the_runner_up_inherits_it() -> None:
    (event,) = make_events(1)
    a, b = Driver(name="Ann Able"), Driver(name="Bea Best")
    results = placed(event, {a: 1, b: 2}, {a: "11", b: "9"})
    dq = Penalty(event_id=event.id, car_number="11", disqualified=True, reason="DQ")

    rows = driver_standings([event], results, [], [dq], TRUCK, [a, b])

    assert [(row.name, row.wins, row.points) for row in rows] == [
        ("Bea Best", 1, 40),
        ("Ann Able", 0, 1),
    ]


def test_a_penalty_for_a_car_without_a_result_still_deducts_driver_and_owner_points() -> None:
    events = make_events(2)
    a = Driver(name="Ann Able")
    results = placed(events[0], {a: 1}, {a: "5"})
    late = Penalty(
        event_id=events[1].id,
        car_number="5",
        driver_id=a.id,
        driver_points=15,
        owner_points=20,
        reason="L2 at pre-race inspection",
    )

    (driver,) = driver_standings(events, results, [], [late], TRUCK, [a])
    (owner,) = owner_standings(events, results, [], [late], TRUCK)

    assert (driver.points, driver.starts, owner.points) == (25, 1, 20)
    assert driver.breakdown[-1].position is None


def test_points_progression_is_cumulative_and_ends_at_the_standings_points() -> None:
    season = load_season()
    rows = drivers_of(season)

    progression = points_progression(
        season.events, season.results, season.entries, season.penalties, TRUCK
    )

    heim = progression[season.driver("Corey Heim").id]
    assert len(heim) == 11
    assert heim[0] == 29 and heim[-1] == 425
    assert all(progression[row.driver_id][-1] == row.points for row in rows)


def test_a_full_38_race_season_of_40_cars_ranks_every_driver_and_owner() -> None:
    """The season size of DESIGN §6; its speed is measured in bench/, not here."""
    events = make_events(38)
    field = [Driver(name=f"Driver {n}") for n in range(40)]
    results = [
        RaceResult(
            event_id=event.id,
            car_number=str(i),
            driver_id=d.id,
            finish=(i + event.round_no) % 40 + 1,
            stage1=(i * 3 + event.round_no) % 40 + 1,
            stage2=(i * 7 + event.round_no) % 40 + 1,
        )
        for event in events
        for i, d in enumerate(field)
    ]

    drivers = driver_standings(events, results, [], [], TRUCK, field)
    owners = owner_standings(events, results, [], [], TRUCK)

    assert [row.position for row in drivers] == list(range(1, 41))
    assert all(row.starts == 38 and len(row.breakdown) == 38 for row in drivers)
    assert sorted(row.points for row in owners) == sorted(row.points for row in drivers)


Car = tuple[RaceResult, Entry, list[Penalty]]
SeasonValues = tuple[list[Event], list[RaceResult], list[Entry], list[Penalty], list[Driver]]
POSITIONS = st.none() | st.integers(min_value=1, max_value=12)


@st.composite
def car_in_race(draw: st.DrawFn, event: Event, driver: Driver, car: str, finish: int) -> Car:
    """A result with random stages, "(i)" flag, fastest lap and perhaps a penalty or a DQ."""
    ids = {"event_id": event.id, "car_number": car, "driver_id": driver.id}
    result = RaceResult(
        **ids,
        finish=finish,
        stage1=draw(POSITIONS),
        stage2=draw(POSITIONS),
        fastest_lap=draw(st.booleans()),
    )
    entry = Entry(**ids, team="T", owner="O", make="M", points_eligible=draw(st.booleans()))
    penalties = draw(
        st.lists(
            st.builds(
                Penalty,
                **{key: st.just(value) for key, value in ids.items()},
                reason=st.just("test"),
                driver_points=st.integers(0, 50),
                owner_points=st.integers(0, 50),
                disqualified=st.booleans(),
            ),
            max_size=1,
        )
    )
    return result, entry, penalties


@st.composite
def seasons(draw: st.DrawFn) -> SeasonValues:
    events = make_events(draw(st.integers(min_value=1, max_value=4)))
    field = [Driver(name=f"D{n}") for n in range(draw(st.integers(min_value=2, max_value=6)))]
    results, entries, penalties = [], [], []
    for event in events:
        order = draw(st.permutations(field))
        for finish, driver in enumerate(order, start=1):
            result, entry, own = draw(car_in_race(event, driver, str(field.index(driver)), finish))
            results.append(result)
            entries.append(entry)
            penalties.extend(own)
    return events, results, entries, penalties, field


@given(seasons())
def test_standings_points_equal_the_sum_of_each_rows_breakdown(season: SeasonValues) -> None:
    events, results, entries, penalties, field = season

    rules = CUP_2025.points  # pays the fastest-lap bonus
    rows = [
        *driver_standings(events, results, entries, penalties, rules, field),
        *owner_standings(events, results, entries, penalties, rules),
    ]

    assert rows
    for row in rows:
        assert row.points == sum(line.total for line in row.breakdown)
        for line in row.breakdown:
            assert line.total == line.stages + line.finish + line.bonus - line.penalty


def test_one_scoring_of_the_season_gives_the_standings_after_any_round() -> None:
    season = load_season()
    scores = SeasonScores(season.events, season.results, season.entries, season.penalties, TRUCK)
    for round_no in (1, 6, 11):
        earlier = [e for e in season.events if e.round_no <= round_no]
        ids = {e.id for e in earlier}
        facts = (
            earlier,
            [r for r in season.results if r.event_id in ids],
            [e for e in season.entries if e.event_id in ids],
            [p for p in season.penalties if p.event_id in ids],
            TRUCK,
        )
        drivers = scores.drivers(season.drivers, through_round=round_no)
        assert drivers == driver_standings(*facts, season.drivers)
        assert scores.owners(through_round=round_no) == owner_standings(*facts)
