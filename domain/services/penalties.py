"""Use cases of penalties and playoff waivers, the standings keeper's rulings, kept in history."""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from domain.bounds import POINTS
from domain.changes import Changes, added, changed, removed
from domain.errors import DuplicateError, NotFoundError, ValidationError
from domain.model import Penalty, Waiver, WaiverReason, WaiverStatus
from domain.ports import UnitOfWork
from domain.services.common import (
    entry_for_car,
    get_driver,
    race_driver,
    record_changes,
    record_event_change,
    require_text,
)
from domain.services.stale import ensure_as_seen, next_version


def add_penalty(
    uow: UnitOfWork,
    event_id: UUID,
    car_text: str,
    *,
    reason: str,
    driver_points: int = 0,
    owner_points: int = 0,
    playoff_points: int = 0,
    disqualified: bool = False,
) -> tuple[Penalty, Changes]:
    """Deduct points from a car's driver and owner (separately) or disqualify it, with a reason."""
    with uow:
        penalty = penalty_for(
            uow, event_id, car_text, reason=reason, driver_points=driver_points,
            owner_points=owner_points, playoff_points=playoff_points, disqualified=disqualified,
        )  # fmt: skip
        uow.penalties.add(penalty)
        record_event_change(uow, _subject, None, penalty, penalty.reason)
        uow.commit()
    return penalty, Changes(penalties=added(penalty))


def remove_penalty(uow: UnitOfWork, penalty: Penalty, *, why: str = "") -> tuple[Penalty, Changes]:
    """Rescind a penalty (on appeal, or undo); the points come back in the standings.

    `penalty` is the one the user saw: changed since on another laptop, it is not rescinded
    unseen (ConcurrentEditError says what changed).
    """
    with uow:
        stored = uow.penalties.get(penalty.id)
        ensure_as_seen(uow, stored, penalty, f"No. {stored.car_number}'s penalty")
        uow.penalties.delete(penalty.id)
        record_event_change(uow, _subject, penalty, None, why)
        uow.commit()
    return penalty, Changes(penalties=removed(penalty))


def request_waiver(
    uow: UnitOfWork,
    series: str,
    season: int,
    driver_id: UUID,
    reason: WaiverReason,
    *,
    note: str = "",
) -> tuple[Waiver, Changes]:
    """A team asks that a driver who misses races stay playoff-eligible."""
    with uow:
        driver = get_driver(uow, driver_id)
        for other in uow.waivers.list_for_season(series, season):
            if other.driver_id == driver_id and other.status != WaiverStatus.DENIED:
                raise DuplicateError(
                    f"{driver.label} already has a {other.status.value} waiver for "
                    f"{season}; grant or deny that one."
                )
        waiver = Waiver(
            series=series, season=season, driver_id=driver_id, reason=reason, note=note.strip()
        )
        uow.waivers.add(waiver)
        record_changes(uow, event_id=None, subject=f"Waiver {driver.label}", old=None, new=waiver)
        uow.commit()
    return waiver, Changes(waivers=added(waiver))


def grant_waiver(uow: UnitOfWork, waiver: Waiver, *, why: str = "") -> tuple[Waiver, Changes]:
    """NASCAR granted it: the driver stays eligible (a non-medical one may cost playoff points)."""
    return _decide(uow, waiver, WaiverStatus.GRANTED, why)


def deny_waiver(uow: UnitOfWork, waiver: Waiver, *, why: str = "") -> tuple[Waiver, Changes]:
    """NASCAR refused it: the missed race makes the driver ineligible for the playoffs."""
    return _decide(uow, waiver, WaiverStatus.DENIED, why)


def _decide(
    uow: UnitOfWork, waiver: Waiver, status: WaiverStatus, why: str
) -> tuple[Waiver, Changes]:
    with uow:
        old = stored_waiver(uow, waiver)
        driver = get_driver(uow, old.driver_id)
        if old.status == status:
            raise ValidationError(f"The waiver for {driver.label} is already {status.value}.")
        new = next_version(old, replace(old, status=status))
        uow.waivers.update(new)
        record_changes(
            uow, event_id=None, subject=f"Waiver {driver.label}", old=old, new=new, why=why
        )
        uow.commit()
    return new, Changes(waivers=changed(new))


