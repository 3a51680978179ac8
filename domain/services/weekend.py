"""A weekend read in one go, with every board derived: what the CLI and the CSV summary show.

Nothing here is stored: boards, the field, points and standings are computed from the stored
laps, results and penalties by the rules, so an export always agrees with the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from domain.errors import RuleSetError
from domain.model import (
    Driver,
    Entry,
    Event,
    Lap,
    Session,
    SessionKind,
    Substitution,
    car_sort_key,
)
from domain.ports import UnitOfWorkFactory
from domain.rules.drivers import driver_at
from domain.rules.field import FieldResult, set_field
from domain.rules.practice import practice_board
from domain.rules.qualifying import RoundPlan, qualifying_order
from domain.rules.standings import StandingRow, owner_rank_by_car
from domain.ruleset import RuleSet
from domain.services.queries import field_event, qualifying_board
from domain.services.race_sheet import SheetRow, score_sheet
from domain.services.season import read_season, season_postseason


@dataclass(frozen=True, slots=True, kw_only=True)
class BoardRow:
    """One car in one practice or qualifying session, fastest clean lap first."""

    session: Session
    position: int | None  # None: no clean lap yet
    car_number: str
    driver: str
    laps_run: int
    best_lap_ms: int | None
    gap_to_first_ms: int | None
    gap_to_ahead_ms: int | None


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
    names = _NameBook(entries, substitutions, drivers)
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
        boards=[row for s in sessions for row in _session_board(s, laps, names)],
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
    )


def _field(
    uow_factory: UnitOfWorkFactory,
    event: Event,
    sessions: list[Session],
    laps: list[Lap],
    entries: list[Entry],
    names: _NameBook,
    ruleset: RuleSet,
    owner_rank: dict[str, int],
) -> FieldResult | None:
    """The lineup by the rules, from what was read; None when there is no qualifying."""
    qualifying = [s for s in sessions if s.kind is SessionKind.QUALIFYING]
    if not qualifying:
        return None
    if all(s.cancelled for s in qualifying):  # the fallback metric reads the previous race
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


class _NameBook:
    """Who drives each car in each session, as a name to show."""

    def __init__(
        self,
        entries: list[Entry],
        substitutions: list[Substitution],
        drivers: Mapping[UUID, Driver],
    ) -> None:
        self._entries = {e.car_number: e for e in entries}
        self._subs = substitutions
        self._drivers = drivers

    def name(self, car_number: str, session_order: int) -> str:
        entry = self._entries.get(car_number)
        return self.label(driver_at(entry, self._subs, session_order)) if entry else "?"

    def label(self, driver_id: UUID) -> str:
        driver = self._drivers.get(driver_id)
        return driver.label if driver else "?"


def _session_board(session: Session, laps: list[Lap], names: _NameBook) -> list[BoardRow]:
    if session.kind is SessionKind.RACE:
        return []
    rows = practice_board(lap for lap in laps if lap.session_id == session.id)
    first = rows[0].best_lap_ms if rows else None
    board, ahead = [], None
    for index, row in enumerate(rows, start=1):
        best = row.best_lap_ms
        board.append(
            BoardRow(
                session=session,
                position=index if best is not None else None,
                car_number=row.car_number,
                driver=names.name(row.car_number, session.order),
                laps_run=row.laps_run,
                best_lap_ms=best,
                gap_to_first_ms=best - first if best is not None and first is not None else None,
                gap_to_ahead_ms=best - ahead if best is not None and ahead is not None else None,
            )
        )
        ahead = best
    return board
