"""The season so far, read in one unit of work, and the standings the domain derives from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.model import Driver, Entry, Event, Penalty, RaceResult, Waiver
from domain.rules.playoffs import PlayoffRow, playoff_picture
from domain.rules.standings import StandingRow, driver_standings, owner_standings
from domain.ruleset import RuleSet
from ui.context import AppContext


@dataclass
class SeasonFacts:
    """Stored facts of the chosen event's season up to and including its round."""

    ruleset: RuleSet | None = None
    events: list[Event] = field(default_factory=list)  # rounds up to the chosen one
    results: list[RaceResult] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    drivers: dict[UUID, Driver] = field(default_factory=dict)

    @property
    def races_run(self) -> int:
        """Rounds with at least one result: the races the standings and eligibility count."""
        raced = {r.event_id for r in self.results}
        return sum(1 for e in self.events if e.id in raced)

    @property
    def race_names(self) -> dict[UUID, str]:
        return {e.id: e.name for e in self.events}

    def label(self, driver_id: UUID) -> str:
        driver = self.drivers.get(driver_id)
        return driver.label if driver else ""

    def driver_rows(self) -> list[StandingRow]:
        if self.ruleset is None:
            return []
        return driver_standings(
            self.events,
            self.results,
            self.entries,
            self.penalties,
            self.ruleset.points,
            self.drivers.values(),
        )

    def owner_rows(self) -> list[StandingRow]:
        if self.ruleset is None:
            return []
        return owner_standings(
            self.events, self.results, self.entries, self.penalties, self.ruleset.points
        )

    def picture(self, driver_rows: list[StandingRow]) -> list[PlayoffRow]:
        if self.ruleset is None:
            return []
        return playoff_picture(
            driver_rows, self.events, self.results, self.waivers, self.ruleset, self.races_run
        )


def load_season(context: AppContext) -> SeasonFacts:
    event, ruleset = context.event, context.ruleset
    if event is None or ruleset is None:
        return SeasonFacts()
    with context.uow() as uow:
        events = [
            e
            for e in uow.events.list_for_season(event.series, event.season)
            if e.round_no <= event.round_no
        ]
        ids = {e.id for e in events}
        return SeasonFacts(
            ruleset=ruleset,
            events=events,
            results=[
                r
                for r in uow.results.list_for_season(event.series, event.season)
                if r.event_id in ids
            ],
            entries=[
                e
                for e in uow.entries.list_for_season(event.series, event.season)
                if e.event_id in ids
            ],
            penalties=[
                p
                for p in uow.penalties.list_for_season(event.series, event.season)
                if p.event_id in ids
            ],
            waivers=uow.waivers.list_for_season(event.series, event.season),
            drivers={d.id: d for d in uow.drivers.list()},
        )
