"""Who may start: Cup drivers' start limits and bars, the Truck championship bar, minimum age.

The rules are built here in Python from RULES-2026.md and rule_sources_2026.csv (O'Reilly 2026:
10 starts, 17 at road courses and ovals of 1.25 mi or less, 18 elsewhere), never read from the
shipped packs; the Hypothesis property counts a driver's starts naively, without the code's
reader.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from domain import services
from domain.errors import ValidationError
from domain.model import Entry, Event, RaceResult, Track, TrackKind
from domain.rules.eligibility import (
    CupDriverStarts,
    age_on,
    cup_driver_breach,
    minimum_age_at,
)
from domain.ruleset import EligibilityRules, RuleSet
from domain.services import imports
from domain.services.eligibility import starts_elsewhere
from domain.services.import_cells import ImportRow, ImportTable
from tests.domain.rulesets_for_tests import TRUCK_2023, XFINITY_2023
from tests.fakes import FakeStore, fake_uow_factory

OREILLY = EligibilityRules(
    cup_driver_starts=10,
    cup_drivers_barred_from_finale=True,
    cup_drivers_barred_from_postseason=True,
    minimum_age=18,
    minimum_age_at_small_tracks=17,
    small_track_max_millimiles=1250,
    small_track_kinds=frozenset({TrackKind.ROAD}),
)
# O'Reilly 2026: 24 regular-season races, 33 in all (RULES-2026.md).
OREILLY_2026 = replace(
    XFINITY_2023,
    key="xfinity-2026",
    season=2026,
    name="NASCAR O'Reilly Auto Parts Series 2026",
    postseason=replace(XFINITY_2023.postseason, regular_season_races=24, season_races=33),
    eligibility=OREILLY,
)
TRUCK_2026 = replace(
    TRUCK_2023,
    key="truck-2026",
    season=2026,
    name="NASCAR Craftsman Truck Series 2026",
    postseason=replace(TRUCK_2023.postseason, regular_season_races=18, season_races=25),
    eligibility=EligibilityRules(cup_driver_starts=8, championship_race_barred_series=("xfinity",)),
)
PHOENIX = Track(name="Phoenix Raceway", length_millimiles=1000, kind=TrackKind.OVAL)
CHARLOTTE = Track(name="Charlotte Motor Speedway", length_millimiles=1500, kind=TrackKind.OVAL)
WATKINS = Track(name="Watkins Glen International", length_millimiles=2450, kind=TrackKind.ROAD)


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2008, 5, 1), date(2026, 5, 1), 18),  # the birthday itself counts
        (date(2008, 5, 2), date(2026, 5, 1), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # a leap-day birthday comes on March 1
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on_race_day_counts_whole_years(born: date, day: date, age: int) -> None:
    assert age_on(born, day) == age


@pytest.mark.parametrize(
    ("track", "minimum"),
    [
        (PHOENIX, 17),  # an oval of 1.25 mi or less
        (replace(PHOENIX, length_millimiles=1250), 17),
        (replace(PHOENIX, length_millimiles=1251), 18),
        (CHARLOTTE, 18),
        (WATKINS, 17),  # a road course of any length
    ],
)
def test_the_oreilly_minimum_age_is_17_at_road_courses_and_small_ovals(
    track: Track, minimum: int
) -> None:
    assert minimum_age_at(track, OREILLY) == minimum


def test_a_pack_without_a_minimum_age_has_none() -> None:
    assert minimum_age_at(CHARLOTTE, EligibilityRules()) is None


@pytest.mark.parametrize(
    ("rounds", "race", "why"),
    [
        ((1, 2), 24, "regular-season finale"),
        ((), 25, "postseason race"),
        ((), 33, "postseason race"),
        (tuple(range(1, 11)), 12, "start 11 of the season, and Cup drivers may make 10"),
    ],
)
def test_a_cup_driver_is_kept_out_of_the_finale_the_chase_and_an_eleventh_start(
    rounds: tuple[int, ...], race: int, why: str
) -> None:
    breach = cup_driver_breach(CupDriverStarts(rounds, race), OREILLY, OREILLY_2026.postseason)
    assert breach is not None and why in breach


def test_a_cup_drivers_tenth_start_before_the_finale_is_allowed() -> None:
    starts = CupDriverStarts(tuple(range(1, 10)), 23)
    assert cup_driver_breach(starts, OREILLY, OREILLY_2026.postseason) is None


class Season:
    """A series' season in the fake store, one event per round."""

    def __init__(self, ruleset: RuleSet, rounds: int, track: Track = PHOENIX) -> None:
        self.store = FakeStore()
        self.uow = fake_uow_factory(self.store)
        self.ruleset = ruleset
        self.events: dict[int, Event] = {}
        with self.uow() as uow:
            uow.tracks.add(track)
            for round_no in range(1, rounds + 1):
                event = self.event(ruleset, round_no, track)
                uow.events.add(event)
                self.events[round_no] = event
            uow.commit()

    @staticmethod
    def event(ruleset: RuleSet, round_no: int, track: Track) -> Event:
        day = date(ruleset.season, 2, 1 + round_no % 27)
        return Event(
            key=f"{ruleset.key}-r{round_no}",
            name=f"Race {round_no}",
            series=ruleset.series,
            season=ruleset.season,
            round_no=round_no,
            track=track,
            start_date=day,
            end_date=day,
        )

    def enter(self, round_no: int, car: str, driver: str, **options: object):
        entry, _ = services.add_entry(
            self.uow(),
            self.events[round_no].id,
            car,
            driver,
            team="Team",
            make="Chevrolet",
            ruleset=self.ruleset,
            **options,  # type: ignore[arg-type]
        )
        return entry

    def mark(self, name: str, *, cup: tuple[int, ...] = (), born: date | None = None) -> None:
        driver, _ = services.find_or_add_driver(self.uow(), name)
        services.set_driver_eligibility(
            self.uow(), driver.id, birth_date=born, cup_seasons=cup, why="test"
        )


