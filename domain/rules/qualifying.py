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


class CarBests:
    """Each car's best clean lap per qualifying round, and every car that ran in qualifying.

    This is what the qualifying order is built from; adding one lap is O(1), so a live board
    keeps one and never re-scans the session for a new lap (DESIGN §6).
    """

    def __init__(self, sessions: Sequence[Session]) -> None:
        self._counted = {
            s.id: s for s in sessions if s.kind is SessionKind.QUALIFYING and not s.cancelled
        }
        self._bests: dict[str, dict[int, tuple[Lap, Session]]] = {}
        self._ran: set[str] = set()

    def counts(self, lap: Lap) -> bool:
        """Laps outside qualifying, or in a cancelled session, never count."""
        return lap.session_id in self._counted

    def add(self, lap: Lap) -> bool:
        """Apply one lap; True when the car's run may have changed (it counts and is clean)."""
        session = self._counted.get(lap.session_id)
        if session is None:
            return False
        self._ran.add(lap.car_number)
        if lap.flag is not None:
            return True
        rounds = self._bests.setdefault(lap.car_number, {})
        held = rounds.get(session.round_no)
        if held is None or _faster(lap, held[0]):
            rounds[session.round_no] = (lap, session)
        return True

    def forget(self, car_number: str) -> None:
        """Drop a car's bests so they can be applied again from its remaining laps."""
        self._bests.pop(car_number, None)
        self._ran.discard(car_number)

    def runs(self) -> list[QualifyingRun]:
        """One run per car that ran, in no particular order."""
        return [self._run(car) for car in self._ran]

    def _run(self, car_number: str) -> QualifyingRun:
        """The car's best in the latest round it set a time in."""
        rounds = self._bests.get(car_number)
        if not rounds:
            return QualifyingRun(
                car_number=car_number, best_lap_ms=None, round_reached=0, group=None, set_at=None
            )
        lap, session = rounds[max(rounds)]
        return QualifyingRun(
            car_number=car_number,
            best_lap_ms=lap.lap_ms,
            round_reached=session.round_no,
            group=session.group,
            set_at=lap.logged_at,
        )


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
    bests = CarBests(sessions)
    for lap in laps:
        bests.add(lap)
    return rank_runs(bests.runs(), tie_break, owner_rank)


def rank_runs(
    runs: Iterable[QualifyingRun], tie_break: TieBreak, owner_rank: Mapping[str, int]
) -> list[QualifyingRun]:
    """Later rounds first, then by time; ties by the pack's rule, then owner rank, car number."""
    return sorted(runs, key=lambda run: _order_key(run, tie_break, owner_rank))


def _faster(lap: Lap, held: Lap) -> bool:
    """A lower time, or the same time logged earlier (the time set first).

    The lap id settles the last tie, so the best never depends on the order laps arrive in.
    """
    return (lap.lap_ms, lap.logged_at, lap.id) < (held.lap_ms, held.logged_at, held.id)


def _order_key(
    run: QualifyingRun, tie_break: TieBreak, owner_rank: Mapping[str, int]
) -> tuple[object, ...]:
    owner = owner_rank_key(run.car_number, owner_rank)
    if run.best_lap_ms is None:
        return (1, 0, 0, (), owner, car_sort_key(run.car_number))
    # Identical times: the better owner-points rank (seen in Cup), or the time set first.
    set_at = run.set_at.timestamp() if run.set_at else 0.0  # a timed run has its moment
    tie = owner if tie_break is TieBreak.OWNER_POINTS else (set_at,)
    return (0, -run.round_reached, run.best_lap_ms, tie, owner, car_sort_key(run.car_number))
