"""Use cases of race results: enter, correct, delete and make official, each edit in the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from uuid import UUID

from domain.changes import Changes, added, changed, removed
from domain.model import RACE, RaceResult, ensure_car_number
from domain.ports import UnitOfWork
from domain.rules.results import ensure_complete, ensure_numbers, ensure_unique
from domain.ruleset import RuleSet
from domain.services.common import (
    active_entry_for_car,
    get_driver,
    race_driver,
    record_event_change,
    require_text,
    result_session,
)
from domain.services.stale import ensure_as_seen, next_version
from domain.services.starters import ensure_started, non_qualifiers


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
    replacement_start: bool = False,
    ruleset: RuleSet | None = None,
    why: str = "",
) -> tuple[RaceResult, Changes]:
    """Record one car's result in the race (or a Duel: `session_name`); the driver defaults to
    whoever drives the car in the race.

    With the event's `ruleset`, a car that failed to qualify is refused a race result unless it
    is recorded as a replacement start (domain/services/starters.py); every entry runs a Duel."""
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
            replacement_start=replacement_start,
        )
        if ruleset is not None and result.is_race:
            ensure_started(result, non_qualifiers(uow, event_id, ruleset))
        result = _add(uow, result, why)
        uow.commit()
    return result, Changes(results=added(result))


def restore_result(
    uow: UnitOfWork, result: RaceResult, *, why: str = ""
) -> tuple[RaceResult, Changes]:
    """Put a deleted result back as it was (undo), if its place is still free."""
    with uow:
        result = _add(uow, result, why)
        uow.commit()
    return result, Changes(results=added(result))


def correct_result(
    uow: UnitOfWork, corrected: RaceResult, *, why: str = "", seen: RaceResult | None = None
) -> tuple[RaceResult, Changes]:
    """Save a changed result; standings recompute from it, the old values stay in the history.

    `seen` is the result as the user saw it: changed since on another laptop, the correction
    is refused with what changed. The result returned is the new version.
    """
    with uow:
        old = uow.results.get(corrected.id)
        ensure_as_seen(uow, old, seen, _whose(old))
        result = next_version(old, _checked(uow, replace(corrected, event_id=old.event_id)))
        uow.results.update(result)
        record_event_change(uow, _subject, old, result, why)
        uow.commit()
    return result, Changes(results=changed(result))


def delete_result(
    uow: UnitOfWork, result_id: UUID, *, why: str = "", seen: RaceResult | None = None
) -> tuple[RaceResult, Changes]:
    """Remove a result; the returned value lets undo restore it. A result changed on another
    laptop since the user saw it (`seen`) is not deleted unseen."""
    with uow:
        old = uow.results.get(result_id)
        ensure_as_seen(uow, old, seen, _whose(old))
        uow.results.delete(result_id)
        record_event_change(uow, _subject, old, None, why)
        uow.commit()
    return old, Changes(results=removed(old))


def set_results_official(
    uow: UnitOfWork, event_id: UUID, official: bool = True, *, why: str = ""
) -> tuple[list[RaceResult], Changes]:
    """Mark the race's results official (or provisional again); official needs P1..PN complete."""
    with uow:
        uow.events.get(event_id)
        results = uow.results.list_for_event(event_id)
        if official:
            ensure_complete(results)
        after, edited = [], []
        for old in results:
            result = replace(old, official=official)
            if result != old:
                result = next_version(old, result)
                uow.results.update(result)
                record_event_change(uow, _subject, old, result, why)
                edited.append(result)
            after.append(result)
        uow.commit()
    return after, Changes(results=changed(*edited))


def restore_official_flags(
    uow: UnitOfWork, earlier: Sequence[RaceResult], *, why: str = ""
) -> tuple[list[RaceResult], Changes]:
    """Undo of making results official: each result gets its own earlier flag, in one go."""
    with uow:
        edited = []
        for before in earlier:
            old = uow.results.get(before.id)
            if old.official != before.official:
                result = next_version(old, replace(old, official=before.official))
                uow.results.update(result)
                record_event_change(uow, _subject, old, result, why)
                edited.append(result)
        uow.commit()
    return edited, Changes(results=changed(*edited))


def _add(uow: UnitOfWork, result: RaceResult, why: str) -> RaceResult:
    result = _checked(uow, result)
    uow.results.add(result)
    record_event_change(uow, _subject, None, result, why)
    return result


def _subject(result: RaceResult) -> str:
    where = "" if result.is_race else f" ({result.session_name})"
    return f"Result No. {result.car_number}{where}"


def _whose(result: RaceResult) -> str:
    where = "" if result.is_race else f" in {result.session_name}"
    return f"No. {result.car_number}'s result{where}"


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
    ensure_numbers(result, starters)
    stored = uow.results.list_for_event(result.event_id, result.session_name)
    others = [r for r in stored if r.id != result.id]
    ensure_unique(result, others)
    return result