def test_an_eleventh_oreilly_start_of_a_cup_driver_is_refused_naming_the_count_and_limit() -> None:
    season = Season(OREILLY_2026, 12)
    season.mark("Kyle Larson", cup=(2026,))
    for round_no in range(1, 11):
        season.enter(round_no, "88", "Kyle Larson")

    with pytest.raises(ValidationError) as refused:
        season.enter(11, "88", "Kyle Larson")

    message = str(refused.value)
    assert "Kyle Larson is marked a Cup driver for 2026" in message
    assert "start 11 of the season, and Cup drivers may make 10" in message
    assert "races 1, 2, 3, 4, 5, 6, 7, 8, 9, 10" in message
    with season.uow() as uow:
        assert uow.entries.list_for_event(season.events[11].id) == []  # nothing left behind


def test_a_driver_not_marked_for_the_season_has_no_limit() -> None:
    season = Season(OREILLY_2026, 12)
    season.mark("Kyle Larson", cup=(2025,))  # a Cup driver in another season only
    for round_no in range(1, 12):
        season.enter(round_no, "88", "Kyle Larson")


def test_a_withdrawn_entry_is_no_start_and_reinstating_it_is_checked() -> None:
    season = Season(OREILLY_2026, 12)
    season.mark("Kyle Larson", cup=(2026,))
    entries = [season.enter(r, "88", "Kyle Larson") for r in range(1, 11)]
    services.withdraw_entry(season.uow(), entries[0].id)
    season.enter(11, "88", "Kyle Larson")  # ten starts again with race 1 withdrawn

    with pytest.raises(ValidationError, match="start 11 of the season"):
        services.reinstate_entry(season.uow(), entries[0].id, ruleset=OREILLY_2026)


