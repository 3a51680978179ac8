"""The 2023 Truck season (all 23 races, real) through the elimination rounds, as published.

NASCAR Wire via speedwaymedia.com and nbcsports.com (2023-11-04): Corey Heim was regular-season
champion; the Championship 4 at Phoenix were Ben Rhodes, Corey Heim, Carson Hocevar and Grant
Enfinger; Rhodes (5th) won the title and Enfinger (6th) was runner-up. Heim missed a race with
an illness and was granted a medical waiver. The file is in ../shared/data (skipped without it).
"""

from __future__ import annotations

import pytest

from domain.model import Waiver, WaiverReason, WaiverStatus
from domain.rules.postseason import PostseasonStatus, PostseasonTable, postseason_standings
from domain.rules.standings import SeasonScores
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.domain.truck_2023_full import (
    FILE_NAME,
    FullSeason,
    load_full_season,
    shared_data_or_skip,
)


@pytest.fixture(scope="module")
def season() -> FullSeason:
    return load_full_season(shared_data_or_skip(FILE_NAME))


def _after(season: FullSeason, race: int) -> PostseasonTable:
    heim = Waiver(
        series="truck", season=2023, driver_id=season.driver("Corey Heim").id,
        reason=WaiverReason.MEDICAL, status=WaiverStatus.GRANTED, approved=True,
    )  # fmt: skip
    scores = SeasonScores(season.events, season.results, season.entries, (), TRUCK_2023.points)
    now = scores.drivers(season.drivers, through_round=race)
    regular = scores.drivers(season.drivers, through_round=16)
    return postseason_standings(
        now, regular, season.events, season.results, (heim,), TRUCK_2023, race
    )


def test_the_sheet_scores_every_race_as_the_rules_do_but_the_finale_four(season):
    scores = SeasonScores(season.events, season.results, season.entries, (), TRUCK_2023.points)
    differ = {
        (line.round_no, row.name)
        for row in scores.drivers(season.drivers)
        for line in row.breakdown
        if line.total != season.sheet_points[(line.round_no, row.name)]
    }
    finale_four = {"Ben Rhodes", "Grant Enfinger", "Corey Heim", "Carson Hocevar"}
    assert differ == {(23, name) for name in finale_four}


def test_heim_is_regular_season_champion_and_the_top_seed_on_points(season):
    table = _after(season, 16)
    assert season.name(table.regular_season_champion) == "Corey Heim"
    heim = next(row for row in table.rows if row.standing.name == "Corey Heim")
    assert heim.status is PostseasonStatus.IN and heim.round == "Round of 10"
    assert len([row for row in table.rows if row.seed is not None]) == 10
    assert table.phase == "Round of 10: 0 of 3 races run"


def test_the_round_of_10_cuts_two_and_the_round_of_8_cuts_four(season):
    after_19 = _after(season, 19)
    assert len([r for r in after_19.rows if r.status is PostseasonStatus.ELIMINATED]) == 2
    assert {r.reset_points for r in after_19.rows if r.status is PostseasonStatus.IN} >= {3030}
    after_22 = _after(season, 22)
    still_in = {r.standing.name for r in after_22.rows if r.status is PostseasonStatus.IN}
    assert still_in == {"Ben Rhodes", "Corey Heim", "Carson Hocevar", "Grant Enfinger"}
    assert all(r.reset_points == 4000 for r in after_22.rows[:4])  # no playoff points now
    assert [r.status for r in after_22.rows[4:10]] == [PostseasonStatus.ELIMINATED] * 6


def test_rhodes_is_champion_and_enfinger_runner_up_on_their_phoenix_finishes(season):
    table = _after(season, 23)
    top = [(r.standing.name, r.finale_finish, r.points) for r in table.rows[:4]]
    assert season.name(table.champion) == "Ben Rhodes"
    # The Championship 4 score no stage points in the finale: Rhodes 32 = 5th place only.
    assert top == [
        ("Ben Rhodes", 5, 4032),
        ("Grant Enfinger", 6, 4031),
        ("Corey Heim", 18, 4019),
        ("Carson Hocevar", 29, 4008),
    ]
    assert table.rows[0].status is PostseasonStatus.CHAMPION


def test_without_his_waiver_heim_would_not_have_been_eligible(season):
    scores = SeasonScores(season.events, season.results, season.entries, (), TRUCK_2023.points)
    regular = scores.drivers(season.drivers, through_round=16)
    table = postseason_standings(
        regular, regular, season.events, season.results, (), TRUCK_2023, 16
    )
    heim = next(row for row in table.rows if row.standing.name == "Corey Heim")
    assert heim.status is PostseasonStatus.NOT_IN and heim.points == 616
