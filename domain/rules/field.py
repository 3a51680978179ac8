"""Setting the field: who starts, where, who goes home and why, from a qualifying order (DESIGN §3).

Guaranteed (chartered) cars always start. Open cars are ranked only against each other: the
fastest take the spots on speed, then owner-points provisionals and past-champion provisionals
go to cars not already in, and the rest fail to qualify. The Open Exemption Provisional adds a
41st spot when more than `oep_min_entries` cars are entered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from domain.model import Entry
from domain.rules.cancelled import CancelledInputs, plan_by_owner_points
from domain.rules.cutoff_words import OpenCar, cutoff_margin, cutoff_notes
from domain.rules.duels import plan_by_duels
from domain.rules.field_contest import plan_by_speed
from domain.rules.field_split import Board, DuelFinish, FieldEvent, FieldStatus, Plan
from domain.rules.qualifying import QualifyingRun
from domain.ruleset import RuleSet

__all__ = [
    "CancelledInputs",
    "DuelFinish",
    "FieldEvent",
    "FieldResult",
    "FieldRow",
    "FieldStatus",
    "bubble_index",
    "set_field",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldRow:
    """One car on the qualifying board, with what it means for the race."""

    position: int | None  # qualifying position; None: no time set
    car_number: str
    driver_name: str
    best_lap_ms: int | None
    status: FieldStatus
    starting_position: int | None  # None: did not qualify
    gap_to_pole_ms: int | None = None  # to the fastest time of the round the car's best counts in
    gap_to_ahead_ms: int | None = None  # to the car ahead in the same round
    gap_to_cutoff_ms: int | None = None  # open cars; positive: slower than the cutoff
    needed_ms: int | None = None  # cars out with a time: how much faster they needed to be
    reason: str = ""
    cutoff_note: str = ""  # open cars with a time: their place against the cutoff, in words
    cutoff_margin_ms: int | None = None  # the cutoff car: how far ahead of the first car out

    @property
    def starts(self) -> bool:
        return self.status is not FieldStatus.DNQ


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldResult:
    """The board, the starting lineup and the cars that go home."""

    rows: list[FieldRow]  # board order: qualifying order, then cars with no time
    lineup: list[FieldRow]  # starting order
    dnq: list[FieldRow]
    cutoff_ms: int | None  # the time an open car must beat: the slowest open car in on speed
    starting_field: int  # cars that start (the pack's field, or fewer entries; +1 with the OEP)
    entered: int  # entries not withdrawn
    open_spots: int  # spots left to open cars once guaranteed cars are in
    summary: str  # "41 entered for 40 spots: 1 will go home"
    cutoff_car: str | None = None  # the car whose time is the cutoff


def bubble_index(result: FieldResult) -> int | None:
    """The index in `rows` of the last open car in on speed: the bubble line goes under it."""
    for index, row in enumerate(result.rows):
        if row.car_number == result.cutoff_car:
            return index
    return None


def set_field(
    entries: Sequence[Entry],
    runs: Sequence[QualifyingRun],
    ruleset: RuleSet,
    owner_rank: Mapping[str, int],
    *,
    driver_names: Mapping[str, str],
    cancelled: CancelledInputs | None = None,
    event: FieldEvent | None = None,
) -> FieldResult:
    """Decide who starts and where; `cancelled` sets the lineup by the pack's fallback metric.

    `driver_names` maps a car number to who drives it this weekend. Withdrawn entries are
    left out; runs of cars that are not entered are ignored. `event` gives the round (the
    manufacturer provisional) and, at the Daytona 500, the Duels' finishing orders.
    """
    board = Board.build(entries, runs, owner_rank, driver_names)
    if cancelled is not None:
        plan = plan_by_owner_points(board, ruleset, cancelled, event)
    elif event is not None and event.duels is not None:
        plan = plan_by_duels(board, ruleset, event.duels)
    else:
        plan = plan_by_speed(board, ruleset, event)
    rows = _with_cutoff_notes(_rows(board, plan), plan.cutoff_car)
    by_car = {row.car_number: row for row in rows}
    lineup = [by_car[car] for car in plan.lineup]
    dnq_cars = [car for car in board.cars if plan.calls[car].status is FieldStatus.DNQ]
    if cancelled is not None:
        rows = lineup + [by_car[car] for car in dnq_cars]
    return FieldResult(
        rows=rows,
        lineup=lineup,
        dnq=[by_car[car] for car in dnq_cars],
        cutoff_ms=board.best(plan.cutoff_car) if plan.cutoff_car else None,
        starting_field=len(lineup),
        entered=len(board.cars),
        open_spots=plan.open_spots,
        summary=_summary(len(board.cars), ruleset.field.starting_field, plan, len(dnq_cars)),
        cutoff_car=plan.cutoff_car,
    )


def _summary(entered: int, starting_field: int, plan: Plan, going_home: int) -> str:
    spots = f"{entered} entered for {starting_field} spots"
    if plan.oep_car is not None:
        spots += " and the Open Exemption Provisional"
    if going_home == 0:
        return f"{spots}: everyone starts"
    return f"{spots}: {going_home} will go home"


def _rows(board: Board, plan: Plan) -> list[FieldRow]:
    """Board rows with gaps; starting positions from the plan's lineup."""
    starting = {car: index + 1 for index, car in enumerate(plan.lineup)}
    cutoff_ms = board.best(plan.cutoff_car) if plan.cutoff_car else None
    rows: list[FieldRow] = []
    round_best: dict[int, int] = {}
    ahead: dict[int, int] = {}
    for position, car in enumerate(board.cars, start=1):
        call = plan.calls[car]
        row = FieldRow(
            position=None,
            car_number=car,
            driver_name=board.names.get(car, ""),
            best_lap_ms=None,
            status=call.status,
            starting_position=starting.get(car),
            needed_ms=call.needed_ms,
            reason=call.reason,
        )
        run = board.runs.get(car)
        if run is not None and run.best_lap_ms is not None:
            best, round_no = run.best_lap_ms, run.round_reached
            row = replace(
                row,
                position=position,
                best_lap_ms=best,
                gap_to_pole_ms=best - round_best.setdefault(round_no, best),
                gap_to_ahead_ms=best - ahead[round_no] if round_no in ahead else None,
                gap_to_cutoff_ms=_gap_to_cutoff(board, car, cutoff_ms),
            )
            ahead[round_no] = best
        rows.append(row)
    return rows


def _with_cutoff_notes(rows: list[FieldRow], cutoff_car: str | None) -> list[FieldRow]:
    open_cars = [
        OpenCar(
            car_number=row.car_number,
            gap_to_cutoff_ms=row.gap_to_cutoff_ms,
            starts=row.starts,
            needed_ms=row.needed_ms,
        )
        for row in rows
        if row.gap_to_cutoff_ms is not None
    ]
    notes = cutoff_notes(open_cars, cutoff_car)
    margin = cutoff_margin(open_cars, cutoff_car)
    return [
        replace(
            row,
            cutoff_note=notes.get(row.car_number, ""),
            cutoff_margin_ms=margin if row.car_number == cutoff_car else None,
        )
        for row in rows
    ]


def _gap_to_cutoff(board: Board, car: str, cutoff_ms: int | None) -> int | None:
    """Only open cars race the cutoff; a guaranteed car's gap to it means nothing."""
    best = board.best(car)
    if cutoff_ms is None or best is None or board.entries[car].guaranteed:
        return None
    return best - cutoff_ms
