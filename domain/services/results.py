"""Use cases of race results: enter, correct, delete and make official, each edit in the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from uuid import UUID

from domain.errors import DuplicateError, ValidationError
from domain.model import RACE, RaceResult, ensure_car_number
from domain.ports import UnitOfWork
from domain.services.common import (
    active_entry_for_car,
    get_driver,
    race_driver,
    record_event_change,
    require_text,
    result_session,
)


def enter_result(
    uow: UnitOfWork,
    event_id: UUID,
    car_text: str,
    finish: int,
    *,
    driver_id: UUID | None = None,
    start: int | None = None,
    status: str = "running",
    laps: int = 0,
    laps_led: int = 0,
    stage1: int | None = None,
    stage2: int | None = None,
    stage3: int | None = None,
    fastest_lap: bool = False,
    garage_repair: bool = False,
    session_name: str = RACE,
    why: str = "",
) -> RaceResult:
    """Record one car's result in the race (or a Duel: `session_name`); the driver defaults to
    whoever drives the car in the race."""
    with uow:
        entry = active_entry_for_car(uow, event_id, car_text)
        if driver_id is None:
            session_name = result_session(uow, event_id, session_name)
            driver_id = race_driver(uow, entry, session_name)
        result = RaceResult(
            event_id=event_id,
            car_number=entry.car_number,
            driver_id=driver_id,
            finish=finish,
            start=start,
            status=status,
            laps=laps,
            laps_led=laps_led,
            stage1=stage1,
            stage2=stage2,
            stage3=stage3,
            fastest_lap=fastest_lap,
            garage_repair=garage_repair,
            session_name=session_name,
        )
        result = _add(uow, result, why)
        uow.commit()
    return result


def restore_result(uow: UnitOfWork, result: RaceResult, *, why: str = "") -> RaceResult:
    """Put a deleted result back as it was (undo), if its place is still free."""
    with uow:
        result = _add(uow, result, why)
        uow.commit()
    return result


def correct_result(uow: UnitOfWork, corrected: RaceResult, *, why: str = "") -> RaceResult:
    """Save a changed result; standings recompute from it, the old values stay in the history."""
    with uow:
        old = uow.results.get(corrected.id)
        result = _checked(uow, replace(corrected, event_id=old.event_id))
        uow.results.update(result)
        record_event_change(uow, _subject, old, result, why)
        uow.commit()
    return result


def delete_result(uow: UnitOfWork, result_id: UUID, *, why: str = "") -> RaceResult:
    """Remove a result; the returned value lets undo restore it."""
    with uow:
        old = uow.results.get(result_id)
        uow.results.delete(result_id)
        record_event_change(uow, _subject, old, None, why)
        uow.commit()
    return old


def set_results_official(
    uow: UnitOfWork, event_id: UUID, official: bool = True, *, why: str = ""
) -> list[RaceResult]:
    """Mark the race's results official (or provisional again); official needs P1..PN complete."""
    with uow:
        uow.events.get(event_id)
        results = uow.results.list_for_event(event_id)
        if official:
            _ensure_complete(results)
        changed = []
        for old in results:
            result = replace(old, official=official)
            if result != old:
                uow.results.update(result)
                record_event_change(uow, _subject, old, result, why)
            changed.append(result)
        uow.commit()
    return changed


def _add(uow: UnitOfWork, result: RaceResult, why: str) -> RaceResult:
    result = _checked(uow, result)
    uow.results.add(result)
    record_event_change(uow, _subject, None, result, why)
    return result


def _subject(result: RaceResult) -> str:
    where = "" if result.is_race else f" ({result.session_name})"
    return f"Result No. {result.car_number}{where}"


def _ensure_complete(results: Sequence[RaceResult]) -> None:
    if not results:
        raise ValidationError("There are no results to make official yet; enter them first.")
    finishes = {r.finish for r in results}
    for position in range(1, len(results) + 1):
        if position not in finishes:
            raise ValidationError(
                f"P{position} has no result; enter or correct the finishing order before "
                "making the results official."
            )


def _checked(uow: UnitOfWork, result: RaceResult) -> RaceResult:
    """The result with a valid car and driver, checked against the event's other results."""
    entry = active_entry_for_car(uow, result.event_id, ensure_car_number(result.car_number))
    get_driver(uow, result.driver_id)
    result = replace(
        result,
        car_number=entry.car_number,
        status=require_text(result.status, "a status"),
        session_name=result_session(uow, result.event_id, result.session_name),
    )
    starters = sum(1 for e in uow.entries.list_for_event(result.event_id) if not e.withdrawn)
    _ensure_numbers(result, starters)
    stored = uow.results.list_for_event(result.event_id, result.session_name)
    others = [r for r in stored if r.id != result.id]
    _ensure_unique(result, others)
    return result


def _ensure_numbers(result: RaceResult, starters: int) -> None:
    car = f"No. {result.car_number}"
    if not 1 <= result.finish <= starters:
        raise ValidationError(
            f"{car}: the finish must be between 1 and {starters}, the number of cars entered."
        )
    if result.start is not None and not 1 <= result.start <= starters:
        raise ValidationError(f"{car}: the starting position must be between 1 and {starters}.")
    if result.laps < 0:
        raise ValidationError(f"{car}: laps completed cannot be negative.")
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


def _ensure_unique(result: RaceResult, others: Sequence[RaceResult]) -> None:
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
