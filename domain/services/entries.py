"""Use cases of the entry list: cars, drivers and substitutions, each edit kept in the history."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from uuid import UUID

from domain.changes import Changes, RowChanges, added, changed, removed
from domain.errors import DuplicateError, ValidationError
from domain.model import DUELS, RACE, Driver, Entry, Substitution, ensure_car_number
from domain.ports import UnitOfWork
from domain.rules.drivers import driver_at, drivers_from
from domain.ruleset import RuleSet
from domain.services.common import (
    find_or_add_driver_in,
    get_driver,
    record_changes,
    record_event_change,
    require_text,
)
from domain.services.eligibility import ensure_eligible
from domain.services.stale import ensure_as_seen, next_version


def find_or_add_driver(
    uow: UnitOfWork, name: str, *, disambiguator: str = ""
) -> tuple[Driver, Changes]:
    """The driver with this name and disambiguator, or a new one; a shared name is never merged."""
    with uow:
        driver, drivers = find_or_add_driver_in(uow, name, disambiguator)
        uow.commit()
    return driver, Changes(drivers=drivers)


def add_entry(
    uow: UnitOfWork,
    event_id: UUID,
    car_text: str,
    driver_name: str,
    *,
    team: str,
    make: str,
    owner: str = "",
    disambiguator: str = "",
    guaranteed: bool = False,
    oep: bool = False,
    past_champion: bool = False,
    points_eligible: bool = True,
    ruleset: RuleSet | None = None,
) -> tuple[Entry, Changes]:
    """Put a car on the event's entry list with its driver (found or added by name); `ruleset`
    (the event's pack) refuses a driver its [eligibility] keeps out (ensure_eligible)."""
    with uow:
        event = uow.events.get(event_id)
        driver, drivers = find_or_add_driver_in(uow, driver_name, disambiguator)
        entry = Entry(
            event_id=event_id,
            car_number=ensure_car_number(car_text),
            driver_id=driver.id,
            team=require_text(team, "the team"),
            owner=owner.strip() or team.strip(),
            make=require_text(make, "the make"),
            guaranteed=guaranteed,
            oep=oep,
            past_champion=past_champion,
            points_eligible=points_eligible,
        )
        _ensure_car_free(uow, entry)
        ensure_driver_free(uow, event_id, driver.id, other_than={entry.id})
        ensure_eligible(uow, ruleset, event, driver.id)
        uow.entries.add(entry)
        record_event_change(uow, _subject, None, entry)
        uow.commit()
    return entry, Changes(entries=added(entry), drivers=drivers)


def edit_entry(
    uow: UnitOfWork,
    edited: Entry,
    *,
    driver_name: str | None = None,
    disambiguator: str = "",
    why: str = "",
    ruleset: RuleSet | None = None,
    seen: Entry | None = None,
) -> tuple[Entry, Changes]:
    """Save a changed entry; a car number with laps or results cannot be renumbered, and a new
    driver must pass the `ruleset`'s eligibility rules.

    `driver_name` names the car's driver by name instead of by `edited.driver_id`: a driver not
    yet stored is added in the same transaction, so a refused edit leaves no driver behind.
    `seen` is the entry as the user saw it: changed since on another laptop, the edit is
    refused with what changed (domain/services/stale.py). The entry returned is the new version.
    """
    with uow:
        old = uow.entries.get(edited.id)
        ensure_as_seen(uow, old, seen, _whose(old))
        drivers: RowChanges[Driver] = RowChanges()
        if driver_name is not None:
            driver, drivers = find_or_add_driver_in(uow, driver_name, disambiguator)
            edited = replace(edited, driver_id=driver.id)
        entry = _update(uow, old, edited, why, ruleset)
        uow.commit()
    return entry, Changes(entries=changed(entry), drivers=drivers)


def undo_entry_edit(
    uow: UnitOfWork, current: Entry, earlier: Entry, *, added_drivers: Sequence[Driver] = ()
) -> tuple[Entry, Changes]:
    """Put an edited entry back as it was; the drivers its edit added go again if unused.

    `current` is the entry as the edit left it; changed since on another laptop, the undo is
    refused with what changed.
    """
    with uow:
        event = uow.events.get(current.event_id)
        stored = uow.entries.get(current.id)
        ensure_as_seen(uow, stored, current, _whose(stored))
        entry = _update(uow, stored, earlier, "Undo")
        named = {d.id for d in uow.drivers.list_for_season(event.series, event.season)}
        gone = tuple(d for d in added_drivers if d.id not in named)
        for driver in gone:
            uow.drivers.delete(driver.id)
        uow.commit()
    return entry, Changes(entries=changed(entry), drivers=removed(*gone))


def withdraw_entry(
    uow: UnitOfWork, entry_id: UUID, *, why: str = "", seen: Entry | None = None
) -> tuple[Entry, Changes]:
    """The car will not take part; it stays on the list, greyed out, and can be reinstated."""
    return _set_withdrawn(uow, entry_id, True, why, None, seen)


def reinstate_entry(
    uow: UnitOfWork,
    entry_id: UUID,
    *,
    why: str = "",
    ruleset: RuleSet | None = None,
    seen: Entry | None = None,
) -> tuple[Entry, Changes]:
    """Undo a withdrawal, as long as its driver is not driving another car by now and may
    still start (the `ruleset`'s eligibility rules)."""
    return _set_withdrawn(uow, entry_id, False, why, ruleset, seen)


def delete_entry(
    uow: UnitOfWork, entry_id: UUID, *, why: str = "", seen: Entry | None = None
) -> tuple[Entry, Changes]:
    """Take a car off the list as if never entered; one with laps or results is withdrawn instead.

    The returned entry lets undo put it back with restore_entry.
    """
    with uow:
        entry = uow.entries.get(entry_id)
        ensure_as_seen(uow, entry, seen, _whose(entry))
        if _car_used(uow, entry):
            raise ValidationError(
                f"No. {entry.car_number} already has laps or a result in this event, so it "
                "cannot be deleted; withdraw it instead (it stays listed, greyed out)."
            )
        if any(s.entry_id == entry.id for s in uow.substitutions.list_for_event(entry.event_id)):
            raise ValidationError(
                f"No. {entry.car_number} has a driver substitution, so deleting it would lose "
                "who drove it; withdraw it instead, or remove the substitution first."
            )
        uow.entries.delete(entry.id)
        record_event_change(uow, _subject, entry, None, why)
        uow.commit()
    return entry, Changes(entries=removed(entry))


def restore_entry(
    uow: UnitOfWork, entry: Entry, *, why: str = "", ruleset: RuleSet | None = None
) -> tuple[Entry, Changes]:
    """Put a deleted entry back exactly as it was (same id), if its number and driver are free
    and the driver may still start (the `ruleset`'s eligibility rules)."""
    with uow:
        event = uow.events.get(entry.event_id)
        get_driver(uow, entry.driver_id)
        _ensure_car_free(uow, entry)
        if not entry.withdrawn:
            ensure_driver_free(uow, entry.event_id, entry.driver_id, other_than={entry.id})
            ensure_eligible(uow, ruleset, event, entry.driver_id)
        uow.entries.add(entry)
        record_event_change(uow, _subject, None, entry, why)
        uow.commit()
    return entry, Changes(entries=added(entry))


def _set_withdrawn(
    uow: UnitOfWork,
    entry_id: UUID,
    withdrawn: bool,
    why: str,
    ruleset: RuleSet | None,
    seen: Entry | None,
) -> tuple[Entry, Changes]:
    with uow:
        old = uow.entries.get(entry_id)
        ensure_as_seen(uow, old, seen, _whose(old))
        if old.withdrawn == withdrawn:
            state = "withdrawn" if withdrawn else "on the entry list"
            raise ValidationError(f"No. {old.car_number} is already {state}.")
        if not withdrawn:
            subs = uow.substitutions.list_for_event(old.event_id)
            event = uow.events.get(old.event_id)
            for driver_id in drivers_from(old, subs, 0):
                ensure_driver_free(uow, old.event_id, driver_id, other_than={old.id})
                ensure_eligible(uow, ruleset, event, driver_id)
        entry = next_version(old, replace(old, withdrawn=withdrawn))
        uow.entries.update(entry)
        record_event_change(uow, _subject, old, entry, why)
        uow.commit()
    return entry, Changes(entries=changed(entry))


def substitute_driver(
    uow: UnitOfWork,
    entry_id: UUID,
    driver_name: str,
    *,
    disambiguator: str = "",
    from_session_order: int = 0,
    reason: str = "",
    ruleset: RuleSet | None = None,
) -> tuple[Substitution, Changes]:
    """From a session on, another driver drives the car: "Jesse Love replaces Corey Heim"; the
    `ruleset`'s eligibility rules must let the new driver start."""
    if from_session_order < 0:
        raise ValidationError("A substitution starts at a session of the weekend (0 or later).")
    with uow:
        entry = uow.entries.get(entry_id)
        subs = uow.substitutions.list_for_event(entry.event_id)
        replaced = driver_at(entry, subs, from_session_order)
        driver, drivers = find_or_add_driver_in(uow, driver_name, disambiguator)
        if driver.id == replaced:
            raise ValidationError(f"{driver.label} already drives No. {entry.car_number} then.")
        ensure_driver_free(
            uow,
            entry.event_id,
            driver.id,
            from_session_order=from_session_order,
            other_than={entry.id},
        )
        ensure_eligible(uow, ruleset, uow.events.get(entry.event_id), driver.id)
        sub = Substitution(
            entry_id=entry.id,
            replaced_driver_id=replaced,
            driver_id=driver.id,
            from_session_order=from_session_order,
            reason=reason.strip(),
        )
        uow.substitutions.add(sub)
        record_changes(
            uow,
            event_id=entry.event_id,
            subject=_subject(entry),
            old=None,
            new=sub,
            why=f"{driver.label} replaces {get_driver(uow, replaced).label}. {sub.reason}".strip(),
        )
        uow.commit()
    return sub, Changes(substitutions=added(sub), drivers=drivers)


def remove_substitution(
    uow: UnitOfWork, sub: Substitution, *, why: str = ""
) -> tuple[Substitution, Changes]:
    """Take a substitution back (undo); the car's earlier driver drives again."""
    with uow:
        entry = uow.entries.get(sub.entry_id)
        uow.substitutions.delete(sub.id)
        record_changes(
            uow, event_id=entry.event_id, subject=_subject(entry), old=sub, new=None, why=why
        )
        uow.commit()
    return sub, Changes(substitutions=removed(sub))


def _update(
    uow: UnitOfWork, old: Entry, edited: Entry, why: str, ruleset: RuleSet | None = None
) -> Entry:
    """Store the edited entry over `old` once its fields, number and driver pass the checks."""
    entry = replace(
        edited,
        event_id=old.event_id,
        car_number=ensure_car_number(edited.car_number),
        team=require_text(edited.team, "the team"),
        make=require_text(edited.make, "the make"),
        owner=edited.owner.strip() or edited.team.strip(),
    )
    if entry.car_number != old.car_number:
        _ensure_car_free(uow, entry)
        _ensure_not_used(uow, old)
    if entry.driver_id != old.driver_id:
        get_driver(uow, entry.driver_id)
        if not entry.withdrawn:
            ensure_driver_free(uow, entry.event_id, entry.driver_id, other_than={entry.id})
            ensure_eligible(uow, ruleset, uow.events.get(entry.event_id), entry.driver_id)
    entry = next_version(old, entry)
    uow.entries.update(entry)
    record_event_change(uow, _subject, old, entry, why)
    return entry


def _subject(entry: Entry) -> str:
    return f"Entry No. {entry.car_number}"


def _whose(entry: Entry) -> str:
    return f"No. {entry.car_number}'s entry"


def _ensure_car_free(uow: UnitOfWork, entry: Entry) -> None:
    for other in uow.entries.list_for_event(entry.event_id):
        if other.car_number == entry.car_number and other.id != entry.id:
            driver = get_driver(uow, other.driver_id)
            raise DuplicateError(
                f"No. {entry.car_number} is already on the entry list of this event "
                f"({driver.label}); use another number or edit that entry."
            )


def _car_used(uow: UnitOfWork, entry: Entry) -> bool:
    """Laps, results and penalties are filed under the car number."""
    car = entry.car_number
    return (
        any(lap.car_number == car for lap in uow.laps.list_for_event(entry.event_id))
        or any(
            r.car_number == car
            for session_name in (RACE, *DUELS)
            for r in uow.results.list_for_event(entry.event_id, session_name)
        )
        or any(p.car_number == car for p in uow.penalties.list_for_event(entry.event_id))
    )


def _ensure_not_used(uow: UnitOfWork, old: Entry) -> None:
    """A number with laps or results stays, or they would belong to no car."""
    if _car_used(uow, old):
        raise ValidationError(
            f"No. {old.car_number} already has laps or a result in this event, so its number "
            "cannot change; withdraw it and add the car under its new number."
        )


def ensure_driver_free(
    uow: UnitOfWork,
    event_id: UUID,
    driver_id: UUID,
    *,
    from_session_order: int = 0,
    other_than: Collection[UUID] = (),
) -> None:
    """The same driver cannot drive two cars of one event at the same time.

    Inside an open unit of work. Entries in `other_than` are not looked at: the one being saved,
    or every car of an import file (the file's own rows are checked against each other).
    """
    subs = uow.substitutions.list_for_event(event_id)
    for other in uow.entries.list_for_event(event_id):
        if other.id in other_than or other.withdrawn:
            continue
        if driver_id in drivers_from(other, subs, from_session_order):
            driver = get_driver(uow, driver_id)
            raise DuplicateError(
                f"{driver.label} already drives No. {other.car_number} in this event; "
                f"put another driver in No. {other.car_number} first, or pick another driver."
            )
