"""The cross-check names each difference with its most likely reason, and never hides one."""

from __future__ import annotations

import pytest

from domain.feeds import describe_run
from domain.model import SessionKind
from domain.rules.cross_check import CarPoints, cross_check
from domain.services.feed_places import session_names


def car(number: str, points: int, **kw) -> CarPoints:
    values = {"driver": "A Driver", "eligible": True, "penalty": 0, "has_stages": True}
    return CarPoints(car_number=number, points=points, **{**values, **kw})


def test_agreement_on_every_car_is_one_sentence():
    check = cross_check([car("22", 51), car("9", 40)], {"22": 51, "9": 40})

    assert check.summary == "Trackside agrees with NASCAR on 2 of 2 cars"


def test_the_issues_example_a_penalty_nascar_applied_that_is_not_entered():
    check = cross_check([car("22", 22), car("1", 30)], {"22": 12, "1": 30})

    assert check.summary == (
        "Trackside agrees with NASCAR on 1 of 2 cars; "
        "No. 22: NASCAR 12, Trackside 22 — a 10-point penalty is not entered"
    )


@pytest.mark.parametrize(
    ("ours", "theirs", "reason"),
    [
        (car("9", 35), 0, "may not be points-eligible here (mark the entry (i))"),
        (car("9", 0, eligible=False), 35, "the entry is marked (i) in Trackside"),
        (car("9", 30, penalty=10), 25, "deducted 5 more than the 10-point penalty entered"),
        (car("9", 30), 31, "the fastest-lap point is not entered"),
        (car("9", 30, has_stages=False), 42, "stage results are not entered (12 points)"),
        (car("9", 30, penalty=10), 40, "the 10-point penalty entered is not in NASCAR's number"),
        (car("9", 30), 60, "NASCAR has 30 more: check the finish and stage positions"),
        (car("9", 38, stage_points=19), 19, "NASCAR gave no stage points (19)"),
    ],
)
def test_each_kind_of_difference_gets_its_likely_reason(ours, theirs, reason):
    (difference,) = cross_check([ours], {"9": theirs}).differences

    assert reason in difference.reason


def test_cars_nascar_scored_that_have_no_result_are_listed_not_compared():
    check = cross_check([car("5", 40)], {"5": 40, "51": 1})

    assert (check.compared, check.not_in_results) == (1, ("No. 51",))


def test_differences_are_listed_in_car_number_order():
    check = cross_check([car("9", 1), car("13", 1), car("78", 1)], {"78": 0, "13": 0, "9": 0})

    assert [d.car_number for d in check.differences] == ["9", "13", "78"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["NCS Final Practice", "Busch Pole Qualifying"], ["Practice", "Qualifying"]),
        (
            ["Practice 1", "Practice 2", "Pole Qualifying - Round 1", "Pole Qualifying - Round 2"],
            ["Practice", "Practice 2", "Qualifying Round 1", "Qualifying Round 2"],
        ),
        (
            ["Qualifying - Round 1 Group A", "Qualifying - Round 1 Group B", "Qualifying - Final"],
            ["Qualifying Group A", "Qualifying Group B", "Qualifying Final"],
        ),
        (["Ambetter Health 400"], ["Race"]),
    ],
)
def test_nascar_run_names_map_onto_design_session_names(names, expected):
    def kind(name: str) -> SessionKind:
        if "Practice" in name:
            return SessionKind.PRACTICE
        return SessionKind.QUALIFYING if "Qualifying" in name else SessionKind.RACE

    runs = [describe_run(name, kind(name)) for name in names]

    assert session_names(runs) == expected
