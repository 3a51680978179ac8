"""Read-side use cases: entry lists, boards, standings and the playoff picture, from facts."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.model import (
    DUELS,
    RACE,
    ChangeRecord,
    Driver,
    Entry,
    Event,
    Lap,
    Season,
    Session,
    SessionKind,
    Substitution,
    Track,
    car_sort_key,
)
from domain.ports import UnitOfWork
from domain.rules.cancelled import CancelledInputs, cancelled_inputs, qualifying_cancelled
from domain.rules.drivers import driver_at, substitutions_in_order
from domain.rules.duels import duel_finishes
from domain.rules.field import FieldEvent, FieldResult
from domain.rules.live_board import LiveQualifyingBoard
from domain.rules.playoffs import PlayoffRow
from domain.rules.practice import PracticeRow, practice_board as rank_practice
from domain.rules.qualifying import RoundPlan
from domain.rules.standings import StandingRow, owner_rank_by_car
from domain.ruleset import RuleSet
from domain.services.season import read_season, score_season


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryView:
    """An entry with who drives it: now, in each session, and the substitutions in words."""

    entry: Entry
    driver: Driver  # who drives the car from the last session on
    entered_driver: Driver  # the driver named on the entry list
    drivers_by_session: tuple[tuple[Session, Driver], ...]
    substitutions: tuple[str, ...]  # "Jesse Love replaces Corey Heim in the No. 11: <reason>"


@dataclass(frozen=True, slots=True, kw_only=True)
class Standings:
    drivers: list[StandingRow]
    owners: list[StandingRow]


def event_entries(uow: UnitOfWork, event_id: UUID) -> list[EntryView]:
    """The entry list in car-number order, with each car's drivers through the weekend."""
    with uow:
        sessions = uow.sessions.list_for_event(event_id)
        subs = uow.substitutions.list_for_event(event_id)
        drivers = {d.id: d for d in uow.drivers.list_for_event(event_id)}
        entries = sorted(
            uow.entries.list_for_event(event_id), key=lambda e: car_sort_key(e.car_number)
        )
        return [_entry_view(entry, sessions, subs, drivers) for entry in entries]


def _entry_view(
    entry: Entry, sessions: list[Session], subs: list[Substitution], drivers: dict[UUID, Driver]
) -> EntryView:
    last_order = max((s.order for s in sessions), default=0)
    words = tuple(
        f"{drivers[s.driver_id].label} replaces {drivers[s.replaced_driver_id].label} "
        f"in the No. {entry.car_number}" + (f": {s.reason}" if s.reason else "")
        for s in substitutions_in_order(subs, entry.id)
    )
    return EntryView(
        entry=entry,
        driver=drivers[driver_at(entry, subs, last_order)],
        entered_driver=drivers[entry.driver_id],
        drivers_by_session=tuple((s, drivers[driver_at(entry, subs, s.order)]) for s in sessions),
        substitutions=words,
    )


def practice_board(uow: UnitOfWork, session_id: UUID) -> list[PracticeRow]:
    """Laps, bests and averages of one session, fastest first (flagged laps left out)."""
    with uow:
        return rank_practice(uow.laps.list_for_session(session_id))


def owner_points_rank(uow: UnitOfWork, event: Event, ruleset: RuleSet) -> dict[str, int]:
    """Owner-points rank of the event's cars before `event` (for provisionals and tied times),
    each through the owner identity its entry carries."""
    with uow:
        return _owner_rank(uow, event, ruleset)


def _owner_rank(uow: UnitOfWork, event: Event, ruleset: RuleSet) -> dict[str, int]:
    before = read_season(uow, event.series, event.season, through_round=event.round_no - 1)
    rows = before.scores(ruleset).owners()
    return owner_rank_by_car(rows, uow.entries.list_for_event(event.id))


def qualifying_board(uow: UnitOfWork, event_id: UUID, ruleset: RuleSet) -> FieldResult:
    """Who is in, who is out and why; a fully cancelled qualifying uses the fallback metric."""
    return live_qualifying_board(uow, event_id, ruleset).result()


def live_qualifying_board(uow: UnitOfWork, event_id: UUID, ruleset: RuleSet) -> LiveQualifyingBoard:
    """The board's inputs read once and held: a logging window applies each saved lap to it."""
    with uow:
        return live_qualifying_board_in(uow, event_id, ruleset)


def live_qualifying_board_in(
    uow: UnitOfWork, event_id: UUID, ruleset: RuleSet
) -> LiveQualifyingBoard:
    """live_qualifying_board inside an open unit of work (a result's check reads the field)."""
    event = uow.events.get(event_id)
    sessions = uow.sessions.list_for_event(event_id)
    owner_rank = _owner_rank(uow, event, ruleset)
    views = event_entries_in(uow, event_id, sessions)
    cancelled = None
    if qualifying_cancelled(sessions):
        cancelled = _cancelled_inputs(uow, event, owner_rank, views)
    return LiveQualifyingBoard(
        sessions=sessions,
        laps=uow.laps.list_for_event(event_id),
        entries=[v.entry for v in views],
        driver_names={v.entry.car_number: v.driver.label for v in views},
        owner_rank=owner_rank,
        ruleset=ruleset,
        cancelled=cancelled,
        event=field_event(uow, event, sessions),
        plan=RoundPlan.of(ruleset.qualifying, event.track.kind),
    )


