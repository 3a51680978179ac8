"""From logged laps to a qualifying order: groups combined by time, knockout rounds kept apart.

The pack's format for the track's kind (`QualifyingRules.formats`, `laps`, `final_round_cars`)
says how: in single-car formats (`single_round`, `two_rounds`) only a car's first `laps` timed
laps of a round count (group sessions are timed sessions: every lap counts), and in a format
with a final round only the fastest `final_round_cars` of round 1 (of each group, split
evenly, in `groups_then_final`) carry a final-round time; another car's later laps do not
count.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.model import Lap, LapFlag, Session, SessionKind, TrackKind, car_sort_key
from domain.ruleset import QualifyingFormat, QualifyingRules, TieBreak

_NOT_TIMED = frozenset({LapFlag.OUT, LapFlag.IN})  # not an attempt: no timed lap is used up
_WITH_FINAL = frozenset({QualifyingFormat.TWO_ROUNDS, QualifyingFormat.GROUPS_THEN_FINAL})
_SINGLE_CAR = frozenset({QualifyingFormat.SINGLE_ROUND, QualifyingFormat.TWO_ROUNDS})


@dataclass(frozen=True, slots=True)
class RoundPlan:
    """The pack's qualifying format at one kind of track, as the board ranks it."""

    format: QualifyingFormat
    laps: int  # timed laps each car runs per round; laps after them do not count
    final_round_cars: int

    @property
    def allowed_laps(self) -> int | None:
        """Timed laps that count per car and round; None: every lap (a timed group session)."""
        return self.laps if self.format in _SINGLE_CAR else None

    @classmethod
    def of(cls, rules: QualifyingRules, kind: TrackKind) -> RoundPlan:
        return cls(rules.formats[kind], rules.laps[kind], rules.final_round_cars)


@dataclass(frozen=True, slots=True, kw_only=True)
class QualifyingRun:
    """One car's qualifying: its best lap in the last round it set a time in."""

    car_number: str
    best_lap_ms: int | None  # None: no time set (only flagged laps)
    round_reached: int  # the round whose best counts; later rounds rank ahead
    group: str | None  # the group the best lap was set in, when groups are combined
    set_at: datetime | None  # when the best lap was logged (orders FIRST_SET ties)
    # A finalist that set no final-round time once the final ran: it ranks behind the final's
    # times and ahead of every car that did not advance (its best is its round-1 time).
    advanced: bool = False


def owner_rank_key(car_number: str, owner_rank: Mapping[str, int]) -> tuple[bool, int]:
    """Better owner-points rank first; cars without a rank after every ranked car."""
    rank = owner_rank.get(car_number)
    return (rank is None, rank if rank is not None else 0)


