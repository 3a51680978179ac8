"""The practice board: laps run, best lap, averages over consecutive laps, fall-off over a run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.model import Lap, LapFlag, car_sort_key

FALLOFF_MIN_RUN = 6  # laps a run needs before its first and last three laps say anything
FALLOFF_LAPS = 3


@dataclass(frozen=True, slots=True)
class PracticeRow:
    """One car's practice; None where the car has not run enough clean laps for the figure."""

    car_number: str
    laps_run: int  # every lap logged, flagged ones included
    best_lap_ms: int | None
    average_ms: int | None
    best_5_ms: int | None  # best average of 5 consecutive clean laps
    best_10_ms: int | None
    best_20_ms: int | None
    falloff_ms: int | None  # positive: the car got slower over its longest run
    last_lap_ms: int | None = None  # the lap logged last, flagged or not (timing screens show it)
    laps_in_run: int = 0  # laps since the car last came in (an "in" lap ends a run)


def _average_ms(total_ms: int, count: int) -> int:
    """Integer average rounded half up (towards +∞ for negative differences too)."""
    return (2 * total_ms + count) // (2 * count)


def _runs(laps: Sequence[Lap]) -> list[list[int]]:
    """Stretches of consecutive unflagged laps: a flagged lap (out, in, caution) ends a run."""
    runs: list[list[int]] = [[]]
    for lap in laps:
        if lap.flag is None:
            runs[-1].append(lap.lap_ms)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _best_window_ms(runs: list[list[int]], size: int) -> int | None:
    """The best average of `size` consecutive clean laps; a window never spans a flagged lap."""
    best_total: int | None = None
    for run in runs:
        if len(run) < size:
            continue
        total = sum(run[:size])
        lowest = total
        for start in range(size, len(run)):  # slide the window one lap on: O(laps), not O(n·size)
            total += run[start] - run[start - size]
            lowest = min(lowest, total)
        if best_total is None or lowest < best_total:
            best_total = lowest
    return None if best_total is None else _average_ms(best_total, size)


def _falloff_ms(runs: list[list[int]]) -> int | None:
    """Average of the last 3 laps minus the average of the first 3 of the longest run.

    Only a run of at least 6 clean laps counts, so the two groups of three never overlap; of
    equally long runs the first is used. Positive means the car lost time as its tyres wore.
    """
    longest = max(runs, key=len, default=[])
    if len(longest) < FALLOFF_MIN_RUN:
        return None
    first, last = longest[:FALLOFF_LAPS], longest[-FALLOFF_LAPS:]
    return _average_ms(sum(last) - sum(first), FALLOFF_LAPS)


def laps_by_car(laps: Iterable[Lap]) -> dict[str, list[Lap]]:
    """Each car's laps in the order they were logged (the lap id orders the same moment)."""
    by_car: dict[str, list[Lap]] = defaultdict(list)
    for lap in laps:
        by_car[lap.car_number].append(lap)
    return {car: sorted(car_laps, key=logged_order) for car, car_laps in by_car.items()}


def logged_order(lap: Lap) -> tuple[datetime, UUID]:
    """When the lap was logged; the id settles laps logged at the same moment, in any order."""
    return (lap.logged_at, lap.id)


def practice_row(car_number: str, laps: Sequence[Lap]) -> PracticeRow:
    """One car's row from its laps in logged order: a live board recomputes only this car."""
    clean = [lap.lap_ms for lap in laps if lap.flag is None]
    runs = _runs(laps)
    return PracticeRow(
        car_number=car_number,
        laps_run=len(laps),
        best_lap_ms=min(clean, default=None),
        average_ms=_average_ms(sum(clean), len(clean)) if clean else None,
        best_5_ms=_best_window_ms(runs, 5),
        best_10_ms=_best_window_ms(runs, 10),
        best_20_ms=_best_window_ms(runs, 20),
        falloff_ms=_falloff_ms(runs),
        last_lap_ms=laps[-1].lap_ms if laps else None,
        laps_in_run=laps_in_run(laps),
    )


def laps_in_run(laps: Sequence[Lap]) -> int:
    """Laps since the car's last in lap: its out lap and every lap after it count."""
    count = 0
    for lap in reversed(laps):
        if lap.flag is LapFlag.IN:
            break
        count += 1
    return count


def rank_practice(rows: Iterable[PracticeRow]) -> list[PracticeRow]:
    """Fastest best lap first; cars without a clean lap last, by car number."""
    return sorted(
        rows,
        key=lambda row: (
            row.best_lap_ms is None,
            row.best_lap_ms or 0,
            car_sort_key(row.car_number),
        ),
    )


def practice_board(laps: Iterable[Lap]) -> list[PracticeRow]:
    """One row per car, fastest best lap first; cars without a clean lap last, by car number."""
    return rank_practice(practice_row(car, car_laps) for car, car_laps in laps_by_car(laps).items())


def car_trace(car_laps: Sequence[Lap]) -> list[tuple[int, int]]:
    """(lap number, ms) of one car's clean laps, given all its laps in logged order.

    Lap numbers count every lap the car logged, so a gap in the trace shows where a flagged
    lap (out lap, caution) was left out rather than drawing its spike.
    """
    return [
        (number, lap.lap_ms) for number, lap in enumerate(car_laps, start=1) if lap.flag is None
    ]


def lap_trace(laps: Iterable[Lap], car_number: str) -> list[tuple[int, int]]:
    """(lap number, ms) of a car's clean laps, for a lap-time chart."""
    car_laps = laps_by_car(lap for lap in laps if lap.car_number == car_number)
    return car_trace(car_laps.get(car_number, []))
