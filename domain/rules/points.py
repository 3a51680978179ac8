"""Points for one race, derived from a result, the rule pack and any penalties (DESIGN §3).

Points are never stored: a corrected result or a new penalty simply recomputes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.errors import ValidationError
from domain.model import Penalty, RaceResult
from domain.ruleset import PointsRules


@dataclass(frozen=True, slots=True, kw_only=True)
class RacePoints:
    """What one car earned in one race, for its driver and its owner."""

    stage1: int | None  # None: only a stage total was reported (imported sheets)
    stage2: int | None
    stages: int  # stage points in all
    finish: int
    fastest_lap: int
    penalty_driver: int  # positive deductions
    penalty_owner: int
    playoff_points: int  # net of playoff-point penalties; 0 for an "(i)" driver
    driver_total: int  # 0 for an "(i)" driver
    owner_total: int
    disqualified: bool = False


def _ensure_position(position: int) -> None:
    if position < 1:
        raise ValidationError(f"A position starts at 1; {position} is not a position.")


def finish_points(position: int, rules: PointsRules) -> int:
    """Points for a finishing position: the table, then `minimum` for every place beyond it."""
    _ensure_position(position)
    if position <= len(rules.finish):
        return max(rules.finish[position - 1], rules.minimum)
    return rules.minimum


def stage_points_for(position: int | None, rules: PointsRules) -> int:
    """Points for a stage position: the stage table (top ten 10…1), nothing beyond it."""
    if position is None:
        return 0
    _ensure_position(position)
    return rules.stage[position - 1] if position <= len(rules.stage) else 0


def _stages(result: RaceResult, rules: PointsRules) -> tuple[int | None, int | None, int, int]:
    """Stage 1 and 2 points, their total and stage wins; reported totals without positions."""
    first, second = result.stage1, result.stage2
    if first is None and second is None and result.reported_stage_points is not None:
        return None, None, result.reported_stage_points, result.reported_stage_wins or 0
    if rules.stages_scored < 2:
        second = None
    if rules.stages_scored < 1:
        first = None
    points1, points2 = stage_points_for(first, rules), stage_points_for(second, rules)
    return points1, points2, points1 + points2, (first == 1) + (second == 1)


def _deductions(own: Sequence[Penalty]) -> tuple[int, int, int]:
    """Driver, owner and playoff points taken away."""
    if not own:
        return 0, 0, 0
    return (
        sum(p.driver_points for p in own),
        sum(p.owner_points for p in own),
        sum(p.playoff_points for p in own),
    )


def race_points(
    result: RaceResult,
    rules: PointsRules,
    *,
    driver_eligible: bool,
    penalties: Sequence[Penalty] = (),
) -> RacePoints:
    """Derive a result's points; `penalties` may hold others, only this car's in this race count."""
    own = [
        p for p in penalties if p.event_id == result.event_id and p.car_number == result.car_number
    ]
    penalty_driver, penalty_owner, penalty_playoff = _deductions(own)
    disqualified = any(p.disqualified for p in own)
    if disqualified:
        # Since the 2019 at-track inspection policy, applied in the 2022 Pocono DQs of Hamlin and
        # Busch: a disqualified car is scored last, gets last-place points and loses all stage
        # points and playoff points from the race (the win goes to the next car).
        stage1 = stage2 = None
        stages, stage_wins, finish, fastest = 0, 0, rules.disqualified_scores, 0
    else:
        stage1, stage2, stages, stage_wins = _stages(result, rules)
        finish = finish_points(result.finish, rules)
        fastest = rules.fastest_lap if result.fastest_lap else 0
    won = result.finish == 1 and not disqualified
    playoff = (rules.win_playoff_points if won else 0) + stage_wins * rules.stage_win_playoff_points
    earned = stages + finish + fastest
    return RacePoints(
        stage1=stage1,
        stage2=stage2,
        stages=stages,
        finish=finish,
        fastest_lap=fastest,
        penalty_driver=penalty_driver if driver_eligible else 0,
        penalty_owner=penalty_owner,
        playoff_points=playoff - penalty_playoff if driver_eligible else 0,
        driver_total=earned - penalty_driver if driver_eligible else 0,
        owner_total=earned - penalty_owner,
        disqualified=disqualified,
    )


def penalty_points(penalties: Iterable[Penalty]) -> RacePoints:
    """Deductions for a car that has no result in the race (e.g. a penalty before it started)."""
    driver, owner, playoff = _deductions(list(penalties))
    return RacePoints(
        stage1=None,
        stage2=None,
        stages=0,
        finish=0,
        fastest_lap=0,
        penalty_driver=driver,
        penalty_owner=owner,
        playoff_points=-playoff,
        driver_total=-driver,
        owner_total=-owner,
    )


def scored_order(results: Sequence[RaceResult], penalties: Sequence[Penalty]) -> list[RaceResult]:
    """One race's results as scored: disqualified cars go to the back, the cars behind move up."""
    disqualified = {(p.event_id, p.car_number) for p in penalties if p.disqualified}
    out = sorted(
        (r for r in results if (r.event_id, r.car_number) in disqualified), key=lambda r: r.finish
    )
    if not out:
        return list(results)
    last = max(len(results), *(r.finish for r in results))
    scored = [
        dataclasses.replace(r, finish=r.finish - sum(1 for d in out if d.finish < r.finish))
        for r in results
        if (r.event_id, r.car_number) not in disqualified
    ]
    first_dq = last - len(out) + 1
    scored += [dataclasses.replace(r, finish=first_dq + i) for i, r in enumerate(out)]
    return sorted(scored, key=lambda r: r.finish)