class CarBests:
    """Each car's best clean lap per qualifying round, and every car that ran in qualifying.

    This is what the qualifying order is built from; adding one lap is O(1), so a live board
    keeps one and never re-scans the session for a new lap (DESIGN §6).
    """

    def __init__(self, sessions: Sequence[Session], plan: RoundPlan | None = None) -> None:
        self._counted = {
            s.id: s for s in sessions if s.kind is SessionKind.QUALIFYING and not s.cancelled
        }
        self._plan = plan
        self._bests: dict[str, dict[int, tuple[Lap, Session]]] = {}
        self._ran: set[str] = set()
        # With a plan: each car's timed laps per round in logged order (only the first count).
        self._attempts: dict[tuple[str, int], list[tuple[tuple[datetime, str], Lap]]] = {}

    def counts(self, lap: Lap) -> bool:
        """Laps outside qualifying, or in a cancelled session, never count."""
        return lap.session_id in self._counted

    def add(self, lap: Lap) -> bool:
        """Apply one lap; True when the car's run may have changed (it counts and is clean)."""
        session = self._counted.get(lap.session_id)
        if session is None:
            return False
        self._ran.add(lap.car_number)
        if self._plan is not None and self._plan.allowed_laps is not None:
            return self._attempt(lap, session, self._plan.allowed_laps)
        if lap.flag is not None:
            return True
        rounds = self._bests.setdefault(lap.car_number, {})
        held = rounds.get(session.round_no)
        if held is None or _faster(lap, held[0]):
            rounds[session.round_no] = (lap, session)
        return True

    def _attempt(self, lap: Lap, session: Session, allowed: int) -> bool:
        """Count a timed lap in its car's round; the round's best is its first `allowed` laps'."""
        if lap.flag in _NOT_TIMED:
            return True
        key = (lap.car_number, session.round_no)
        attempts = self._attempts.setdefault(key, [])
        place = bisect.bisect(attempts, (lap.logged_at, str(lap.id)), key=lambda a: a[0])
        attempts.insert(place, ((lap.logged_at, str(lap.id)), lap))
        if place >= allowed:
            return False  # beyond the laps the format allows: it changes nothing
        rounds = self._bests.setdefault(lap.car_number, {})
        clean = [a for _, a in attempts[:allowed] if a.flag is None]
        best = min(clean, key=lambda a: (a.lap_ms, a.logged_at, a.id), default=None)
        if best is None:
            rounds.pop(session.round_no, None)
        else:
            rounds[session.round_no] = (best, self._counted[best.session_id])
        return True

    def forget(self, car_number: str) -> None:
        """Drop a car's bests so they can be applied again from its remaining laps."""
        self._bests.pop(car_number, None)
        self._ran.discard(car_number)
        for key in [k for k in self._attempts if k[0] == car_number]:
            del self._attempts[key]

    def runs(self) -> list[QualifyingRun]:
        """One run per car that ran, in no particular order."""
        finalists = self._finalists()
        final_ran = finalists is not None and any(
            max(self._bests.get(car, {}), default=0) > 1 for car in finalists
        )
        return [self._run(car, finalists, final_ran=final_ran) for car in self._ran]

    def _finalists(self) -> set[str] | None:
        """Cars whose final-round time counts: the fastest of round 1 (of each group); None
        when the format has no final round (every car's latest round counts)."""
        plan = self._plan
        if plan is None or plan.format not in _WITH_FINAL:
            return None
        firsts = {car: rounds[1] for car, rounds in self._bests.items() if 1 in rounds}
        groups: dict[str | None, list[str]] = {}
        for car, (_lap, session) in firsts.items():
            group = session.group if plan.format is QualifyingFormat.GROUPS_THEN_FINAL else None
            groups.setdefault(group, []).append(car)
        per_group = max(1, plan.final_round_cars // max(1, len(groups)))
        finalists: set[str] = set()
        for cars in groups.values():
            ranked = sorted(cars, key=lambda c: _lap_key(firsts[c][0]))
            finalists.update(ranked[:per_group])
        return finalists

    def _run(
        self, car_number: str, finalists: set[str] | None = None, *, final_ran: bool = False
    ) -> QualifyingRun:
        """The car's best in the latest round it set a time in (that counts for it)."""
        rounds = self._bests.get(car_number)
        if rounds and finalists is not None:
            rounds = {n: best for n, best in rounds.items() if n == 1 or car_number in finalists}
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
            advanced=final_ran and max(rounds) == 1 and car_number in (finalists or ()),
        )


def qualifying_order(
    sessions: Sequence[Session],
    laps: Iterable[Lap],
    tie_break: TieBreak,
    owner_rank: Mapping[str, int],
    plan: RoundPlan | None = None,
) -> list[QualifyingRun]:
    """Rank every car that ran in qualifying, best first.

    Knockout rounds keep their own bests: a car that reached a later round ranks ahead of every
    car eliminated earlier, and eliminated cars rank by their best in the last round they ran.
    Groups of the same round are combined by time. Flagged laps and laps outside qualifying
    (or in a cancelled session) do not count; a car with only flagged laps ranks last.
    """
    bests = CarBests(sessions, plan)
    for lap in laps:
        bests.add(lap)
    return rank_runs(bests.runs(), tie_break, owner_rank)


def rank_runs(
    runs: Iterable[QualifyingRun], tie_break: TieBreak, owner_rank: Mapping[str, int]
) -> list[QualifyingRun]:
    """Later rounds first, then by time; ties by the pack's rule, then owner rank, car number."""
    return sorted(runs, key=lambda run: _order_key(run, tie_break, owner_rank))


def _lap_key(lap: Lap) -> tuple[int, datetime, str]:
    return (lap.lap_ms, lap.logged_at, str(lap.id))


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
    return (
        0,
        -run.round_reached,
        not run.advanced,
        run.best_lap_ms,
        tie,
        owner,
        car_sort_key(run.car_number),
    )
