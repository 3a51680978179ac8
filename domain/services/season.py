"""A season read once and scored once: standings, progression and the playoff picture.

Every read-side view of a season (the standings and playoffs tabs, the weekend summary, the
owner-points rank) loads its facts through `read_season`, so they all agree on what "the
season up to round N" means; `score_season` is the use case the tabs call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar
from uuid import UUID

from domain.model import Driver, Entry, Event, Penalty, RaceResult, Waiver
from domain.ports import UnitOfWork
from domain.rules.playoffs import PlayoffRow, playoff_picture
from domain.rules.points import season_rounds
from domain.rules.postseason import PostseasonTable, postseason_standings
from domain.rules.progression import shown_progression
from domain.rules.standings import SeasonScores, StandingRow, races_run
from domain.ruleset import RuleSet

_Fact = TypeVar("_Fact", RaceResult, Entry, Penalty)


@dataclass(frozen=True, slots=True, kw_only=True)
class SeasonFacts:
    """The season's stored events, results, entries and penalties up to a round."""

    events: list[Event]  # by round
    results: list[RaceResult]  # the races' results
    entries: list[Entry]
    penalties: list[Penalty]
    duel_results: list[RaceResult] = field(default_factory=list)  # Daytona Duels: points only

    @staticmethod
    def of_event(facts: list[_Fact], event: Event) -> list[_Fact]:
        return [fact for fact in facts if fact.event_id == event.id]

    def scores(self, ruleset: RuleSet) -> SeasonScores:
        """Every race scored once, for standings after any round."""
        results = self.results + self.duel_results
        return SeasonScores(self.events, results, self.entries, self.penalties, ruleset.points)


def read_season(
    uow: UnitOfWork, series: str, season: int, through_round: int | None = None
) -> SeasonFacts:
    """Inside an open unit of work: each of the season's tables read once, up to a round."""
    events = [
        e
        for e in season_rounds(uow.events.list_for_season(series, season))
        if through_round is None or e.round_no <= through_round
    ]
    ids = {e.id for e in events}
    results = [r for r in uow.results.list_for_season(series, season) if r.event_id in ids]
    return SeasonFacts(
        events=events,
        results=[r for r in results if r.is_race],
        duel_results=[r for r in results if not r.is_race],
        entries=[e for e in uow.entries.list_for_season(series, season) if e.event_id in ids],
        penalties=[p for p in uow.penalties.list_for_season(series, season) if p.event_id in ids],
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoredSeason:
    """What the standings and playoffs show after a round; the default is "no season chosen"."""

    ruleset: RuleSet | None = None  # None: nothing chosen, so nothing scored
    events: list[Event] = field(default_factory=list)  # rounds up to the chosen one
    results: list[RaceResult] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    drivers: dict[UUID, Driver] = field(default_factory=dict)
    # The standings as the pack's postseason format shows them (resets, eliminations).
    driver_standings: list[StandingRow] = field(default_factory=list)
    owner_standings: list[StandingRow] = field(default_factory=list)
    # Each driver's total after each round as the standings showed it then (resets included).
    progression: dict[UUID, list[int]] = field(default_factory=dict)
    playoff_picture: list[PlayoffRow] = field(default_factory=list)
    postseason: PostseasonTable | None = None  # None: nothing chosen
    next_race: Event | None = None  # the first round at or after the chosen one not yet run

    @property
    def races_run(self) -> int:
        """Rounds with at least one result: the races the standings and eligibility count."""
        return races_run(self.events, self.results)

    @property
    def rounds(self) -> list[int]:
        return sorted({e.round_no for e in self.events})

    @property
    def race_names(self) -> dict[UUID, str]:
        return {e.id: e.name for e in self.events}

    def label(self, driver_id: UUID) -> str:
        driver = self.drivers.get(driver_id)
        return driver.label if driver else ""


def score_season(
    uow: UnitOfWork, series: str, season: int, ruleset: RuleSet, *, through_round: int | None = None
) -> ScoredSeason:
    """The season up to a round, read in one unit of work and scored once by the rules."""
    with uow:
        facts = read_season(uow, series, season, through_round)
        waivers = uow.waivers.list_for_season(series, season)
        drivers = {d.id: d for d in uow.drivers.list_for_season(series, season)}
        upcoming = uow.events.list_for_season(series, season)
    scores = facts.scores(ruleset)
    standings = scores.drivers(drivers.values())
    run = races_run(facts.events, facts.results)
    raced = {r.event_id for r in facts.results}
    first_round = through_round if through_round is not None else 0
    postseason, progression = _with_resets(facts, scores, standings, drivers, waivers, ruleset)
    return ScoredSeason(
        ruleset=ruleset,
        events=facts.events,
        results=facts.results,
        waivers=waivers,
        drivers=drivers,
        driver_standings=postseason.standings(),
        owner_standings=scores.owners(),
        progression=progression,
        playoff_picture=playoff_picture(
            standings, facts.events, facts.results, waivers, ruleset, run
        ),
        postseason=postseason,
        next_race=next(
            (e for e in upcoming if e.id not in raced and e.round_no >= first_round), None
        ),
    )


def _with_resets(
    facts: SeasonFacts,
    scores: SeasonScores,
    standings: list[StandingRow],
    drivers: dict[UUID, Driver],
    waivers: list[Waiver],
    ruleset: RuleSet,
) -> tuple[PostseasonTable, dict[UUID, list[int]]]:
    """The standings after the latest race run as the pack's format shows them, and each
    driver's total after every round the same way (the chart and the table agree)."""
    table_after = _tables(facts, scores, standings, drivers, waivers, ruleset)
    rounds = sorted({e.round_no for e in facts.events})
    progression = shown_progression(scores.progression(), rounds, ruleset, table_after)
    return table_after(last_race_run(facts.events, facts.results)), progression


def last_race_run(events: list[Event], results: list[RaceResult]) -> int:
    """The round number of the latest event with a result (0 before the first race)."""
    raced = {r.event_id for r in results}
    return max((e.round_no for e in events if e.id in raced), default=0)


def season_postseason(
    facts: SeasonFacts,
    scores: SeasonScores,
    standings: list[StandingRow],
    drivers: dict[UUID, Driver],
    waivers: list[Waiver],
    ruleset: RuleSet,
) -> PostseasonTable:
    """The standings after the latest race run, with the resets and cuts of the pack's format."""
    table_after = _tables(facts, scores, standings, drivers, waivers, ruleset)
    return table_after(last_race_run(facts.events, facts.results))


def _tables(
    facts: SeasonFacts,
    scores: SeasonScores,
    standings: list[StandingRow],
    drivers: dict[UUID, Driver],
    waivers: list[Waiver],
    ruleset: RuleSet,
) -> Callable[[int], PostseasonTable]:
    """The standings after any race as the pack's format shows them, from the regular season
    as it stands after the latest race run."""
    after = last_race_run(facts.events, facts.results)
    regular = _regular_season(scores, standings, drivers, ruleset, after)

    def table_after(race: int) -> PostseasonTable:
        return postseason_standings(
            standings, regular, facts.events, facts.results, waivers, ruleset, race
        )

    return table_after


def _regular_season(
    scores: SeasonScores,
    standings: list[StandingRow],
    drivers: dict[UUID, Driver],
    ruleset: RuleSet,
    after: int,
) -> list[StandingRow]:
    """The standings after the regular season's last race (those of now before it ends)."""
    regular_races = ruleset.postseason.regular_season_races
    if after <= regular_races:
        return standings
    return scores.drivers(drivers.values(), through_round=regular_races)
