"""The race sheet: each car's result, driver of record and points, in the order it is scored.

The race tab and the weekend summary (CSV export, CLI) both read a race through here, so a
disqualified car is moved to the back, and an "(i)" driver is left without driver points, by
one rule in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from domain.model import Driver, Entry, Event, Penalty, RaceResult
from domain.ports import UnitOfWork
from domain.rules.drivers import driver_at
from domain.rules.points import (
    RacePoints,
    event_rules,
    finish_shifts,
    pays_nothing,
    race_points,
    scored_order,
)
from domain.ruleset import PointsRules, RuleSet


@dataclass(frozen=True, slots=True, kw_only=True)
class SheetRow:
    """One car's line: the stored result, who drove it, where it is scored and what it earned."""

    result: RaceResult  # as stored: what a correction edits and an export round-trips
    position: int  # as scored: disqualified cars at the back, the cars behind moved up
    driver: str  # the label of the driver of record (the result's driver)
    driver_eligible: bool  # False: "(i)", the owner scores but the driver does not
    points: RacePoints

    @property
    def driver_text(self) -> str:
        """The driver's label with the "(i)" flag where the driver scores no points here."""
        return self.driver if self.driver_eligible else f"{self.driver} (i)"


@dataclass(frozen=True, slots=True, kw_only=True)
class RaceSheet:
    """A race as its results screen needs it; the default is "no weekend chosen"."""

    rows: list[SheetRow] = field(default_factory=list)  # in scored order
    penalties: list[Penalty] = field(default_factory=list)
    drivers: dict[UUID, Driver] = field(default_factory=dict)
    race_drivers: dict[str, UUID] = field(default_factory=dict)  # car -> who drives it in the race

    @property
    def results(self) -> list[RaceResult]:
        """The stored results, in scored order."""
        return [row.result for row in self.rows]

    def label(self, driver_id: UUID | None) -> str:
        driver = self.drivers.get(driver_id) if driver_id else None
        return driver.label if driver else ""


def score_sheet(
    results: Sequence[RaceResult],
    entries: Sequence[Entry],
    penalties: Sequence[Penalty],
    drivers: Mapping[UUID, Driver],
    rules: PointsRules,
    event: Event | None = None,
) -> list[SheetRow]:
    """One race's rows in scored order, each scored where it is placed (as the standings do):
    the event's own stage count, nothing at an exhibition, the 2026 OEP shift."""
    if event is not None:
        rules = event_rules(rules, event) or pays_nothing(rules)
    # "(i)" is on the entry: whoever drives that car in this race scores no driver points.
    eligible = {e.car_number: e.points_eligible for e in entries}
    oep = {e.car_number for e in entries if e.oep and not e.withdrawn}
    stored = {r.id: r for r in results}
    order = scored_order(sorted(results, key=lambda r: r.finish), penalties)
    shifts = finish_shifts(order, oep, rules)
    rows = []
    for scored in order:
        car = scored.car_number
        ok = eligible.get(car, True)
        driver = drivers.get(scored.driver_id)
        rows.append(
            SheetRow(
                result=stored[scored.id],
                position=scored.finish,
                driver=driver.label if driver else "?",
                driver_eligible=ok,
                points=race_points(
                    scored,
                    rules,
                    driver_eligible=ok,
                    penalties=penalties,
                    shift=shifts.get(car, 0),
                    oep=car in oep,
                ),
            )
        )
    return rows


def race_sheet(uow: UnitOfWork, event_id: UUID, ruleset: RuleSet) -> RaceSheet:
    """The event's race sheet, its penalties and each running car's race driver, read once."""
    with uow:
        event = uow.events.get(event_id)
        results = uow.results.list_for_event(event_id)
        penalties = uow.penalties.list_for_event(event_id)
        entries = uow.entries.list_for_event(event_id)
        drivers = {d.id: d for d in uow.drivers.list_for_event(event_id)}
        subs = uow.substitutions.list_for_event(event_id)
        sessions = uow.sessions.list_for_event(event_id)
    last_order = max((s.order for s in sessions), default=0)  # the race is the last session
    return RaceSheet(
        rows=score_sheet(results, entries, penalties, drivers, ruleset.points, event),
        penalties=penalties,
        drivers=drivers,
        race_drivers={
            e.car_number: driver_at(e, subs, last_order) for e in entries if not e.withdrawn
        },
    )
