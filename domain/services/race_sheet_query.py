"""The race sheet query: one race's rows (scored by domain/rules/race_sheet.py), its penalties
and each running car's race driver, read in one unit of work for the race tab."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.model import Driver, Penalty, RaceResult
from domain.ports import UnitOfWork
from domain.rules.drivers import driver_at
from domain.rules.race_sheet import SheetRow, score_sheet
from domain.ruleset import RuleSet

__all__ = ["RaceSheet", "SheetRow", "race_sheet", "score_sheet"]


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
