"""Helpers the use cases share: edit history, driver look-up, who drives a car when."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Protocol, TypeVar
from uuid import UUID

from domain.changes import RowChanges, added
from domain.errors import NotFoundError, ValidationError
from domain.laptime import format_lap_time
from domain.model import RACE, ChangeRecord, Driver, Entry, SessionKind, ensure_car_number
from domain.ports import UnitOfWork
from domain.rules.drivers import driver_at


def record_changes(
    uow: UnitOfWork,
    *,
    event_id: UUID | None,
    subject: str,
    old: object | None,
    new: object | None,
    why: str = "",
    skip: Iterable[str] = ("id",),
) -> list[ChangeRecord]:
    """One ChangeRecord per field that differs; an add or delete is one record of the whole."""
    if old is None or new is None:
        field_name = "added" if old is None else "deleted"
        record = ChangeRecord(
            event_id=event_id,
            subject=subject,
            field_name=field_name,
            old_value=_describe(uow, old),
            new_value=_describe(uow, new),
            why=why,
        )
        uow.history.add(record)
        return [record]
    records = []
    for f in fields(old):  # type: ignore[arg-type]
        before, after = getattr(old, f.name), getattr(new, f.name)
        if f.name in skip or f.name == "version" or before == after:
            continue
        record = ChangeRecord(
            event_id=event_id,
            subject=subject,
            field_name=f.name.removesuffix("_id").replace("_", " "),
            old_value=shown_value(uow, f.name, before),
            new_value=shown_value(uow, f.name, after),
            why=why,
        )
        uow.history.add(record)
        records.append(record)
    return records


class _EventFact(Protocol):
    @property
    def event_id(self) -> UUID: ...


_F = TypeVar("_F", bound=_EventFact)


def record_event_change(
    uow: UnitOfWork, subject_of: Callable[[_F], str], old: _F | None, new: _F | None, why: str = ""
) -> None:
    """record_changes for an entry, result or penalty, named after the value as it was."""
    value = old if old is not None else new  # an add has no old value, a delete no new one
    if value is None:
        raise TypeError("a change record needs the value before or after the change")
    record_changes(
        uow,
        event_id=value.event_id,
        subject=subject_of(value),
        old=old,
        new=new,
        why=why,
    )


# Keys that mean nothing to a reader of the history: the record's own ids and timestamps.
_UNSHOWN = frozenset({"id", "version", "at", "event_id", "entry_id", "session_id", "logged_at"})


def _describe(uow: UnitOfWork, value: object | None) -> str:
    """A whole added or deleted value in words: "car number 11, driver Jesse Love, laps 160"."""
    if value is None:
        return ""
    parts = []
    for f in fields(value):  # type: ignore[arg-type]
        item = getattr(value, f.name)
        if f.name in _UNSHOWN or item is None or item is False or item in ("", frozenset()):
            continue
        label = f.name.removesuffix("_id").replace("_", " ")
        parts.append(label if item is True else f"{label} {shown_value(uow, f.name, item)}")
    return ", ".join(parts)


def shown_value(uow: UnitOfWork, name: str, value: object) -> str:
    """A field's value as a person reads it: a driver's name rather than their id."""
    if value is None:
        return ""
    if name.endswith("driver_id") and isinstance(value, UUID):
        return uow.drivers.get(value).label
    if name == "lap_ms" and isinstance(value, int):
        return format_lap_time(value)
    if isinstance(value, frozenset):  # a driver's Cup seasons
        return ", ".join(str(item) for item in sorted(value))
    return str(value)


def require_text(text: str, what: str) -> str:
    """Trimmed text, or a ValidationError that names the empty (or invisible-only) field."""
    value = text.strip()
    if not value:
        raise ValidationError(f"Enter {what}.")
    # A zero-width space or joiner (Unicode "format" characters) shows as nothing at all.
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value):
        raise ValidationError(
            f"Enter {what}: what was given holds only invisible characters (such as a "
            "zero-width space), so it would show as blank."
        )
    return value


def find_driver(uow: UnitOfWork, name: str, disambiguator: str = "") -> Driver | None:
    """The driver with exactly this name and disambiguator; explains an ambiguous name."""
    name = require_text(name, "the driver's name")
    wanted = disambiguator.strip().casefold()
    same_name = uow.drivers.find_by_name(name)
    exact = [d for d in same_name if d.disambiguator.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise ValidationError(
            f"Several drivers are stored as {exact[0].label}; give each a different "
            "disambiguator on the Drivers list first."
        )
    if same_name and not wanted:
        labels = ", ".join(sorted(d.label for d in same_name))
        raise ValidationError(
            f"More than one driver could be “{name}” ({labels}). Pick one by its disambiguator, "
            "or give the new driver a disambiguator such as “No. 34”."
        )
    return None


def find_or_add_driver_in(
    uow: UnitOfWork, name: str, disambiguator: str = ""
) -> tuple[Driver, RowChanges[Driver]]:
    """Inside an open unit of work: the matching driver, or a new one (then named as added);
    never a silent merge."""
    found = find_driver(uow, name, disambiguator)
    if found is not None:
        return found, RowChanges()
    driver = Driver(name=" ".join(name.split()), disambiguator=disambiguator.strip())
    uow.drivers.add(driver)
    return driver, added(driver)


def entry_for_car(uow: UnitOfWork, event_id: UUID, car_text: str) -> Entry:
    """The event's entry for a typed car number, withdrawn or not."""
    car = ensure_car_number(car_text)
    return ensure_entered(uow.entries.find_for_car(event_id, car), car)