def _subject(penalty: Penalty) -> str:
    return f"Penalty No. {penalty.car_number}"


def _penalised_driver(uow: UnitOfWork, event_id: UUID, car: str) -> UUID:
    """The driver of the car's result, else the car's driver at the end of the weekend."""
    for result in uow.results.list_for_event(event_id):
        if result.car_number == car:
            return result.driver_id
    return race_driver(uow, entry_for_car(uow, event_id, car))


def restore_penalty(uow: UnitOfWork, penalty: Penalty, *, why: str = "") -> tuple[Penalty, Changes]:
    """Put a rescinded penalty back exactly as it was (same id), e.g. on undo."""
    with uow:
        uow.events.get(penalty.event_id)
        uow.penalties.add(penalty)
        record_event_change(uow, _subject, None, penalty, why)
        uow.commit()
    return penalty, Changes(penalties=added(penalty))


def restore_waiver(
    uow: UnitOfWork, current: Waiver, earlier: Waiver | None, *, why: str = ""
) -> tuple[Waiver | None, Changes]:
    """Undo a waiver edit: back to `earlier`, or gone when it was just requested (None).

    `current` is the waiver as the edit left it; changed since on another laptop, the undo is
    refused with what changed.
    """
    with uow:
        stored = stored_waiver(uow, current)
        if earlier is None:
            uow.waivers.delete(current.id)
        else:
            earlier = next_version(stored, earlier)
            uow.waivers.update(earlier)
        driver = get_driver(uow, current.driver_id)
        record_changes(
            uow, event_id=None, subject=f"Waiver {driver.label}", old=stored, new=earlier, why=why
        )
        uow.commit()
    waivers = removed(stored) if earlier is None else changed(earlier)
    return earlier, Changes(waivers=waivers)


def stored_waiver(uow: UnitOfWork, seen: Waiver) -> Waiver:
    """Inside an open unit of work: the waiver as stored, if it is still the one the user saw."""
    stored = {w.id: w for w in uow.waivers.list_for_season(seen.series, seen.season)}
    if seen.id not in stored:
        raise NotFoundError("That waiver no longer exists; it may have been deleted.")
    waiver = stored[seen.id]
    ensure_as_seen(uow, waiver, seen, f"{get_driver(uow, waiver.driver_id).label}'s waiver")
    return waiver


def penalty_for(
    uow: UnitOfWork,
    event_id: UUID,
    car_text: str,
    *,
    reason: str,
    driver_points: int = 0,
    owner_points: int = 0,
    playoff_points: int = 0,
    disqualified: bool = False,
    driver_id: UUID | None = None,
) -> Penalty:
    """Inside an open unit of work: a checked penalty, typed or imported (one validation path).

    The driver defaults to the car's driver in the race (its result's, else the entry's)."""
    reason = require_text(reason, "the reason for the penalty, e.g. “L1 penalty: loose lug nut”")
    amounts = (driver_points, owner_points, playoff_points)
    if any(amount < 0 for amount in amounts):
        raise ValidationError("Enter deductions as positive numbers of points (10, not -10).")
    if any(amount > POINTS.maximum for amount in amounts):
        raise ValidationError(f"A deduction is at most {POINTS.maximum:,} points.")
    if not disqualified and not any(amounts):
        raise ValidationError("A penalty deducts some points or disqualifies the car.")
    entry = entry_for_car(uow, event_id, car_text)
    if driver_id is not None:
        get_driver(uow, driver_id)
    return Penalty(
        event_id=event_id,
        car_number=entry.car_number,
        driver_id=driver_id or _penalised_driver(uow, event_id, entry.car_number),
        driver_points=driver_points,
        owner_points=owner_points,
        playoff_points=playoff_points,
        disqualified=disqualified,
        reason=reason,
    )
