"""The season use case: read once, scored once, and in step with the standings use cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from domain import services
from domain.services.season import ScoredSeason
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.domain.services_world import World, make_world
from tests.worlds import gateway_event, store_weekend


@pytest.fixture
def world() -> World:
    """Gateway (round 12) raced: Majeski, Love, Heim; round 13 stored but not run."""
    world = make_world()
    for finish, car in enumerate(("98", "1", "11"), start=1):
        services.enter_result(world.uow(), world.event.id, car, finish, laps=160)
    return world


def _score(world: World, through_round: int | None = None) -> ScoredSeason:
    return services.score_season(
        world.uow(), "truck", 2023, TRUCK_2023, through_round=through_round
    )


def _add_round_13(world: World) -> None:
    later = replace(gateway_event(), key="truck-2023-13", name="Mid-Ohio", round_no=13)
    store_weekend(world.uow(), replace(later, start_date=date(2023, 7, 7)))


def test_the_scored_season_agrees_with_the_standings_and_playoff_use_cases(world) -> None:
    season = _score(world)
    standings = services.season_standings(world.uow(), "truck", 2023, TRUCK_2023)
    picture = services.playoff_picture(world.uow(), "truck", 2023, TRUCK_2023)

    assert season.driver_standings == standings.drivers
    assert season.owner_standings == standings.owners
    assert season.playoff_picture == picture
    assert [row.name for row in season.driver_standings] == [
        "Ty Majeski",
        "Jesse Love",
        "Corey Heim",
    ]


def test_each_drivers_progression_ends_at_his_standing_points(world) -> None:
    season = _score(world)

    assert season.rounds == [12]
    assert season.races_run == 1
    for row in season.driver_standings:
        assert season.progression[row.driver_id][-1] == row.points


def test_rounds_after_the_chosen_one_are_left_out(world) -> None:
    season = _score(world, through_round=11)

    assert season.events == [] and season.results == []
    assert season.driver_standings == [] and season.races_run == 0
    assert season.next_race == world.event  # round 12 is the next one not yet run


def test_the_next_race_is_the_first_round_from_the_chosen_one_without_results(world) -> None:
    _add_round_13(world)

    assert _score(world, through_round=12).next_race.name == "Mid-Ohio"
    assert _score(world, through_round=13).next_race.name == "Mid-Ohio"


def test_the_last_stored_round_run_leaves_no_next_race(world) -> None:
    assert _score(world, through_round=12).next_race is None


def test_no_season_chosen_scores_nothing_and_names_nobody() -> None:
    season = ScoredSeason()

    assert season.ruleset is None and season.races_run == 0
    assert season.playoff_picture == [] and season.label(uuid4()) == ""
