"""From logged laps to a qualifying order: groups combined by time, knockout rounds kept apart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.model import Lap, Session, SessionKind, car_sort_key
from domain.ruleset import TieBreak


@dataclass(frozen=True, slots=True, kw_only=True)
class QualifyingRun:
    """One car's qualifying: its best lap in the last round it set a time in."""

    car_number: str
    best_lap_ms: int | None  # None: no time set (only flagged laps)
    round_reached: int  # the round whose best counts; later rounds rank ahead
    group: str | None  # the group the best lap was set in, when groups are combined
    set_at: datetime | None  # when the best lap was logged (orders FIRST_SET ties)


def owner_rank_key(car_number: str, owner_rank: Mapping[str, int]) -> tuple[bool, int]:
    """Better owner-points rank first; cars without a rank after every ranked car."""
    rank = owner_rank.get(car_number)
    return (rank is None, rank if rank is not None else 0)


def qualifying_order(
    sessions: Sequence[Session],
    laps: Iterable[Lap],
    tie_break: TieBreak,
    owner_rank: Mapping[str, int],
) -> list[QualifyingRun]:
    """Rank every car that ran in qualifying, best first.

    Knockout rounds keep their own bests: a car that reached a later round ranks ahead of every
    car eliminated earlier, and eliminated cars rank by their best in the last round they ran.
    Groups of the same round are combined by time. Flagged laps and laps outside qualifying
    (or in a cancelled session) do not count; a car with only flagged laps ranks last.
    """
    counted = {s.id: s for s in sessions if s.kind is SessionKind.QUALIFYING and not s.cancelled}
    bests: dict[tuple[str, int], tuple[Lap, Session]] = {}
    ran: set[str] = set()
    for lap in laps:
        session = counted.get(lap.session_id)
        if session is None:
            continue
        ran.add(lap.car_number)
        if lap.flag is not None:
            continue
        key = (lap.car_number, session.round_no)
        held = bests.get(key)
        if held is None or _faster(lap, held[0]):
            bests[key] = (lap, session)
    runs = [_run(car, bests) for car in ran]
    return sorted(runs, key=lambda run: _order_key(run, tie_break, owner_rank))


def _faster(lap: Lap, held: Lap) -> bool:
    """A lower time, or the same time logged earlier (the time set first)."""
    if lap.lap_ms != held.lap_ms:
        return lap.lap_ms < held.lap_ms
    return lap.logged_at < held.logged_at


def _run(car_number: str, bests: Mapping[tuple[str, int], tuple[Lap, Session]]) -> QualifyingRun:
    """The car's best in the latest round it set a time in."""
    rounds = [round_no for (car, round_no) in bests if car == car_number]
    if not rounds:
        return QualifyingRun(
            car_number=car_number, best_lap_ms=None, round_reached=0, group=None, set_at=None
        )
    lap, session = bests[(car_number, max(rounds))]
    return QualifyingRun(
        car_number=car_number,
        best_lap_ms=lap.lap_ms,
        round_reached=session.round_no,
        group=session.group,
        set_at=lap.logged_at,
    )


def _order_key(
    run: QualifyingRun, tie_break: TieBreak, owner_rank: Mapping[str, int]
) -> tuple[object, ...]:
    owner = owner_rank_key(run.car_number, owner_rank)
    if run.best_lap_ms is None:
        return (1, 0, 0, (), owner, car_sort_key(run.car_number))
    # Identical times: the better owner-points rank (seen in Cup), or the time set first.
    tie = owner if tie_break is TieBreak.OWNER_POINTS else (run.set_at.timestamp(),)
    return (0, -run.round_reached, run.best_lap_ms, tie, owner, car_sort_key(run.car_number))
