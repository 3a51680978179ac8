"""What-if: the finish a driver needs at the next race to pass a rival; nothing is changed.

The rival finishes where the user says (or does not start); everyone else is left where they
are. Ties after the race are broken by countback, as in the standings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from uuid import UUID

from domain.errors import NotFoundError, ValidationError
from domain.rules.playoffs import PlayoffRow, PlayoffStatus
from domain.rules.points import finish_points
from domain.rules.standings import StandingRow, countback_key
from domain.ruleset import PointsRules

_SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}


class Goal(StrEnum):
    LEAD = "the lead"
    LAST_PLAYOFF_SPOT = "the last playoff spot"


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """The next race as the user imagines it."""

    field_size: int  # cars that start, so the worst possible finish
    rival_finish: int | None = None  # None: the rival does not start
    rival_stage_points: int = 0
    stage_points: int = 0  # the driver's own stage points


@dataclass(frozen=True, slots=True, kw_only=True)
class WhatIf:
    goal: Goal
    driver_id: UUID
    rival_id: UUID
    stage_points: int
    needed_finish: int | None  # the worst finish that still does it; None: no finish does
    sentence: str


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _short_name(label: str) -> str:
    """The surname people use in a sentence: "Heim", "Truex" (not "Jr.")."""
    words = label.split(" (")[0].split()
    if len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words[-1]


def _finishes(row: StandingRow) -> Counter[int]:
    return Counter(line.position for line in row.breakdown if line.position is not None)


def _ahead(
    driver: StandingRow, rival: StandingRow, finish: int, scenario: Scenario, rules: PointsRules
) -> bool:
    """Is the driver ahead of the rival after the next race, countback included?"""
    mine = _finishes(driver)
    mine[finish] += 1
    theirs = _finishes(rival)
    rival_points = rival.points
    if scenario.rival_finish is not None:
        theirs[scenario.rival_finish] += 1
        rival_points += finish_points(scenario.rival_finish, rules) + scenario.rival_stage_points
    my_points = driver.points + finish_points(finish, rules) + scenario.stage_points
    depth = max(scenario.field_size, *mine, *theirs)
    return countback_key(my_points, mine, depth) < countback_key(rival_points, theirs, depth)


def needed_finish(
    driver: StandingRow, rival: StandingRow, scenario: Scenario, rules: PointsRules
) -> int | None:
    """The worst finish that puts the driver ahead of the rival; a better one always does too."""
    places = [
        finish
        for finish in range(1, scenario.field_size + 1)
        if finish != scenario.rival_finish and _ahead(driver, rival, finish, scenario, rules)
    ]
    return max(places) if places else None


def _rival_clause(rival: StandingRow, scenario: Scenario) -> str:
    name = _short_name(rival.name)
    if scenario.rival_finish is None:
        return f"{name} does not start"
    stages = (
        f" with {scenario.rival_stage_points} stage points" if scenario.rival_stage_points else ""
    )
    return f"{name} finishes {ordinal(scenario.rival_finish)}{stages}"


def _verbs(driver: StandingRow, rival: StandingRow, goal: Goal) -> tuple[str, str]:
    """What the driver does and what it cannot do, in words."""
    if driver.position < rival.position:
        what = "the lead over" if goal is Goal.LEAD else "a playoff spot ahead of"
        return f"keeps {what} {rival.name}", f"cannot keep {what} {rival.name}"
    what = "the lead" if goal is Goal.LEAD else "the last playoff spot"
    return f"takes {what} from {rival.name}", f"cannot take {what} from {rival.name}"


def _sentence(
    driver: StandingRow, rival: StandingRow, goal: Goal, needed: int | None, scenario: Scenario
) -> str:
    does, cannot = _verbs(driver, rival, goal)
    stages = f" and {scenario.stage_points} stage points" if scenario.stage_points else ""
    condition = _rival_clause(rival, scenario)
    if needed is None:
        best = "a win" if scenario.rival_finish != 1 else "2nd place"
        return f"{driver.name} {cannot} at the next race if {condition}, even with {best}{stages}."
    last_place = scenario.field_size - (scenario.rival_finish == scenario.field_size)
    if needed == last_place:
        return f"{driver.name} {does} with any finish{stages} if {condition}."
    return (
        f"{driver.name} {does} with a finish of {ordinal(needed)} or better{stages} if {condition}."
    )


def _ensure_scenario(scenario: Scenario) -> None:
    if scenario.field_size < 2:
        raise ValidationError("A what-if needs a field of at least 2 cars.")
    if scenario.rival_finish is not None and not 1 <= scenario.rival_finish <= scenario.field_size:
        raise ValidationError(
            f"The rival's finish must be between 1 and {scenario.field_size}, or leave it empty "
            "when the rival does not start."
        )
    if scenario.stage_points < 0 or scenario.rival_stage_points < 0:
        raise ValidationError("Stage points cannot be negative.")


def _rival_for(
    standings: Sequence[StandingRow], driver: StandingRow, goal: Goal, picture: Sequence[PlayoffRow]
) -> StandingRow:
    if goal is Goal.LEAD:
        return standings[1] if driver.position == 1 and len(standings) > 1 else standings[0]
    mine = next((row for row in picture if row.driver_id == driver.driver_id), None)
    if mine is None or not mine.eligible:
        reason = mine.eligibility if mine else "not in the playoff picture"
        raise ValidationError(f"{driver.name} cannot race for a playoff spot: {reason}.")
    if mine.status is PlayoffStatus.IN_ON_WIN:
        raise ValidationError(f"{driver.name} is already in the playoffs on a win.")
    on_points = [row for row in picture if row.status is PlayoffStatus.IN_ON_POINTS]
    if not on_points:
        raise ValidationError("Every playoff spot is held on a win: no spot is decided on points.")
    if mine.status is PlayoffStatus.IN_ON_POINTS:
        out = [row for row in picture if row.status is PlayoffStatus.OUT]
        if not out:
            raise ValidationError(f"{driver.name} has no eligible driver behind the cut line.")
        return out[0].standing
    return on_points[-1].standing


def what_it_takes(
    standings: Sequence[StandingRow],
    driver_id: UUID,
    rules: PointsRules,
    scenario: Scenario,
    *,
    goal: Goal = Goal.LEAD,
    picture: Sequence[PlayoffRow] = (),
) -> tuple[WhatIf, ...]:
    """The finish needed without stage points, and with the scenario's stage points if any."""
    driver = next((row for row in standings if row.driver_id == driver_id), None)
    if driver is None:
        raise NotFoundError("That driver has no points yet; pick a driver from the standings.")
    rival = _rival_for(standings, driver, goal, picture)
    if rival.driver_id == driver_id:
        raise ValidationError(f"{driver.name} has nobody to race for {goal.value}.")
    _ensure_scenario(scenario)
    scenarios = [replace(scenario, stage_points=0)]
    if scenario.stage_points:
        scenarios.append(scenario)
    answers = []
    for case in scenarios:
        needed = needed_finish(driver, rival, case, rules)
        answers.append(
            WhatIf(
                goal=goal,
                driver_id=driver_id,
                rival_id=rival.driver,
                stage_points=case.stage_points,
                needed_finish=needed,
                sentence=_sentence(driver, rival, goal, needed, case),
            )
        )
    return tuple(answers)
