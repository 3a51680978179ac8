"""The race sheet: one scoring of a race for the race tab and the weekend summary alike."""

from __future__ import annotations

import pytest

from domain import services
from domain.services.weekend import load_weekend
from tests.domain.rulesets_for_tests import RULESETS, TRUCK_2023
from tests.domain.services_world import entry_of, make_world
from tests.worlds import GATEWAY_KEY


@pytest.fixture
def world():
    return make_world()


def _sheet(world):
    return services.race_sheet(world.uow(), world.event.id, TRUCK_2023)


def _finish_in_order(world, *cars: str) -> None:
    for finish, car in enumerate(cars, start=1):
        services.enter_result(world.uow(), world.event.id, car, finish, laps=160)


def _disqualify(world, car: str) -> None:
    services.add_penalty(
        world.uow(), world.event.id, car, reason="Failed post-race inspection", disqualified=True
    )


def test_results_entered_out_of_order_are_listed_by_finish(world):
    services.enter_result(world.uow(), world.event.id, "11", 2)
    services.enter_result(world.uow(), world.event.id, "98", 1)

    assert [(row.position, row.result.car_number) for row in _sheet(world).rows] == [
        (1, "98"),
        (2, "11"),
    ]


def test_a_disqualified_winner_is_scored_last_and_the_car_behind_inherits_the_win(world):
    _finish_in_order(world, "98", "11", "1")
    _disqualify(world, "98")

    rows = _sheet(world).rows

    assert [(row.position, row.result.car_number) for row in rows] == [
        (1, "11"),
        (2, "1"),
        (3, "98"),
    ]
    winner, last = rows[0], rows[-1]
    assert (winner.points.finish, winner.points.playoff_points) == (40, 5)
    assert last.points.disqualified and last.points.playoff_points == 0
    assert last.points.finish == TRUCK_2023.points.disqualified_scores
    assert last.result.finish == 1  # the stored result is kept as entered, for corrections


def test_the_export_scores_a_disqualified_car_last_exactly_as_the_sheet_does(world):
    _finish_in_order(world, "98", "11", "1")
    _disqualify(world, "98")

    exported = load_weekend(world.uow, GATEWAY_KEY, RULESETS).results

    assert [row.result.car_number for row in exported] == ["11", "1", "98"]
    assert exported == _sheet(world).rows


def test_an_i_driver_shows_no_driver_points_but_the_owner_still_scores(world):
    services.add_entry(
        world.uow(),
        world.event.id,
        "2",
        "Kyle Busch",
        team="Kyle Busch Motorsports",
        make="Chevrolet",
        points_eligible=False,
    )
    services.enter_result(world.uow(), world.event.id, "2", 1, stage1=1)

    row = _sheet(world).rows[0]

    assert row.driver_text == "Kyle Busch (i)"
    assert (row.points.driver_total, row.points.owner_total) == (0, 50)
    assert row.points.playoff_points == 0


def test_an_eligible_driver_is_shown_without_the_i_flag(world):
    services.enter_result(world.uow(), world.event.id, "98", 2)

    row = _sheet(world).rows[0]

    assert row.driver_text == "Ty Majeski"
    assert row.points.driver_total == row.points.owner_total == 35


def test_a_substitute_is_the_driver_of_record_of_the_car_in_the_race(world):
    services.substitute_driver(
        world.uow(),
        entry_of(world, "1").id,
        "Toni Breidinger",
        from_session_order=world.race.order,
        reason="Jesse Love moves to the No. 11",
    )
    services.enter_result(world.uow(), world.event.id, "1", 3, laps=160)

    sheet = _sheet(world)

    assert sheet.rows[0].driver == "Toni Breidinger"
    assert sheet.label(sheet.race_drivers["1"]) == "Toni Breidinger"
    assert sheet.label(sheet.race_drivers["11"]) == "Corey Heim"


def test_a_withdrawn_car_has_no_race_driver_to_offer(world):
    services.withdraw_entry(world.uow(), entry_of(world, "11").id)

    assert set(_sheet(world).race_drivers) == {"1", "98"}
