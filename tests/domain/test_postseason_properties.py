"""On random seasons the production postseason agrees with the naive reference, in both formats.

The seasons are small (a handful of regular-season races, a six-driver field) so Hypothesis can
try many: absences with and without waivers, approved and unapproved absences, top-N cuts,
winners outside the points, ties. The reference (tests/domain/postseason_reference.py) imports
no production rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings, strategies as st

from domain.model import (
    Driver,
    Entry,
    Event,
    RaceResult,
    Track,
    TrackKind,
    Waiver,
    WaiverReason,
    WaiverStatus,
)
from domain.rules.postseason import PostseasonStatus, postseason_standings
from domain.rules.standings import SeasonScores
from domain.ruleset import (
    EliminationRound,
    PostseasonFormat,
    PostseasonRules,
    RuleSet,
    StandingsTiebreak,
)
from tests.domain.postseason_reference import Row, Ruling, reference
from tests.domain.rulesets_for_tests import CUP_2025

FIELD = 6
TRACK = Track(name="Test Oval", length_millimiles=1500, kind=TrackKind.OVAL)


def small_rules(
    format_: PostseasonFormat,
    regular: int,
    eligible_top: int,
    forfeits: bool,
    final_stages: bool,
    tiebreak: StandingsTiebreak,
) -> RuleSet:
    if format_ is PostseasonFormat.CHASE:
        postseason = PostseasonRules(
            format=format_,
            field_size=FIELD,
            regular_season_races=regular,
            season_races=regular + 4,
            eligible_top=eligible_top,
            tiebreak=tiebreak,
            non_medical_waiver_forfeits_playoff_points=False,
            seed_resets=(2100, 2075, 2065, 2060, 2055, 2050),
            unapproved_waiver_start=2000,
        )
        points = replace(
            CUP_2025.points,
            finish=(55, *CUP_2025.points.finish[1:]),
            win_playoff_points=0,
            stage_win_playoff_points=0,
            regular_season_bonus=(),
            fastest_lap=0,
        )
    else:
        postseason = PostseasonRules(
            format=format_,
            field_size=FIELD,
            regular_season_races=regular,
            season_races=regular + 5,
            eligible_top=eligible_top,
            tiebreak=tiebreak,
            non_medical_waiver_forfeits_playoff_points=forfeits,
            rounds=(
                EliminationRound("Round of 6", 6, regular + 2, 2000, True),
                EliminationRound("Round of 4", 4, regular + 4, 3000, True),
                EliminationRound("Final 2", 2, regular + 5, 5000, False),
            ),
            final_round_stage_points=final_stages,
        )
        points = replace(CUP_2025.points, fastest_lap=0)
    return replace(CUP_2025, points=points, postseason=postseason)


@st.composite
def seasons(
    draw: st.DrawFn, complete: bool = False
) -> tuple[RuleSet, list[list[Row]], dict[str, Ruling], int]:
    """A random season, standings asked after a random race (or the last one: `complete`)."""
    format_ = draw(st.sampled_from([PostseasonFormat.CHASE, PostseasonFormat.ELIMINATION]))
    regular = draw(st.integers(2, 5))
    count = draw(st.integers(FIELD + 1, 12))
    names = [f"Driver {chr(65 + i)}" for i in range(count)]
    rules = small_rules(
        format_,
        regular,
        eligible_top=draw(st.integers(FIELD - 1, count)),
        forfeits=draw(st.booleans()),
        final_stages=draw(st.booleans()),
        tiebreak=draw(st.sampled_from(StandingsTiebreak)),
    )
    races: list[list[Row]] = []
    for _ in range(rules.postseason.season_races):
        present = [n for n in names if draw(st.integers(0, 9)) > 0] or names[:1]
        order = draw(st.permutations(present))
        stage1 = {n: i for i, n in enumerate(draw(st.permutations(present)), start=1)}
        stage2 = {n: i for i, n in enumerate(draw(st.permutations(present)), start=1)}
        races.append(
            [
                Row(name, finish, stage1[name], stage2[name])
                for finish, name in enumerate(order, start=1)
            ]
        )
    rulings = {
        name: Ruling(granted=draw(st.booleans()), medical=draw(st.booleans()),
                     approved=draw(st.booleans()))
        for name in names
        if draw(st.integers(0, 3)) == 0
    }  # fmt: skip
    last = rules.postseason.season_races
    after = last if complete else draw(st.sampled_from(range(regular - 1, last + 1)))
    return rules, races, rulings, after


def season_facts(
    races: list[list[Row]], rulings: dict[str, Ruling], rules: RuleSet
) -> tuple[list[Event], list[Driver], list[Entry], list[RaceResult], list[Waiver]]:
    names = sorted({row.driver for race in races for row in race} | set(rulings))
    drivers = {name: Driver(name=name) for name in names}
    events, entries, results = [], [], []
    for number, race in enumerate(races, start=1):
        event = Event(
            key=f"test-{number}", name=f"Race {number}", series=rules.series,
            season=rules.season, round_no=number, track=TRACK,
            start_date=date(2025, 1, 1), end_date=date(2025, 1, 1),
        )  # fmt: skip
        events.append(event)
        for car, row in enumerate(race, start=1):
            driver_id = drivers[row.driver].id
            entries.append(
                Entry(event_id=event.id, car_number=str(car), driver_id=driver_id, team="T",
                      owner="O", make="M")
            )  # fmt: skip
            results.append(
                RaceResult(event_id=event.id, car_number=str(car), driver_id=driver_id,
                           finish=row.finish, stage1=row.stage1, stage2=row.stage2)
            )  # fmt: skip
    waivers = [
        Waiver(
            series=rules.series, season=rules.season, driver_id=drivers[name].id,
            reason=WaiverReason.MEDICAL if ruling.medical else WaiverReason.OTHER,
            status=WaiverStatus.GRANTED if ruling.granted else WaiverStatus.DENIED,
            approved=ruling.approved,
        )
        for name, ruling in rulings.items()
    ]  # fmt: skip
    return events, list(drivers.values()), entries, results, waivers


@settings(max_examples=150, deadline=None)
@given(seasons())
def test_the_postseason_agrees_with_the_naive_reference(
    season: tuple[RuleSet, list[list[Row]], dict[str, Ruling], int],
) -> None:
    _agrees(*season)


@settings(max_examples=60, deadline=None)
@given(seasons(complete=True))
def test_a_completed_season_crowns_the_reference_champion(
    season: tuple[RuleSet, list[list[Row]], dict[str, Ruling], int],
) -> None:
    _agrees(*season)


def _agrees(rules: RuleSet, races: list[list[Row]], rulings: dict[str, Ruling], after: int) -> None:
    expected = reference(races, rules, rulings, after)
    events, drivers, entries, results, waivers = season_facts(races, rulings, rules)
    scores = SeasonScores(events, results, entries, (), rules.points)
    now = scores.drivers(drivers, through_round=after)
    regular = scores.drivers(drivers, through_round=rules.postseason.regular_season_races)
    table = postseason_standings(now, regular, events, results, waivers, rules, after)
    name = {driver.id: driver.name for driver in drivers}

    assert [name[row.driver_id] for row in table.rows] == expected.order
    assert {name[row.driver_id]: row.points for row in table.rows} == expected.totals
    if after < rules.postseason.regular_season_races:
        assert all(row.status is PostseasonStatus.REGULAR_SEASON for row in table.rows)
        return
    assert {name[r.driver_id]: r.seed for r in table.rows if r.seed} == expected.seeds
    assert {
        name[r.driver_id]: r.reset_points for r in table.rows if r.reset_points is not None
    } == expected.resets
    in_statuses = {PostseasonStatus.IN, PostseasonStatus.ADVANCED, PostseasonStatus.CHAMPION}
    assert {name[r.driver_id] for r in table.rows if r.status in in_statuses} == expected.still_in
    eliminated = {name[r.driver_id] for r in table.rows if r.status is PostseasonStatus.ELIMINATED}
    assert eliminated == expected.eliminated
    assert (name[table.champion] if table.champion else None) == expected.champion
