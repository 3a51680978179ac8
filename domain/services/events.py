"""Use cases of events and tracks: create a weekend with its sessions, edit or delete it (undo).

An event belongs to a stored season and gets its sessions from the season's pack for its track
kind unless the caller gives its own. Tracks are shared records: an event names one, and a
track typed for the first time is added with its length and kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from domain.changes import Changes, RowChanges
from domain.errors import DuplicateError, ValidationError
from domain.model import Event, Session, Track, TrackKind
from domain.ports import UnitOfWork
from domain.rules.points import counts_in_season
from domain.rules.schedule import (
    SessionPlan,
    ensure_event_key,
    ensure_session_names,
    ensure_track_length,
    event_key,
    parse_miles,
    planned_sessions,
)
from domain.ruleset import RuleSet
from domain.services.common import require_text
from domain.services.seasons import ensure_year, find_season, ruleset_for, series_token
from domain.services.snapshots import EventSnapshot, restore_snapshot, take_snapshot

MAX_ROUND = 99


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackSpec:
    """A track as typed: a stored one by name, or a new one with its length and kind."""

    name: str
    length_miles: str = ""  # e.g. "2.2"; may be left empty for a stored track
    kind: TrackKind | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSpec:
    """What a user gives for a new event; empty fields take the defaults DESIGN §7 names."""

    series: str
    season: int
    name: str
    track: TrackSpec
    start_date: date
    end_date: date | None = None  # None: a one-day event
    round_no: int | None = None  # None: after the season's last round
    key: str = ""  # "": SERIES-YEAR-TRACK (DESIGN §7)
    points_paying: bool = True
    sessions: Sequence[SessionPlan] | None = None  # None: the pack's format for the track kind
    practices: int = 1  # practice sessions when the pack's format is used


@dataclass(frozen=True, slots=True, kw_only=True)
class EventEdit:
    """The fields to change; None leaves a field as it is."""

    name: str | None = None
    track: TrackSpec | None = None
    start_date: date | None = None
    end_date: date | None = None
    round_no: int | None = None
    key: str | None = None
    points_paying: bool | None = None


def find_event(uow: UnitOfWork, key: str) -> Event:
    """The event with this key; NotFoundError says how to see the keys."""
    with uow:
        return uow.events.get_by_key(key.strip())


def proposed_sessions(
    rulesets: Mapping[str, RuleSet], series: str, year: int, kind: TrackKind, practices: int = 1
) -> list[SessionPlan]:
    """The sessions a new event would get from its pack (the New event dialog shows them)."""
    ruleset = ruleset_for(rulesets, series_token(series), ensure_year(year))
    return planned_sessions(ruleset, kind, practices)


def add_event(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], spec: EventSpec
) -> tuple[Event, Changes]:
    """Create an event of a stored season with its sessions; nothing is stored if any part fails."""
    with uow:
        event, changes = add_event_in(uow, rulesets, spec)
        uow.commit()
    return event, changes


def add_event_in(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], spec: EventSpec
) -> tuple[Event, Changes]:
    """Inside an open unit of work (an import's): add_event without the commit."""
    season = find_season(uow, series_token(spec.series), ensure_year(spec.season))
    ruleset = ruleset_for(rulesets, season.series, season.season)
    name = require_text(spec.name, "the event's name, e.g. Daytona 500")
    track, new_track = _track_for(uow, spec.track)
    end = spec.end_date or spec.start_date
    _ensure_dates(spec.start_date, end)
    others = uow.events.list_for_season(season.series, season.season)
    round_no = spec.round_no or max((e.round_no for e in others), default=0) + 1
    taken = {e.key for e in uow.events.all()}
    key = (
        ensure_event_key(spec.key)
        if spec.key.strip()
        else event_key(season.series, season.season, track.name, name, taken)
    )
    event = Event(
        key=key,
        name=name,
        series=season.series,
        season=season.season,
        round_no=round_no,
        track=track,
        start_date=spec.start_date,
        end_date=end,
        points_paying=spec.points_paying,
    )
    _ensure_key_free(uow, event)
    _ensure_round_free(event, others)
    plan = spec.sessions
    if plan is None:
        plan = planned_sessions(ruleset, track.kind, spec.practices)
    sessions = [
        Session(
            event_id=event.id,
            kind=p.kind,
            name=p.name,
            order=order,
            group=p.group,
            round_no=p.round_no,
        )
        for order, p in enumerate(ensure_session_names(list(plan)), start=1)
    ]
    uow.events.add(event)
    for session in sessions:
        uow.sessions.add(session)
    changes = Changes(
        events=RowChanges(added=(event,)),
        sessions=RowChanges(added=tuple(sessions)),
        tracks=RowChanges(added=(track,) if new_track else ()),
    )
    return event, changes


def edit_event(uow: UnitOfWork, event_id: UUID, edit: EventEdit) -> tuple[Event, Changes]:
    """Change an event's name, track, dates, round, key or points; the key only while no laps
    or results refer to it (DESIGN §7)."""
    with uow:
        event, changes = edit_event_in(uow, uow.events.get(event_id), edit)
        uow.commit()
    return event, changes


def edit_event_in(uow: UnitOfWork, old: Event, edit: EventEdit) -> tuple[Event, Changes]:
    """Inside an open unit of work (an import's): edit_event without the commit."""
    changes = Changes()
    track = old.track
    if edit.track is not None:
        track, new_track = _track_for(uow, edit.track)
        if new_track:
            changes = Changes(tracks=RowChanges(added=(track,)))
    new = replace(
        old,
        name=old.name if edit.name is None else require_text(edit.name, "the event's name"),
        track=track,
        start_date=edit.start_date or old.start_date,
        end_date=edit.end_date or old.end_date,
        round_no=old.round_no if edit.round_no is None else edit.round_no,
        points_paying=old.points_paying if edit.points_paying is None else edit.points_paying,
    )
    if edit.start_date and not edit.end_date and new.end_date < new.start_date:
        new = replace(new, end_date=new.start_date)  # a moved one-day event stays one day
    _ensure_dates(new.start_date, new.end_date)
    if edit.key is not None and edit.key.strip() != old.key:
        new = replace(new, key=ensure_event_key(edit.key))
        _ensure_key_changeable(uow, old)
        _ensure_key_free(uow, new)
    others = [e for e in uow.events.list_for_season(old.series, old.season) if e.id != old.id]
    _ensure_round_free(new, others)
    if new == old:
        return old, changes
    uow.events.update(new)
    return new, changes.merged(Changes(events=RowChanges(changed=(new,))))


def event_contents(uow: UnitOfWork, event_id: UUID) -> EventSnapshot:
    """What deleting the event would take with it (the app asks first when it holds data)."""
    with uow:
        return take_snapshot(uow, uow.events.get(event_id))


def delete_event(uow: UnitOfWork, event_id: UUID) -> tuple[EventSnapshot, Changes]:
    """Delete an event and every row of it; the snapshot lets undo bring each row back."""
    with uow:
        snapshot = take_snapshot(uow, uow.events.get(event_id))
        uow.events.delete(event_id)
        uow.commit()
    changes = Changes(
        events=RowChanges(removed=(snapshot.event,)),
        sessions=RowChanges(removed=snapshot.sessions),
    )
    return snapshot, changes


def restore_event(uow: UnitOfWork, snapshot: EventSnapshot) -> tuple[Event, Changes]:
    """Undo delete_event: the event and its rows as they were, with the same ids."""
    with uow:
        find_season(uow, snapshot.event.series, snapshot.event.season)
        uow.tracks.get(snapshot.event.track.id)
        restore_snapshot(uow, snapshot)
        uow.commit()
    changes = Changes(
        events=RowChanges(added=(snapshot.event,)),
        sessions=RowChanges(added=snapshot.sessions),
        reloaded_events=frozenset({snapshot.event.id}),
    )
    return snapshot.event, changes


def add_track(uow: UnitOfWork, spec: TrackSpec) -> tuple[Track, Changes]:
    """Store a track to hold events at; its name must be new."""
    with uow:
        track, new = _track_for(uow, spec)
        if not new:
            raise DuplicateError(f"The track “{track.name}” is already stored; edit it instead.")
        uow.commit()
    return track, Changes(tracks=RowChanges(added=(track,)))


def edit_track(
    uow: UnitOfWork, track_id: UUID, *, name: str, length_miles: str, kind: TrackKind
) -> tuple[Track, Changes]:
    """Rename a track or correct its length or kind; speeds are derived, so all follow."""
    with uow:
        old = uow.tracks.get(track_id)
        new = replace(
            old,
            name=require_text(name, "the track's name"),
            length_millimiles=parse_miles(length_miles),
            kind=kind,
        )
        same_name = uow.tracks.find_by_name(new.name)
        if same_name is not None and same_name.id != old.id:
            raise DuplicateError(f"Another track is named “{new.name}”; choose another name.")
        uow.tracks.update(new)
        events = tuple(replace(e, track=new) for e in uow.events.all() if e.track.id == old.id)
        uow.commit()
    changes = Changes(
        tracks=RowChanges(changed=(new,)),
        events=RowChanges(changed=events),
        reloaded_events=frozenset(e.id for e in events),
    )
    return new, changes


def _track_for(uow: UnitOfWork, spec: TrackSpec) -> tuple[Track, bool]:
    """The stored track of that name (its length and kind must agree when given), or a new one."""
    name = " ".join(require_text(spec.name, "the track's name, e.g. Daytona").split())
    stored = uow.tracks.find_by_name(name)
    if stored is not None:
        if spec.length_miles.strip():
            length = parse_miles(spec.length_miles)
            if length != stored.length_millimiles:
                raise ValidationError(
                    f"{stored.name} is stored as {stored.length_millimiles / 1000:g} miles, not "
                    f"{length / 1000:g}; leave the length empty, or edit the track to change it."
                )
        if spec.kind is not None and spec.kind is not stored.kind:
            raise ValidationError(
                f"{stored.name} is stored as a {stored.kind} track, not {spec.kind}; leave the "
                "kind empty, or edit the track to change it."
            )
        return stored, False
    if not spec.length_miles.strip() or spec.kind is None:
        kinds = ", ".join(k.value for k in TrackKind)
        raise ValidationError(
            f"“{name}” is a new track: give its length in miles and its kind ({kinds})."
        )
    track = Track(
        name=name, length_millimiles=ensure_track_length(parse_miles(spec.length_miles)),
        kind=spec.kind,
    )  # fmt: skip
    uow.tracks.add(track)
    return track, True


def _ensure_dates(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            f"The end date {end:%Y-%m-%d} is before the start date {start:%Y-%m-%d}; an event "
            "ends on or after the day it starts."
        )


def _ensure_key_free(uow: UnitOfWork, event: Event) -> None:
    for other in uow.events.all():
        if other.key == event.key and other.id != event.id:
            raise DuplicateError(
                f"The key {event.key} is already used by {other.name} ({other.series} "
                f"{other.season}); give this event another key."
            )


def _ensure_round_free(event: Event, others: Sequence[Event]) -> None:
    if not 1 <= event.round_no <= MAX_ROUND:
        raise ValidationError(f"A round is numbered from 1 to {MAX_ROUND}, not {event.round_no}.")
    for other in others:
        if other.round_no == event.round_no and counts_in_season(other) and counts_in_season(event):
            raise DuplicateError(
                f"Round {event.round_no} of {event.series} {event.season} is already "
                f"{other.name} ({other.key}); choose another round."
            )


def _ensure_key_changeable(uow: UnitOfWork, event: Event) -> None:
    """Keys never change once laps or results refer to them (DESIGN §7)."""
    has_results = bool(uow.results.list_for_event(event.id))
    if has_results or bool(uow.laps.list_for_event(event.id)):
        raise ValidationError(
            f"{event.key} already has laps or results, and files and scripts refer to it by "
            "its key; the key cannot change now."
        )
