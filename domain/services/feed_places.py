"""Where a feed's facts land: its event (found, or created), the session a run maps onto.

Session names follow DESIGN §7: `Practice`, `Practice 2`…, `Qualifying`, `Qualifying Group A`,
`Qualifying Round 2`, `Qualifying Final`, `Race`; the import report states each mapping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from domain.changes import Changes
from domain.errors import ValidationError
from domain.feeds import SERIES_BY_ID, FeedEvent, FeedRun
from domain.model import Event, Session, SessionKind, TrackKind
from domain.ports import UnitOfWork
from domain.ruleset import RuleSet
from domain.services.events import EventSpec, TrackSpec, add_event_in
from domain.services.seasons import add_season_in

_KIND_RANK = {SessionKind.PRACTICE: 0, SessionKind.QUALIFYING: 1, SessionKind.RACE: 2}
_ROAD = ("road", "circuit", "glen", "sonoma", "lime rock", "roval", "mid-ohio", "grand prix")
_STREET = ("street", "grant park")


def series_of(series_id: int, source: str) -> str:
    """The series token for NASCAR's series id, or a message for ids Trackside has no pack for."""
    series = SERIES_BY_ID.get(series_id)
    if series is None:
        raise ValidationError(
            f"{source} is of NASCAR series id {series_id} (ARCA, K&N or the Modifieds), which "
            "has no rule pack in Trackside. Add an event of your own series and import into "
            "it with --event KEY. Nothing was imported."
        )
    return series


def find_event(
    uow: UnitOfWork, series: str, season: int, name: str, track: str, day: date | None
) -> Event | None:
    """The season's event with this race name, else the one at this track on this day (a
    weekend the user added by hand under another name). A schedule passes no day: the two
    Daytona Duels share a track and a day but are two races."""
    events = uow.events.list_for_season(series, season)
    for event in events:
        if event.name.casefold() == name.casefold():
            return event
    for event in events:
        same_track = event.track.name.casefold() == track.casefold()
        if same_track and day is not None and event.start_date <= day <= event.end_date:
            return event
    return None


def event_for_feed(
    uow: UnitOfWork,
    rulesets: Mapping[str, RuleSet],
    feed: FeedEvent,
    source: str,
    *,
    by_track: bool = True,
    series: str | None = None,
    kind: TrackKind | None = None,
) -> tuple[Event, Changes | None]:
    """The event the feed describes, created (with its season) when none matches.

    Creation goes through the same use cases as File ▸ New event…: the season needs its rule
    pack, the sessions come from the pack's format. Returns what creating it changed, or None.
    """
    series = series or series_of(feed.series_id, source)
    day = feed.race_date if by_track else None
    found = find_event(uow, series, feed.season, feed.name, feed.track_name, day)
    if found is not None:
        return found, None
    if feed.race_date is None:
        raise ValidationError(
            f"{source} names {feed.name} but no date, and no {series} {feed.season} event is "
            "called that: pass --event KEY. Nothing was imported."
        )
    changes = Changes()
    if uow.seasons.find(series, feed.season) is None:
        season = add_season_in(uow, rulesets, series, feed.season)
        changes = Changes(seasons=frozenset({(season.series, season.season)}))
    others = uow.events.list_for_season(series, feed.season)
    by_date = 1 + sum(1 for e in others if e.start_date < feed.race_date)
    spec = EventSpec(
        series=series,
        season=feed.season,
        name=feed.name,
        track=_track_spec(uow, feed, source, kind),
        start_date=feed.race_date,
        round_no=None if any(e.round_no == by_date for e in others) else by_date,
        points_paying=feed.points_race,
    )
    event, added = add_event_in(uow, rulesets, spec)
    return event, changes.merged(added)


def _track_spec(uow: UnitOfWork, feed: FeedEvent, source: str, kind: TrackKind | None) -> TrackSpec:
    """A stored track by name; a new one with the length the feed implies and a guessed kind."""
    name = feed.track_name or feed.name
    if uow.tracks.find_by_name(name) is not None:
        return TrackSpec(name=name)
    length = feed.track_length_millimiles
    if length is None or length <= 0:
        raise ValidationError(
            f"{source} does not give {name}'s length (no scheduled distance and laps); add the "
            "event first (File ▸ New event…) and pass --event KEY. Nothing was imported."
        )
    miles = f"{length // 1000}.{length % 1000:03d}"
    return TrackSpec(name=name, length_miles=miles, kind=kind or _track_kind(name, length))


def _track_kind(name: str, length_millimiles: int) -> TrackKind:
    """A guess from the name and length; the user can correct it on the track."""
    lowered = name.lower()
    if any(word in lowered for word in _STREET):
        return TrackKind.STREET
    if any(word in lowered for word in _ROAD):
        return TrackKind.ROAD
    if length_millimiles < 1000:
        return TrackKind.SHORT
    if length_millimiles >= 2500:
        return TrackKind.SUPERSPEEDWAY
    return TrackKind.OVAL


def session_names(runs: list[FeedRun]) -> list[str]:
    """Each run's session name (DESIGN §7), given every run of the weekend for context."""
    grouped = any(r.group for r in runs if r.kind is SessionKind.QUALIFYING)
    rounds = {r.round_no or 1 for r in runs if r.kind is SessionKind.QUALIFYING}
    names, practices = [], 0
    for run in runs:
        if run.kind is SessionKind.PRACTICE:
            practices += 1
            number = run.round_no or practices
            names.append("Practice" if number == 1 else f"Practice {number}")
        elif run.kind is SessionKind.RACE:
            names.append("Race")
        elif run.group:
            names.append(f"Qualifying Group {run.group}")
        elif run.final or (grouped and (run.round_no or 1) > 1):
            names.append("Qualifying Final")
        elif len(rounds) > 1:
            names.append(f"Qualifying Round {run.round_no or 1}")
        else:
            names.append("Qualifying")
    return names


def session_named(
    uow: UnitOfWork, event: Event, kind: SessionKind, name: str
) -> tuple[Session, bool]:
    """The event's session of this name, or a new one in schedule order; True when created."""
    sessions = uow.sessions.list_for_event(event.id)
    for session in sessions:
        if session.name.casefold() == name.casefold():
            if session.kind is not kind:
                raise ValidationError(
                    f"{event.key} has a {session.kind} session named {session.name}, but the "
                    f"file's {name} is {kind}; rename one of them. Nothing was imported."
                )
            return session, False
    rank = _KIND_RANK[kind]
    before = [s.order for s in sessions if _KIND_RANK[s.kind] <= rank]
    order = max(before, default=0) + 1
    for later in sessions:  # make room: practice before qualifying before the race
        if later.order >= order:
            uow.sessions.update(replace(later, order=later.order + 1))
    match = re.search(r"Group ([A-Z])$", name)
    round_match = re.search(r"Round (\d+)$", name)
    session = Session(
        event_id=event.id,
        kind=kind,
        name=name,
        order=order,
        group=match.group(1) if match else None,
        round_no=int(round_match.group(1)) if round_match else (2 if name.endswith("Final") else 1),
    )
    uow.sessions.add(session)
    return session, True
