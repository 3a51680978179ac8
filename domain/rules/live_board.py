"""Live boards: the rules' per-car figures held in memory, so one more lap costs one car.

With 5,000 laps in a session, re-scanning every lap for each keystroke misses the one-frame
budget of DESIGN §6. These values keep what the rules build on (each car's bests, each car's
laps) and apply a lap to its car only; the answers are the rules' own (`qualifying_order`
and `set_field`, `practice_board`), which the property tests check lap by lap.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from uuid import UUID

from domain.changes import RowChanges
from domain.model import Entry, Lap, Session
from domain.rules.cancelled import CancelledInputs
from domain.rules.field import FieldEvent, FieldResult, set_field
from domain.rules.practice import (
    PracticeRow,
    car_trace,
    laps_by_car,
    logged_order,
    practice_row,
    rank_practice,
)
from domain.rules.qualifying import CarBests, QualifyingRun, RoundPlan, rank_runs
from domain.ruleset import RuleSet


class LiveQualifyingBoard:
    """The event's qualifying board: a logged lap is O(1), an edit or delete redoes one car.

    `apply` takes the laps of a change notice (or `lap_added`, `lap_changed`, `lap_removed`
    one by one), so a window hands it what was saved, undone or redone anywhere. `cancelled`
    holds the fallback metric's inputs when every qualifying session is cancelled; the lineup
    then ignores times.
    """

    def __init__(
        self,
        *,
        sessions: Sequence[Session],
        laps: Iterable[Lap],
        entries: Sequence[Entry],
        driver_names: Mapping[str, str],
        owner_rank: Mapping[str, int],
        ruleset: RuleSet,
        cancelled: CancelledInputs | None = None,
        event: FieldEvent | None = None,
        plan: RoundPlan | None = None,
    ) -> None:
        self._event = event
        self._bests = CarBests(sessions, plan)
        self._entries = list(entries)
        self._names = dict(driver_names)
        self._owner_rank = dict(owner_rank)
        self._ruleset = ruleset
        self.cancelled = cancelled
        self._laps: dict[UUID, Lap] = {}
        self._car_laps: dict[str, dict[UUID, Lap]] = {}
        for lap in laps:
            self.lap_added(lap)

    def runs(self) -> list[QualifyingRun]:
        """The qualifying order, the same as `qualifying_order` over every lap."""
        return rank_runs(self._bests.runs(), self._ruleset.field.tie_break, self._owner_rank)

    def result(self) -> FieldResult:
        """Who is in, who is out and why: `set_field` on the runs held here."""
        return set_field(
            self._entries,
            self.runs(),
            self._ruleset,
            self._owner_rank,
            driver_names=self._names,
            cancelled=self.cancelled,
            event=self._event,
        )

    def apply(self, laps: RowChanges[Lap]) -> None:
        """A change notice's laps: the removed ones forgotten, the changed and added applied."""
        for lap in laps.removed:
            self.lap_removed(lap)
        for lap in laps.changed:
            self.lap_changed(lap)
        for lap in laps.added:
            self.lap_added(lap)

    def lap_added(self, lap: Lap) -> None:
        """A new lap (or one put back by undo); laps outside counted qualifying are ignored."""
        if lap.id in self._laps:
            self.lap_changed(lap)
        elif self._bests.counts(lap):
            self._laps[lap.id] = lap
            self._car_laps.setdefault(lap.car_number, {})[lap.id] = lap
            self._bests.add(lap)

    def lap_changed(self, lap: Lap) -> None:
        """A corrected time, car, flag or note: the cars involved are worked out again."""
        self.lap_removed(lap)
        self.lap_added(lap)

    def lap_removed(self, lap: Lap) -> None:
        """Forget a deleted lap (as it was held: an edit may have moved it to another car)."""
        old = self._laps.pop(lap.id, None)
        if old is not None:
            self._car_laps[old.car_number].pop(old.id)
            self._redo_car(old.car_number)

    def _redo_car(self, car_number: str) -> None:
        self._bests.forget(car_number)
        for lap in self._car_laps.get(car_number, {}).values():
            self._bests.add(lap)


class LivePracticeBoard:
    """One practice session's board: a lap recomputes only its car's row (`practice_row`)."""

    def __init__(self, session_id: UUID, laps: Iterable[Lap]) -> None:
        self.session_id = session_id
        own = [lap for lap in laps if lap.session_id == session_id]
        self._car_laps: dict[str, list[Lap]] = laps_by_car(own)
        self._car_of: dict[UUID, str] = {lap.id: lap.car_number for lap in own}
        self._rows: dict[str, PracticeRow] = {
            car: practice_row(car, car_laps) for car, car_laps in self._car_laps.items()
        }

    def rows(self) -> list[PracticeRow]:
        """The board, the same as `practice_board` over the session's laps."""
        return rank_practice(self._rows.values())

    def trace(self, car_number: str) -> list[tuple[int, int]]:
        """The car's clean laps as (lap number, ms), the same as `lap_trace`."""
        return car_trace(self._car_laps.get(car_number, []))

    def apply(self, laps: RowChanges[Lap]) -> None:
        """A change notice's laps: the removed ones forgotten, the changed and added applied."""
        for lap in laps.removed:
            self.lap_removed(lap)
        for lap in laps.changed:
            self.lap_changed(lap)
        for lap in laps.added:
            self.lap_added(lap)

    def lap_added(self, lap: Lap) -> None:
        if lap.session_id != self.session_id:
            return
        if lap.id in self._car_of:
            self.lap_changed(lap)
            return
        car_laps = self._car_laps.setdefault(lap.car_number, [])
        bisect.insort_right(car_laps, lap, key=logged_order)
        self._car_of[lap.id] = lap.car_number
        self._rows[lap.car_number] = practice_row(lap.car_number, car_laps)

    def lap_changed(self, lap: Lap) -> None:
        car = self._car_of.get(lap.id)
        if car != lap.car_number:  # moved to another car (or not held): remove, then add
            self.lap_removed(lap)
            self.lap_added(lap)
            return
        car_laps = self._car_laps[car]
        car_laps[next(i for i, held in enumerate(car_laps) if held.id == lap.id)] = lap
        self._rows[car] = practice_row(car, car_laps)

    def lap_removed(self, lap: Lap) -> None:
        car = self._car_of.pop(lap.id, None)
        if car is None:
            return
        car_laps = [held for held in self._car_laps[car] if held.id != lap.id]
        if car_laps:
            self._car_laps[car] = car_laps
            self._rows[car] = practice_row(car, car_laps)
        else:
            del self._car_laps[car], self._rows[car]
