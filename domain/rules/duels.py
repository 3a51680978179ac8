"""The Daytona 500's field: time trials set the front row, the Duels set the rest (RULES-2026.md).

Chartered cars and a locked-in OEP car are in regardless. The fastest open cars in time trials
(`duel_open_cars_on_time`) are locked in on time; then the best-finishing open car of each Duel
not yet in (`duel_transfers` per Duel) races in; a spot still open goes to the fastest open car
left. The time trials' top `front_row_on_time` start up front; Duel 1's finishing order sets the
inside line of rows 3 on, Duel 2's the outside line. Before the Duels are entered the board
shows the field by time alone, and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from domain.model import DUELS, RACE, Session, SessionKind, TrackKind
from domain.rules.field_split import (
    Board,
    Call,
    DuelFinish,
    FieldStatus,
    Plan,
    lineup,
    oep_call,
    ordinal,
    split_field,
)
from domain.rules.points import DISQUALIFIED
from domain.ruleset import QualifyingFormat, RuleSet


def plan_by_duels(board: Board, ruleset: RuleSet, duels: Sequence[Sequence[DuelFinish]]) -> Plan:
    """Who starts the Daytona 500 and where, from time trials and the Duels' orders."""
    rules = ruleset.field
    split = split_field(board, ruleset)
    calls: dict[str, Call] = {}
    for car in split.guaranteed:
        calls[car] = Call(FieldStatus.GUARANTEED, "Chartered: starts regardless of speed.")
    if split.oep_car is not None and split.oep_locked:
        calls[split.oep_car] = oep_call(board, ruleset, split.oep_car)
    left = split.spots
    timed = [car for car in split.pool if car in board.runs]
    for place, car in enumerate(timed[: min(rules.duel_open_cars_on_time, left)], start=1):
        calls[car] = Call(
            FieldStatus.ON_SPEED,
            f"Locked in on time: the {ordinal(place)}-fastest open car in time trials.",
        )
        left -= 1
    raced = any(duels)
    for number, duel in enumerate(duels, start=1):
        moved = 0
        for finish in sorted(duel, key=lambda f: f.finish):
            if moved == rules.duel_transfers or left == 0:
                break
            car = finish.car_number
            if car not in split.pool or car in calls or finish.disqualified:
                continue
            calls[car] = Call(
                FieldStatus.DUEL,
                f"Races in from Duel {number}: {ordinal(finish.finish)}, the best-finishing "
                "open car not already in.",
            )
            moved += 1
            left -= 1
    when = "no open car was left from the Duels" if raced else "until the Duels are run"
    for car in [c for c in split.pool if c not in calls]:
        if left > 0:
            rear = "" if car in board.runs else " No time set: starts at the rear."
            calls[car] = Call(FieldStatus.ON_SPEED, f"In on time ({when}).{rear}")
            left -= 1
        else:
            calls[car] = Call(FieldStatus.DNQ, _went_home(board, car, duels, raced))
    oep_car = split.oep_car
    if oep_car is not None and not split.oep_locked:
        if calls[oep_car].status is FieldStatus.DNQ:
            calls[oep_car] = oep_call(board, ruleset, oep_car, missed=True)
        else:
            oep_car = None
    order = lineup(board, calls)
    if raced:
        order = _duel_lineup(board, order, duels, rules.front_row_on_time)
    return Plan(calls=calls, lineup=order, open_spots=split.spots, oep_car=oep_car)


def _went_home(board: Board, car: str, duels: Sequence[Sequence[DuelFinish]], raced: bool) -> str:
    who = board.who(car)
    if not raced:
        return f"{who} is out on time until the Duels are run: every open spot is taken so far."
    for number, duel in enumerate(duels, start=1):
        for finish in duel:
            if finish.car_number == car:
                how = (
                    "was disqualified"
                    if finish.disqualified
                    else f"finished {ordinal(finish.finish)}"
                )
                return (
                    f"{who} {how} in Duel {number}, behind the open car that raced in, and was "
                    "not fast enough in time trials to be locked in."
                )
    return f"{who} ran in no Duel and was not fast enough in time trials to be locked in."


def _duel_lineup(
    board: Board,
    by_time: list[str],
    duels: Sequence[Sequence[DuelFinish]],
    front_row: int,
) -> list[str]:
    """The time trials' front row, then Duel 1 inside and Duel 2 outside; the rest behind."""
    starters = set(by_time)
    timed = [car for car in board.cars if car in board.runs and car in starters]
    front = timed[:front_row]
    lines = [
        [f.car_number for f in sorted(duel, key=lambda f: f.finish) if f.car_number in starters]
        for duel in duels
    ]
    lines = [[car for car in line if car not in front] for line in lines]
    order = list(front)
    for row in range(max((len(line) for line in lines), default=0)):
        order += [line[row] for line in lines if row < len(line) and line[row] not in order]
    return order + [car for car in by_time if car not in order]


def daytona_500_sessions(
    event_id: UUID, ruleset: RuleSet, *, first_order: int = 1
) -> list[Session]:
    """The sessions a Daytona 500 event needs, in order: practice, the time trials as the pack's
    superspeedway format says, both Duels and the race (session names: DESIGN §7)."""
    names: list[tuple[SessionKind, str, int]] = [(SessionKind.PRACTICE, "Practice", 1)]
    if ruleset.qualifying.formats.get(TrackKind.SUPERSPEEDWAY) is QualifyingFormat.TWO_ROUNDS:
        names += [
            (SessionKind.QUALIFYING, "Qualifying Round 1", 1),
            (SessionKind.QUALIFYING, "Qualifying Final", 2),
        ]
    else:
        names.append((SessionKind.QUALIFYING, "Qualifying", 1))
    names += [(SessionKind.RACE, duel, 1) for duel in DUELS]
    names.append((SessionKind.RACE, RACE, 1))
    return [
        Session(event_id=event_id, kind=kind, name=name, order=first_order + index, round_no=rnd)
        for index, (kind, name, rnd) in enumerate(names)
    ]


def duel_finishes(results: Sequence[tuple[str, int, str]]) -> tuple[DuelFinish, ...]:
    """A Duel's (car, finish, status) rows as the field rules read them."""
    return tuple(
        DuelFinish(car, finish, disqualified=status.casefold() == DISQUALIFIED)
        for car, finish, status in sorted(results, key=lambda r: r[1])
    )
