"""What-if: the finish a driver needs at the next race to take the lead or the last playoff spot."""

import pytest

from domain.errors import ValidationError
from domain.rules.playoffs import playoff_picture
from domain.rules.standings import StandingRow, driver_standings
from domain.rules.whatif import Goal, Scenario, ordinal, what_it_takes
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.domain.truck_2023 import load_season

TRUCK = TRUCK_2023.points
FIELD = 36  # a full Truck field


def standings_after_race_11() -> list[StandingRow]:
    season = load_season()
    return driver_standings(
        season.events, season.results, season.entries, season.penalties, TRUCK, season.drivers
    )


def sentences(driver: str, scenario: Scenario, goal: Goal = Goal.LEAD) -> list[str]:
    season, standings = load_season(), standings_after_race_11()
    picture = playoff_picture(standings, season.events, season.results, (), TRUCK_2023, 11)
    answers = what_it_takes(
        standings, season.driver(driver).id, TRUCK, scenario, goal=goal, picture=picture
    )
    return [answer.sentence for answer in answers]


def test_majeski_takes_the_lead_with_10th_or_20th_and_10_stage_points_if_heim_sits_out() -> None:
    # 26 behind: 10th scores 27; 11th scores 26, a tie Heim wins on countback (Martinsville).
    assert sentences("Ty Majeski", Scenario(field_size=FIELD, stage_points=10)) == [
        "Ty Majeski takes the lead from Corey Heim with a finish of 10th or better "
        "if Heim does not start.",
        "Ty Majeski takes the lead from Corey Heim with a finish of 20th or better "
        "and 10 stage points if Heim does not start.",
    ]


def test_majeski_cannot_take_the_lead_if_heim_wins() -> None:
    assert sentences("Ty Majeski", Scenario(field_size=FIELD, rival_finish=1)) == [
        "Ty Majeski cannot take the lead from Corey Heim at the next race if Heim finishes 1st, "
        "even with 2nd place."
    ]


def test_majeski_needs_a_win_and_stage_points_if_heim_finishes_15th_with_stage_points() -> None:
    scenario = Scenario(field_size=FIELD, rival_finish=15, rival_stage_points=5, stage_points=4)

    assert sentences("Ty Majeski", scenario) == [
        # Heim 425 + 22 + 5 = 452; Majeski 399 + 40 = 439, + 2nd's 35 + 4 falls short too.
        "Ty Majeski cannot take the lead from Corey Heim at the next race if Heim finishes 15th "
        "with 5 stage points, even with a win.",
        "Ty Majeski cannot take the lead from Corey Heim at the next race if Heim finishes 15th "
        "with 5 stage points, even with a win and 4 stage points.",
    ]


def test_the_leader_keeps_the_lead_with_any_finish_when_the_runner_up_runs_last() -> None:
    assert sentences("Corey Heim", Scenario(field_size=FIELD, rival_finish=FIELD)) == [
        "Corey Heim keeps the lead over Ty Majeski with any finish if Majeski finishes 36th."
    ]


def test_friesen_takes_the_last_playoff_spot_from_dibenedetto_by_beating_his_finish() -> None:
    # 281 + 25 for 12th = 306. Friesen (280) ties at 11th (26) or 14th with 3 stage points (23 + 3)
    # and wins the countback: no wins either, but his 2nd at Darlington.
    scenario = Scenario(field_size=FIELD, rival_finish=12, stage_points=3)

    assert sentences("Stewart Friesen", scenario, Goal.LAST_PLAYOFF_SPOT) == [
        "Stewart Friesen takes the last playoff spot from Matt DiBenedetto with a finish of "
        "11th or better if DiBenedetto finishes 12th.",
        "Stewart Friesen takes the last playoff spot from Matt DiBenedetto with a finish of "
        "14th or better and 3 stage points if DiBenedetto finishes 12th.",
    ]


def test_a_driver_who_is_not_eligible_cannot_race_for_a_playoff_spot() -> None:
    with pytest.raises(ValidationError, match="outside the top 30"):
        sentences("Keith McGee", Scenario(field_size=FIELD), Goal.LAST_PLAYOFF_SPOT)


def test_a_rival_finish_outside_the_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="between 1 and 36"):
        sentences("Ty Majeski", Scenario(field_size=FIELD, rival_finish=37))


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (36, "36th"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_ordinals_read_as_people_say_them(number: int, text: str) -> None:
    assert ordinal(number) == text


def test_a_driver_already_in_on_a_win_is_told_so_rather_than_given_a_finish() -> None:
    with pytest.raises(ValidationError, match="already in the playoffs on a win"):
        sentences("Corey Heim", Scenario(field_size=FIELD), Goal.LAST_PLAYOFF_SPOT)
