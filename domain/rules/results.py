"""What makes a race result valid on its own and beside the race's other results (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.bounds import LAPS
from domain.errors import DuplicateError, ValidationError
from domain.model import RaceResult


def ensure_complete(results: Sequence[RaceResult]) -> None:
    """Official results need P1 to PN, one each, with no gap."""
    if not results:
        raise ValidationError("There are no results to make official yet; enter them first.")
    finishes = {r.finish for r in results}
    for position in range(1, len(results) + 1):
        if position not in finishes:
            raise ValidationError(
                f"P{position} has no result; enter or correct the finishing order before "
                "making the results official."
            )


def ensure_numbers(result: RaceResult, starters: int) -> None:
    """Finish and start within the cars entered, laps and laps led possible, stage places that
    exist; a Duel has only a finishing order."""
    car = f"No. {result.car_number}"
    if not 1 <= result.finish <= starters:
        raise ValidationError(
            f"{car}: the finish must be between 1 and {starters}, the number of cars entered."
        )
    if result.start is not None and not 1 <= result.start <= starters:
        raise ValidationError(f"{car}: the starting position must be between 1 and {starters}.")
    if result.laps < 0:
        raise ValidationError(f"{car}: laps completed cannot be negative.")
    if result.laps > LAPS.maximum:  # domain/bounds.py: far above any race, below any column
        raise ValidationError(f"{car}: laps completed are at most {LAPS.maximum:,}.")
    if not 0 <= result.laps_led <= result.laps:
        raise ValidationError(
            f"{car}: laps led ({result.laps_led}) must be between 0 and the laps completed "
            f"({result.laps})."
        )
    # How many places a stage pays is the rule pack's; a recorded place only has to exist.
    for number, position in enumerate(result.stages, start=1):
        if position is not None and not 1 <= position <= starters:
            raise ValidationError(
                f"{car}: a stage {number} position is 1 to {starters}, the number of cars "
                "entered; leave it empty for a car outside the places that score."
            )
    if not result.is_race and (result.fastest_lap or any(p is not None for p in result.stages)):
        raise ValidationError(
            f"{car}: {result.session_name} has no stages and no fastest-lap point; enter only "
            "its finishing order."
        )


def ensure_unique(result: RaceResult, others: Sequence[RaceResult]) -> None:
    """One result per car; a finish, a stage place and the fastest lap belong to one car."""
    for other in others:
        taken = f"No. {other.car_number} already has"
        if other.car_number == result.car_number:
            raise DuplicateError(
                f"No. {result.car_number} already has a result in this race; correct that one."
            )
        if other.finish == result.finish:
            raise DuplicateError(f"{taken} P{result.finish}; correct or delete that result first.")
        for number, (mine, theirs) in enumerate(
            zip(result.stages, other.stages, strict=True), start=1
        ):
            if mine is not None and mine == theirs:
                raise DuplicateError(
                    f"{taken} P{mine} in stage {number}; correct that result first."
                )
        if result.fastest_lap and other.fastest_lap:
            raise DuplicateError(f"{taken} the race's fastest lap; clear it there first.")
