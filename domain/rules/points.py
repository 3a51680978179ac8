"""Points for one race, derived from a result, the rule pack and any penalties (DESIGN §3).

Points are never stored: a corrected result or a new penalty simply recomputes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.errors import ValidationError
from domain.model import Event, Penalty, RaceResult
from domain.ruleset import PointsRules

DISQUALIFIED = "disqualified"  # a Duel result's status that scores nothing and races in nobody


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
    stage3: int | None = None
    duel: int = 0  # points for a Daytona Duel's finish (a Duel's line has nothing else)


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


def _stages(result: RaceResult, rules: PointsRules) -> tuple[tuple[int | None, ...], int, int]:
    """Each scored stage's points, their total and stage wins; reported totals without positions.

    Only the pack's (or the event's) `stages_scored` stages pay; a position recorded for a stage
    beyond them is kept as a fact and scores nothing.
    """
    positions = (result.stage1, result.stage2, result.stage3)
    if positions == (None, None, None):
        if result.reported_stage_points is not None:
            return positions, result.reported_stage_points, result.reported_stage_wins or 0
        return (0, 0, 0), 0, 0
    scored = rules.stages_scored
    points = tuple(stage_points_for(p, rules) if i < scored else 0 for i, p in enumerate(positions))
    wins = sum(1 for i, p in enumerate(positions) if p == 1 and i < scored)
    return points, sum(points), wins


def counts_in_season(event: Event) -> bool:
    """Whether an event is a round of its season: an exhibition (the Clash, the All-Star Race)
    pays no points and is no round of the standings, the postseason or a driver's start count
    (DESIGN §3). The one place that says so; `season_rounds` and `event_rules` ask it."""
    return event.points_paying


def season_rounds(events: Iterable[Event]) -> list[Event]:
    """The events that count in their season (exhibitions left out), in the order given."""
    return [event for event in events if counts_in_season(event)]


def event_rules(rules: PointsRules, event: Event) -> PointsRules:
    """The pack's points as this event pays them: nothing at an exhibition, its own stage count."""
    if not counts_in_season(event):
        return pays_nothing(rules)
    if event.stages_scored is None or event.stages_scored == rules.stages_scored:
        return rules
    return dataclasses.replace(rules, stages_scored=event.stages_scored)


def pays_nothing(rules: PointsRules) -> PointsRules:
    """The pack's rules as an exhibition applies them: every place, stage and lap pays 0."""
    return dataclasses.replace(
        rules,
        finish=(0,),
        minimum=0,
        stage=(),
        fastest_lap=0,
        win_playoff_points=0,
        stage_win_playoff_points=0,
        disqualified_scores=0,
        duel=(),
    )


def finish_shifts(
    scored: Sequence[RaceResult], oep_cars: Iterable[str], rules: PointsRules
) -> dict[str, int]:
    """How many places better each car is scored: one for every OEP car finishing ahead (2026).

    `scored` is the race in scored order (disqualified cars at the back). An "(i)" driver
    shifts nobody; without the pack's `oep_shift` nobody moves.
    """
    if not rules.oep_shift:
        return {}
    oep = set(oep_cars)
    shifts: dict[str, int] = {}
    ahead = 0
    for result in sorted(scored, key=lambda r: r.finish):
        if ahead:
            shifts[result.car_number] = ahead
        if result.car_number in oep:
            ahead += 1
    return shifts


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
    shift: int = 0,
    oep: bool = False,
) -> RacePoints:
    """Derive a result's points; `penalties` may hold others, only this car's in this race count.

    `shift` is how many places better the finish is scored (finish_shifts); `oep` marks the
    declared OEP car, which scores nothing at all when the pack shifts the field behind it.
    """
    own = [
        p for p in penalties if p.event_id == result.event_id and p.car_number == result.car_number
    ]
    penalty_driver, penalty_owner, penalty_playoff = _deductions(own)
    disqualified = any(p.disqualified for p in own)
    scoreless = oep and rules.oep_shift  # 2026: the OEP car earns nothing, even stage points
    if disqualified or scoreless:
        # Since the 2019 at-track inspection policy, applied in the 2022 Pocono DQs of Hamlin and
        # Busch: a disqualified car is scored last, gets last-place points and loses all stage
        # points and playoff points from the race (the win goes to the next car). The 2026 OEP
        # car likewise keeps nothing, not even a last place's points.
        per_stage: tuple[int | None, ...] = (None, None, None)
        finish = 0 if scoreless else rules.disqualified_scores
        stages, stage_wins, fastest = 0, 0, 0
    else:
        per_stage, stages, stage_wins = _stages(result, rules)
        finish = finish_points(max(1, result.finish - shift), rules)
        fastest = rules.fastest_lap if _earns_fastest_lap(result, rules) else 0
    won = result.finish == 1 and not disqualified and not scoreless
    playoff = (rules.win_playoff_points if won else 0) + stage_wins * rules.stage_win_playoff_points
    earned = stages + finish + fastest
    return RacePoints(
        stage1=per_stage[0],
        stage2=per_stage[1],
        stage3=per_stage[2],
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


def _earns_fastest_lap(result: RaceResult, rules: PointsRules) -> bool:
    """The fastest lap pays unless the pack's garage clause applies to a car repaired there."""
    if not result.fastest_lap:
        return False
    return not (rules.fastest_lap_garage_clause and result.garage_repair)


def duel_points(result: RaceResult, rules: PointsRules, *, driver_eligible: bool) -> RacePoints:
    """A Daytona Duel's points: the pack's `duel` table by finish; a disqualified car scores 0."""
    earned = 0
    if result.status.casefold() != DISQUALIFIED and result.finish <= len(rules.duel):
        earned = rules.duel[result.finish - 1]
    return RacePoints(
        stage1=None,
        stage2=None,
        stages=0,
        finish=0,
        fastest_lap=0,
        penalty_driver=0,
        penalty_owner=0,
        playoff_points=0,
        driver_total=earned if driver_eligible else 0,
        owner_total=earned,
        duel=earned,
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