def field_event(uow: UnitOfWork, event: Event, sessions: list[Session]) -> FieldEvent:
    """The event's round and, when it has Duels (the Daytona 500), their finishing orders."""
    names = {s.name for s in sessions if s.kind is SessionKind.RACE}
    if not all(duel in names for duel in DUELS):
        return FieldEvent(round_no=event.round_no)
    orders = tuple(
        duel_finishes(
            [(r.car_number, r.finish, r.status) for r in uow.results.list_for_event(event.id, duel)]
        )
        for duel in DUELS
    )
    return FieldEvent(round_no=event.round_no, duels=orders)


def event_entries_in(uow: UnitOfWork, event_id: UUID, sessions: list[Session]) -> list[EntryView]:
    """event_entries inside an open unit of work."""
    subs = uow.substitutions.list_for_event(event_id)
    drivers = {d.id: d for d in uow.drivers.list_for_event(event_id)}
    return [_entry_view(e, sessions, subs, drivers) for e in uow.entries.list_for_event(event_id)]


def _cancelled_inputs(
    uow: UnitOfWork, event: Event, owner_rank: dict[str, int], views: list[EntryView]
) -> CancelledInputs:
    """The metric's terms from the previous race of the season (none before the first)."""
    season = uow.events.list_for_season(event.series, event.season)
    previous = [e for e in season if e.round_no < event.round_no]
    if not previous:
        return CancelledInputs(owner_points_rank=owner_rank)
    last = previous[-1]
    races = {s.id for s in uow.sessions.list_for_event(last.id) if s.name == RACE}
    return cancelled_inputs(
        uow.results.list_for_event(last.id),
        uow.entries.list_for_event(last.id),
        [lap for lap in uow.laps.list_for_event(last.id) if lap.session_id in races],
        {
            v.entry.car_number: (v.driver.id, v.entry.owner_identity)
            for v in views
            if not v.entry.withdrawn
        },
        owner_rank,
    )


def season_standings(
    uow: UnitOfWork, series: str, season: int, ruleset: RuleSet, *, through_round: int | None = None
) -> Standings:
    """Driver and owner standings of a season (up to a round), always derived from results."""
    with uow:
        scores = read_season(uow, series, season, through_round).scores(ruleset)  # scored once
        return Standings(
            drivers=scores.drivers(uow.drivers.list_for_season(series, season)),
            owners=scores.owners(),
        )


def playoff_picture(
    uow: UnitOfWork, series: str, season: int, ruleset: RuleSet, *, through_round: int | None = None
) -> list[PlayoffRow]:
    """Who is in on a win, on points, out, or not eligible (waivers applied)."""
    return score_season(uow, series, season, ruleset, through_round=through_round).playoff_picture


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekendSchedule:
    """The event's sessions in order and its entry list (withdrawn cars included)."""

    sessions: list[Session]
    entries: list[Entry]


def weekend_schedule(uow: UnitOfWork, event_id: UUID) -> WeekendSchedule:
    """What a lap logging tab needs of a weekend before a session is chosen, read at once."""
    with uow:
        return WeekendSchedule(
            sessions=uow.sessions.list_for_event(event_id),
            entries=uow.entries.list_for_event(event_id),
        )


def event_sessions(uow: UnitOfWork, event_id: UUID) -> list[Session]:
    """The event's sessions in schedule order."""
    with uow:
        return uow.sessions.list_for_event(event_id)


def session_laps(uow: UnitOfWork, session_id: UUID) -> list[Lap]:
    """One session's laps as logged (the lap log's rows)."""
    with uow:
        return uow.laps.list_for_session(session_id)


def all_events(uow: UnitOfWork) -> list[Event]:
    """Every stored event, by series, season and round (the weekend picker's choices)."""
    with uow:
        return uow.events.all()


def all_seasons(uow: UnitOfWork) -> list[Season]:
    """Every stored season, by series and year (what a new event or an import can go into)."""
    with uow:
        return uow.seasons.all()


def all_tracks(uow: UnitOfWork) -> list[Track]:
    """Every stored track, by name (the tracks a new event can be held at)."""
    with uow:
        return uow.tracks.all()


@dataclass(frozen=True, slots=True, kw_only=True)
class EditHistory:
    records: list[ChangeRecord]  # newest first
    event_names: dict[UUID, str]
    events: list[Event]  # every event, for the filter


def edit_history(uow: UnitOfWork, event_id: UUID | None = None) -> EditHistory:
    """Every stored edit (of one event, or all with the season-wide ones), newest first."""
    with uow:
        events = uow.events.all()
        return EditHistory(
            records=uow.history.newest_first(event_id),
            event_names={event.id: event.name for event in events},
            events=events,
        )
