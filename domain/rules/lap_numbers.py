"""Which lap of its car's run of a session a lap is: "No. 48's lap 11" (DESIGN §7).

A feed lap keeps NASCAR's number; a typed lap takes the next number after the car's laps
logged before it. The number of a typed lap is worked out from the laps, not stored: the
database keeps (session, car, lap number) unique for feed laps, and two laptops typing the same
car at once, or merging what they typed offline, would otherwise claim one number twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from domain.model import Lap


def lap_numbers(laps: Iterable[Lap]) -> dict[UUID, int]:
    """Every lap's number within its car's run of its session."""
    numbers: dict[UUID, int] = {}
    last: dict[tuple[UUID, str], int] = {}
    # Logged order; the id breaks a tie the same way on every database.
    for lap in sorted(laps, key=lambda lap: (lap.logged_at, str(lap.id))):
        run = (lap.session_id, lap.car_number)
        number = lap.lap_number if lap.lap_number is not None else last.get(run, 0) + 1
        numbers[lap.id] = number
        last[run] = max(last.get(run, 0), number)
    return numbers


def lap_name(lap: Lap, number: int | None) -> str:
    """ "No. 48's lap 11"; a lap whose number is unknown (no longer stored) is named by car."""
    return f"No. {lap.car_number}'s lap {number}" if number else f"No. {lap.car_number}'s lap"
