"""The Standings chart's lines follow the season's format: after the regular season a field
driver's line is the table's total (the reset plus the points since), matching the table."""

from __future__ import annotations

import dataclasses

import pytest

from domain import services
from domain.model import Waiver, WaiverReason, WaiverStatus
from domain.rules.postseason import postseason_standings
from domain.rules.progression import shown_progression
from domain.rules.standings import SeasonScores
from domain.ruleset import PostseasonFormat
from tests.chase_2026 import store_cup_2026
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.domain.test_race_weekend_2026 import CUP_2026
from tests.domain.truck_2023_full import FILE_NAME, load_full_season, shared_data_or_skip
from tests.fakes import FakeStore, fake_uow_factory

# RULES-2026.md: the top 16 after race 26 restart at 2,100 / 2,075 / 2,065, then 5 fewer a seed.
RESETS = (2100, 2075, 2065, *range(2060, 1999, -5))
CHASE_2026 = dataclasses.replace(
    CUP_2026,
    postseason=dataclasses.replace(
        CUP_2026.postseason,
        format=PostseasonFormat.CHASE,
        rounds=(),
        seed_resets=RESETS,
        unapproved_waiver_start=2000,
    ),
)


@pytest.fixture(scope="module")
def chase_season():
    uow = fake_uow_factory(FakeStore())
    store_cup_2026(uow(), races_run=30)
    return services.score_season(uow(), "cup", 2026, CHASE_2026, through_round=30)


def test_a_chase_drivers_line_jumps_to_the_seeds_reset_at_race_26(chase_season):
    table = chase_season.postseason
    seeded = [row for row in table.rows if row.seed is not None]
    assert len(seeded) == 16 and len(RESETS) == 16
    for row in seeded:
        line = chase_season.progression[row.driver_id]
        race_27 = next(x.total for x in row.standing.breakdown if x.round_no == 27)
        before = sum(x.total for x in row.standing.breakdown if x.round_no <= 25)
        assert line[24] == before  # round 25: the season's points so far
        assert line[25] == row.reset_points  # round 26: the seed's reset, as the table has it
        assert line[26] == row.reset_points + race_27  # round 27: reset plus race 27
        assert line[-1] == row.points  # after race 30: what the table shows


def test_a_driver_outside_the_chase_keeps_the_season_total(chase_season):
    for row in chase_season.postseason.rows:
        if row.seed is None:
            assert chase_season.progression[row.driver_id][-1] == row.standing.points


def test_the_chart_ends_where_the_standings_table_is(chase_season):
    shown = {row.driver_id: row.points for row in chase_season.driver_standings}
    for driver_id, line in chase_season.progression.items():
        assert line[-1] == shown[driver_id]


def test_every_round_of_the_2023_truck_elimination_matches_the_table_after_that_race():
    season = load_full_season(shared_data_or_skip(FILE_NAME))
    heim = Waiver(
        series="truck", season=2023, driver_id=season.driver("Corey Heim").id,
        reason=WaiverReason.MEDICAL, status=WaiverStatus.GRANTED, approved=True,
    )  # fmt: skip
    scores = SeasonScores(season.events, season.results, season.entries, (), TRUCK_2023.points)
    final = scores.drivers(season.drivers)
    regular = scores.drivers(season.drivers, through_round=16)
    rounds = sorted({e.round_no for e in season.events})

    def table_after(race: int):
        return postseason_standings(
            final, regular, season.events, season.results, (heim,), TRUCK_2023, race
        )

    shown = shown_progression(scores.progression(), rounds, TRUCK_2023, table_after)

    for index, race in enumerate(rounds):
        # The reference: the table as it stood then, from the standings through that race.
        now = scores.drivers(season.drivers, through_round=race)
        then = postseason_standings(
            now, regular, season.events, season.results, (heim,), TRUCK_2023, race
        )
        for row in then.rows:
            assert shown[row.driver_id][index] == row.points, (race, row.standing.name)