def test_a_cup_driver_cannot_be_substituted_into_the_regular_season_finale() -> None:
    season = Season(OREILLY_2026, 24)
    season.mark("Ross Chastain", cup=(2026,))
    entry = season.enter(24, "1", "Sam Mayer")

    with pytest.raises(ValidationError, match="race 24 is the regular-season finale"):
        services.substitute_driver(season.uow(), entry.id, "Ross Chastain", ruleset=OREILLY_2026)


def test_a_race_with_results_counts_who_raced_not_who_was_entered() -> None:
    season = Season(OREILLY_2026, 12)
    season.mark("Kyle Larson", cup=(2026,))
    larson = [season.enter(r, "88", "Kyle Larson") for r in range(1, 11)]
    other, _ = services.find_or_add_driver(season.uow(), "Carson Kvapil")
    with season.uow() as uow:  # race 1 was run by Kvapil in the No. 88: Larson did not start
        uow.results.add(
            RaceResult(event_id=season.events[1].id, car_number="88", driver_id=other.id, finish=1)
        )
        uow.commit()
    assert larson[0].event_id == season.events[1].id

    season.enter(11, "88", "Kyle Larson")  # his 10th start


def test_an_exhibition_is_no_start_of_the_count() -> None:
    season = Season(OREILLY_2026, 12)
    season.mark("Kyle Larson", cup=(2026,))
    with season.uow() as uow:
        uow.events.update(replace(season.events[1], points_paying=False))
        uow.commit()
    for round_no in range(1, 12):
        season.enter(round_no, "88", "Kyle Larson")


def test_an_under_age_driver_is_refused_with_age_minimum_and_why() -> None:
    season = Season(OREILLY_2026, 2, track=CHARLOTTE)
    season.mark("Brent Crews", born=date(2009, 1, 5))  # 17 on race day in February 2026

    with pytest.raises(ValidationError) as refused:
        season.enter(1, "19", "Brent Crews")

    message = str(refused.value)
    assert "Brent Crews is 17 on race day" in message
    assert "Charlotte Motor Speedway (oval, 1.5 mi)" in message
    assert "minimum there is 18" in message


def test_a_17_year_old_may_start_at_a_small_oval_and_the_import_checks_too() -> None:
    season = Season(OREILLY_2026, 2, track=PHOENIX)
    season.mark("Brent Crews", born=date(2009, 1, 5))
    season.enter(1, "19", "Brent Crews")
    season.mark("Young Driver", born=date(2010, 1, 5))  # 16
    row = {"car": "20", "driver": "Young Driver", "team": "JGR", "make": "Toyota"}
    table = ImportTable("entries.csv", tuple(row), (ImportRow(2, row),))

    with pytest.raises(ValidationError, match="Young Driver is 16 on race day"):
        imports.import_entries(season.uow(), season.events[2].key, table, ruleset=OREILLY_2026)


def test_an_oreilly_points_driver_is_barred_from_the_truck_championship_race() -> None:
    trucks = Season(TRUCK_2026, 25)
    oreilly = Season.event(OREILLY_2026, 1, PHOENIX)
    with trucks.uow() as uow:
        uow.events.add(oreilly)
        uow.commit()
    services.add_entry(
        trucks.uow(), oreilly.id, "7", "Justin Allgaier", team="JRM", make="Chevrolet"
    )
    services.add_entry(
        trucks.uow(), oreilly.id, "17", "Corey Day", team="HMS", make="Chevrolet",
        points_eligible=False,
    )  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        trucks.enter(25, "42", "Justin Allgaier")
    trucks.enter(25, "17", "Corey Day")  # "(i)" there: not an O'Reilly points driver
    trucks.enter(24, "42", "Justin Allgaier")  # only the championship race is closed

    assert "races for driver points in the xfinity 2026 season" in str(refused.value)
    assert "championship race (race 25)" in str(refused.value)


def test_without_a_rule_pack_nobody_is_kept_out() -> None:
    season = Season(OREILLY_2026, 2, track=CHARLOTTE)
    season.mark("Brent Crews", born=date(2012, 1, 5))
    services.add_entry(
        season.uow(), season.events[1].id, "19", "Brent Crews", team="JGR", make="Toyota"
    )


