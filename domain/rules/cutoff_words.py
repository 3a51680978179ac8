"""The cutoff in words that agree everywhere: the board, the reason and the printed lineup.

"+0.138 to cutoff" beside "needed 0.139 s" read as a contradiction: the gap is how far a car
is behind the cutoff time, what it needed is that gap plus the thousandth that beats it (a
tie goes to the cutoff car unless the tie-break favours the other). Saying both in one
sentence explains the difference; the last car in shows its margin over the first car out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.laptime import format_lap_time


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCar:
    """An open car with a time, as the cutoff sees it: board order, gap, what it needed."""

    car_number: str
    gap_to_cutoff_ms: int  # positive: slower than the cutoff car
    starts: bool
    needed_ms: int | None = None  # cars out: how much faster they needed to be


def seconds(ms: int) -> str:
    return f"{format_lap_time(abs(ms))} s"


def behind_words(gap_ms: int, cutoff: str, needed_ms: int) -> str:
    """A car out on speed: '0.138 s slower than No. 78; needed 0.139 s to beat it'."""
    how_far = f"level with {cutoff}" if gap_ms == 0 else f"{seconds(gap_ms)} slower than {cutoff}"
    return f"{how_far}; needed {seconds(needed_ms)} to beat it"


def cutoff_notes(open_cars: Sequence[OpenCar], cutoff_car: str | None) -> dict[str, str]:
    """Each open car's place against the cutoff, in board order; empty with no cutoff.

    The cutoff car's note is its margin over the first open car behind it (the first car out
    on speed); the others' notes are their gap to the cutoff car.
    """
    if cutoff_car is None:
        return {}
    cutoff = f"No. {cutoff_car}"
    notes: dict[str, str] = {}
    behind = False
    for car in open_cars:
        if car.car_number == cutoff_car:
            behind = True
            continue
        gap = car.gap_to_cutoff_ms
        if behind and car.needed_ms is not None:
            notes[car.car_number] = behind_words(gap, cutoff, car.needed_ms)
        elif behind:
            notes[car.car_number] = (
                f"level with {cutoff}" if gap == 0 else f"{seconds(gap)} slower than {cutoff}"
            )
        else:
            notes[car.car_number] = f"{seconds(gap)} faster than {cutoff}, the cutoff"
    first_out = _first_out(open_cars, cutoff_car)
    if first_out is not None:
        margin, out = first_out.gap_to_cutoff_ms, f"No. {first_out.car_number}"
        # With provisionals the next car may still start: it is out on speed, not out.
        role = "the fastest car out on speed" if first_out.starts else "the first car out"
        if margin == 0:
            notes[cutoff_car] = f"level with {out}, {role}, and ahead on the tie-break"
        else:
            notes[cutoff_car] = f"{seconds(margin)} faster than {out}, {role}"
    return notes


def cutoff_margin(open_cars: Sequence[OpenCar], cutoff_car: str | None) -> int | None:
    """How far the cutoff car is ahead of the first open car behind it; None: nobody is."""
    first_out = _first_out(open_cars, cutoff_car) if cutoff_car is not None else None
    return first_out.gap_to_cutoff_ms if first_out is not None else None


def _first_out(open_cars: Sequence[OpenCar], cutoff_car: str) -> OpenCar | None:
    cars = [car.car_number for car in open_cars]
    index = cars.index(cutoff_car) if cutoff_car in cars else len(cars)
    return open_cars[index + 1] if index + 1 < len(open_cars) else None
