"""A weekend read in one go, with every board derived: what the CLI and the CSV summary show.

Nothing here is stored: boards, the field, points and standings are computed from the stored
laps, results and penalties by the rules, so an export always agrees with the app.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from domain.errors import RuleSetError
from domain.model import (
    Driver,
    Entry,
    Event,
    Lap,
    Penalty,
    RaceResult,
    Session,
    SessionKind,
    Substitution,
    Waiver,
    car_sort_key,
)
from domain.ports import UnitOfWorkFactory
from domain.rules.cancelled import qualifying_cancelled
from domain.rules.field import FieldResult, set_field
from domain.rules.qualifying import RoundPlan, qualifying_order
from domain.rules.race_sheet import SheetRow, score_sheet
from domain.rules.session_board import BoardRow, NameBook, session_board
from domain.rules.standings import StandingRow, owner_rank_by_car
from domain.ruleset import RuleSet
from domain.services.queries import field_event, qualifying_board
from domain.services.season import read_season, season_postseason

__all__ = ["BoardRow", "Weekend", "load_weekend"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Weekend:
    event: Event
    ruleset: RuleSet
    sessions: list[Session]  # by order
    entries: list[Entry]  # by car number
    drivers: dict[UUID, Driver]
    substitutions: list[Substitution]
    laps: list[Lap]  # by session, then as logged
    boards: list[BoardRow]
    field: FieldResult | None  # None: the event has no qualifying session
    results: list[SheetRow]  # in scored order: disqualified cars at the back
    driver_standings: list[StandingRow]  # after this event, with the postseason's resets
    owner_standings: list[StandingRow]
    penalties: list[Penalty] = dataclasses.field(default_factory=list)  # this event's
    waivers: list[Waiver] = dataclasses.field(default_factory=list)  # the season's
    # Rounds up to this one with results that a waiver's driver has none in (they missed them).
    missed_rounds: dict[UUID, tuple[int, ...]] = dataclasses.field(default_factory=dict)


def load_weekend(
    uow_factory: UnitOfWorkFactory, event_key: str, rulesets: Mapping[str, RuleSet]
) -> Weekend:
    """Read the event and its season once, then derive boards, field, points and standings."""
    with uow_factory() as uow:
        event = uow.events.get_by_key(event_key)
        ruleset = _ruleset(event, rulesets)
        sessions = uow.sessions.list_for_event(event.id)
        order = {s.id: s.order for s in sessions}
        laps = sorted(uow.laps.list_for_event(event.id), key=lambda lap: order[lap.session_id])
        drivers = {d.id: d for d in uow.drivers.list_for_season(event.series, event.season)}
        substitutions = uow.substitutions.list_for_event(event.id)
        season = read_season(uow, event.series, event.season, through_round=event.round_no)
        waivers = uow.waivers.list_for_season(event.series, event.season)
    entries = sorted(
        season.of_event(season.entries, event), key=lambda e: car_sort_key(e.car_number)
    )
    names = NameBook(entries, substitutions, drivers)
    scores = season.scores(ruleset)
    before = scores.owners(through_round=event.round_no - 1)  # the rank going into the event
    owner_rank = owner_rank_by_car(before, entries)
    return Weekend(
        event=event,
        ruleset=ruleset,
        sessions=sessions,
        entries=entries,
        drivers=drivers,
        substitutions=substitutions,
        laps=laps,
        boards=[row for s in sessions for row in session_board(s, laps, names)],
        field=_field(uow_factory, event, sessions, laps, entries, names, ruleset, owner_rank),
        results=score_sheet(
            season.of_event(season.results, event),
            entries,
            season.of_event(season.penalties, event),
            drivers,
            ruleset.points,
            event,
        ),
        driver_standings=season_postseason(
            season, scores, scores.drivers(drivers.values()), drivers, waivers, ruleset
        ).standings(),
        owner_standings=scores.owners(),
        penalties=season.of_event(season.penalties, event),
        waivers=waivers,
        missed_rounds=_missed_rounds(season.events, season.results, waivers),
    )


def _missed_rounds(
    events: list[Event], results: list[RaceResult], waivers: list[Waiver]
) -> dict[UUID, tuple[int, ...]]:
    """The raced rounds each waiver's driver has no result in."""
    raced: dict[UUID, set[UUID]] = {}
    for result in results:
        raced.setdefault(result.event_id, set()).add(result.driver_id)
    run = [e for e in events if e.id in raced]
    return {
        w.driver_id: tuple(e.round_no for e in run if w.driver_id not in raced[e.id])
        for w in waivers
    }


def _field(
    uow_factory: UnitOfWorkFactory,
    event: Event,
    sessions: list[Session],
    laps: list[Lap],
    entries: list[Entry],
    names: NameBook,
    ruleset: RuleSet,
    owner_rank: dict[str, int],
) -> FieldResult | None:
    """The lineup by the rules, from what was read; None when there is no qualifying."""
    qualifying = [s for s in sessions if s.kind is SessionKind.QUALIFYING]
    if not qualifying:
        return None
    if qualifying_cancelled(qualifying):  # the fallback metric reads the previous race
        return qualifying_board(uow_factory(), event.id, ruleset)
    last_order = max(s.order for s in sessions)
    with uow_factory() as uow:
        event_facts = field_event(uow, event, sessions)
    return set_field(
        entries,
        qualifying_order(
            sessions,
            laps,
            ruleset.field.tie_break,
            owner_rank,
            RoundPlan.of(ruleset.qualifying, event.track.kind),
        ),
        ruleset,
        owner_rank,
        driver_names={e.car_number: names.name(e.car_number, last_order) for e in entries},
        event=event_facts,
    )


def _ruleset(event: Event, rulesets: Mapping[str, RuleSet]) -> RuleSet:
    ruleset = rulesets.get(event.ruleset_key)
    if ruleset is None:
        raise RuleSetError(
            f"There is no rule pack for {event.ruleset_key}; add "
            f"resources/rulesets/{event.ruleset_key}.toml."
        )
    return ruleset