def ensure_entered(entry: Entry | None, car: str) -> Entry:
    """The entry found for car `car`, or the message that says how to enter it."""
    if entry is not None:
        return entry
    raise ValidationError(
        f"No. {car} is not on the entry list of this event; add it on the Entry list tab first."
    )


def active_entry_for_car(uow: UnitOfWork, event_id: UUID, car_text: str) -> Entry:
    """The entry of a car that takes part: on the list and not withdrawn."""
    return ensure_taking_part(entry_for_car(uow, event_id, car_text))


def ensure_taking_part(entry: Entry) -> Entry:
    """An entry that has not withdrawn; a withdrawn one gets the message to reinstate it."""
    if entry.withdrawn:
        raise ValidationError(
            f"No. {entry.car_number} has withdrawn from this event; reinstate it on the "
            "Entry list tab first."
        )
    return entry


def race_driver(uow: UnitOfWork, entry: Entry, session_name: str = RACE) -> UUID:
    """Who drives the entry in the race (from the weekend's last session on), or in the named
    race-like session (a Duel: from that session on)."""
    sessions = uow.sessions.list_for_event(entry.event_id)
    order = max((s.order for s in sessions), default=0)
    if session_name != RACE:
        order = next((s.order for s in sessions if s.name == session_name), order)
    return driver_at(entry, uow.substitutions.list_for_event(entry.event_id), order)


def get_driver(uow: UnitOfWork, driver_id: UUID) -> Driver:
    try:
        return uow.drivers.get(driver_id)
    except NotFoundError:
        raise NotFoundError("That driver is no longer stored; pick another driver.") from None


def result_session(uow: UnitOfWork, event_id: UUID, session_name: str) -> str:
    """The race, or one of the event's race-like sessions (the Duels) by its exact name."""
    wanted = " ".join(session_name.split()) or RACE
    if wanted.casefold() == RACE.casefold():
        return RACE
    sessions = uow.sessions.list_for_event(event_id)
    for session in sessions:
        if session.kind is SessionKind.RACE and session.name.casefold() == wanted.casefold():
            return session.name
    races = [s.name for s in sessions if s.kind is SessionKind.RACE and s.name != RACE]
    other = f" (this event has {', '.join(races)})" if races else ""
    raise ValidationError(
        f"This event has no race-like session “{wanted}”{other}: results go to the Race, or to "
        "a Duel the event has; add the Duels to the event first."
    )