def test_marking_a_cup_driver_and_a_birth_date_is_kept_in_the_history() -> None:
    season = Season(OREILLY_2026, 1)
    season.mark("Kyle Larson", cup=(2026, 2027), born=date(1992, 7, 31))
    with season.uow() as uow:
        driver = uow.drivers.find_by_name("Kyle Larson")[0]
        history = {r.field_name: r.new_value for r in uow.history.newest_first()}
    assert (driver.cup_seasons, driver.birth_date) == (frozenset({2026, 2027}), date(1992, 7, 31))
    assert history["cup seasons"] == "2026, 2027"
    assert history["birth date"] == "1992-07-31"


@pytest.mark.parametrize("year", [1899, 3000])
def test_a_season_outside_the_calendar_is_refused(year: int) -> None:
    season = Season(OREILLY_2026, 1)
    driver, _ = services.find_or_add_driver(season.uow(), "Kyle Larson")
    with pytest.raises(ValidationError, match=f"{year} is not a season"):
        services.set_driver_eligibility(
            season.uow(), driver.id, birth_date=None, cup_seasons=[year]
        )


# The driver's state in each other race: not there, entered, entered then withdrawn, raced
# (a result), entered but the race's results do not have him (he failed to qualify), or the
# race has results and he was never entered.
STATES = ("absent", "entered", "withdrawn", "raced", "did_not_start", "ran_without_him")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    states=st.lists(st.sampled_from(STATES), min_size=6, max_size=6),
    limit=st.integers(min_value=0, max_value=6),
    target=st.integers(min_value=1, max_value=6),
    regular=st.integers(min_value=1, max_value=6),
)
def test_refusal_agrees_with_a_naive_count_of_the_drivers_starts(
    states: list[str], limit: int, target: int, regular: int
) -> None:
    rules = replace(
        OREILLY_2026,
        postseason=replace(OREILLY_2026.postseason, regular_season_races=regular, season_races=6),
        eligibility=replace(OREILLY, cup_driver_starts=limit, minimum_age=None),
    )
    season = Season(rules, 6)
    season.mark("Cup Driver", cup=(2026,))
    cup, _ = services.find_or_add_driver(season.uow(), "Cup Driver")
    other, _ = services.find_or_add_driver(season.uow(), "Someone Else")
    with season.uow() as uow:
        for round_no, state in enumerate(states, start=1):
            event_id = season.events[round_no].id
            if state in ("entered", "withdrawn", "raced", "did_not_start") and round_no != target:
                uow.entries.add(_entry(event_id, cup.id, withdrawn=state == "withdrawn"))
            if state == "raced" and round_no != target:
                uow.results.add(RaceResult(event_id=event_id, car_number="9", driver_id=cup.id,
                                           finish=1))  # fmt: skip
            if state in ("ran_without_him", "did_not_start"):
                uow.results.add(RaceResult(event_id=event_id, car_number="2",
                                           driver_id=other.id, finish=1))  # fmt: skip
        uow.commit()
    # The reference: a start is a race he has a result in, or, in a race without results, an
    # entry of his that has not withdrawn.
    naive_starts = sum(
        1
        for round_no, state in enumerate(states, start=1)
        if round_no != target and state in ("entered", "raced")
    )
    expected_refused = target == regular or target > regular or naive_starts + 1 > limit
    with season.uow() as uow:
        counted = starts_elsewhere(uow, season.events[target], cup.id)
    assert len(counted) == naive_starts

    try:
        season.enter(target, "5", "Cup Driver")
        refused = False
    except ValidationError:
        refused = True

    assert refused == expected_refused


def _entry(event_id, driver_id, *, withdrawn: bool) -> Entry:
    return Entry(
        event_id=event_id, car_number="9", driver_id=driver_id, team="T", owner="T",
        make="Ford", withdrawn=withdrawn,
    )  # fmt: skip
