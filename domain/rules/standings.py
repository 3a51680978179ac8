"""Driver and owner standings, derived from results, entries and penalties (DESIGN §3).

Driver points follow the driver (Driver.id); owner points follow the entry's identity within
the series and season (Entry.owner_identity: its car number unless it carries another entry's
owner points), so a substitute scores for the owner, the absent driver scores nothing, and a
renumbered car keeps its owner points. A Daytona Duel's points are a line of their own.
Every function here is linear in the number of results: a 38 × 40 season takes milliseconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, TypeVar
from uuid import UUID

from domain.errors import NotFoundError
from domain.model import RACE, Driver, Entry, Event, Penalty, RaceResult
from domain.rules.points import (
    RacePoints,
    duel_points,
    event_rules,
    finish_shifts,
    penalty_points,
    race_points,
    scored_order,
    season_rounds,
)
from domain.ruleset import PointsRules

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True, kw_only=True)
class RaceLine:
    """One race in a standings row's breakdown."""

    event_id: UUID
    round_no: int
    car_number: str
    position: int | None  # finish as scored; None: a penalty for a car without a result
    stage1: int | None  # None: only a stage total is known
    stage2: int | None
    stages: int
    finish: int  # finish points
    bonus: int  # the fastest-lap point
    penalty: int  # points deducted (positive)
    total: int  # stages + finish + bonus - penalty (+ duel on a Duel's line)
    playoff_points: int = 0  # earned in this race (win, stage wins), net of penalties
    stage3: int | None = None
    duel: int = 0  # a Daytona Duel's points
    session_name: str = RACE  # "Duel 1", "Duel 2" for a Duel's line


@dataclass(frozen=True, slots=True, kw_only=True)
class StandingRow:
    """A driver's row (driver_id set) or an owner's row (car_number set)."""

    position: int
    driver_id: UUID | None = None
    car_number: str | None = None
    name: str  # Driver.label, or "No. 11 Tricon Garage" for an owner
    owner: str = ""
    team: str = ""
    points: int
    behind_leader: int
    wins: int
    top5: int
    top10: int
    playoff_points: int
    starts: int
    breakdown: tuple[RaceLine, ...]
    owner_key: str | None = None  # an owner's row: the entry identity its points follow

    @property
    def driver(self) -> UUID:
        """The driver of a driver's row; an owner's row has none, and asking is a bug."""
        if self.driver_id is None:
            raise TypeError(f"{self.name} is an owner's row, not a driver's")
        return self.driver_id


@dataclass(frozen=True, slots=True)
class _Scored:
    event: Event
    driver_id: UUID | None
    car_number: str
    eligible: bool
    position: int | None  # None: a Duel's line, or a penalty without a result
    points: RacePoints
    owner_key: str
    session_name: str = RACE


@dataclass(slots=True)
class _Tally:
    points: int = 0
    playoff_points: int = 0
    finishes: Counter[int] = field(default_factory=Counter)
    lines: list[RaceLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _EntryFacts:
    """What the season's entries say about each (event, car): "(i)", the OEP, owner identity."""

    eligible: dict[tuple[UUID, str], bool]
    oep: dict[UUID, set[str]]
    owner_key: dict[tuple[UUID, str], str]

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> _EntryFacts:
        oep: dict[UUID, set[str]] = defaultdict(set)
        for entry in entries:
            if entry.oep and not entry.withdrawn:
                oep[entry.event_id].add(entry.car_number)
        return cls(
            # "(i)" is on the entry: whoever drives that car in that race scores no driver points.
            eligible={(e.event_id, e.car_number): e.points_eligible for e in entries},
            oep=oep,
            owner_key={(e.event_id, e.car_number): e.owner_identity for e in entries},
        )

    def owner(self, event: Event, car_number: str) -> str:
        return self.owner_key.get((event.id, car_number), car_number)


def _score_event(
    event: Event,
    results: Sequence[RaceResult],
    penalties: Sequence[Penalty],
    facts: _EntryFacts,
    rules: PointsRules,
) -> Iterable[_Scored]:
    """Each car's points in one race (and its Duels), then deductions for penalised cars
    without a result."""
    race = [r for r in results if r.is_race]
    for result in results:
        if not result.is_race:
            ok = facts.eligible.get((event.id, result.car_number), True)
            yield _Scored(
                event,
                result.driver_id,
                result.car_number,
                ok,
                None,
                duel_points(result, rules, driver_eligible=ok),
                facts.owner(event, result.car_number),
                result.session_name,
            )
    oep_cars = facts.oep.get(event.id, set())
    scored = scored_order(race, penalties)
    shifts = finish_shifts(scored, oep_cars, rules)
    for result in scored:
        car = result.car_number
        ok = facts.eligible.get((event.id, car), True)
        points = race_points(
            result,
            rules,
            driver_eligible=ok,
            penalties=penalties,
            shift=shifts.get(car, 0),
            oep=car in oep_cars,
        )
        yield _Scored(
            event, result.driver_id, car, ok, result.finish, points, facts.owner(event, car)
        )
    raced = {result.car_number for result in race}
    unmatched: dict[str, list[Penalty]] = defaultdict(list)
    for penalty in penalties:
        if penalty.car_number not in raced:
            unmatched[penalty.car_number].append(penalty)
    for car_number, own in unmatched.items():
        driver_id = next((p.driver_id for p in own if p.driver_id is not None), None)
        yield _Scored(
            event,
            driver_id,
            car_number,
            True,
            None,
            penalty_points(own),
            facts.owner(event, car_number),
        )


def _score_season(
    events: Sequence[Event],
    results: Sequence[RaceResult],
    entries: Sequence[Entry],
    penalties: Sequence[Penalty],
    rules: PointsRules,
) -> list[_Scored]:
    """Every car's points in every points-paying race of the season, in round order."""
    results_by_event: dict[UUID, list[RaceResult]] = defaultdict(list)
    for result in results:
        results_by_event[result.event_id].append(result)
    penalties_by_event: dict[UUID, list[Penalty]] = defaultdict(list)
    for penalty in penalties:
        penalties_by_event[penalty.event_id].append(penalty)
    facts = _EntryFacts.of(entries)
    scored: list[_Scored] = []
    for event in sorted(events, key=lambda e: e.round_no):
        paid = event_rules(rules, event)
        event_results = results_by_event.get(event.id, [])
        event_penalties = penalties_by_event.get(event.id, [])
        scored.extend(_score_event(event, event_results, event_penalties, facts, paid))
    return scored


def _line(item: _Scored, total: int, penalty: int) -> RaceLine:
    p = item.points
    return RaceLine(
        event_id=item.event.id,
        round_no=item.event.round_no,
        car_number=item.car_number,
        position=item.position,
        stage1=p.stage1,
        stage2=p.stage2,
        stages=p.stages,
        finish=p.finish,
        bonus=p.fastest_lap,
        penalty=penalty,
        total=total,
        playoff_points=item.points.playoff_points,
        stage3=p.stage3,
        duel=p.duel,
        session_name=item.session_name,
    )


class _Lines:
    """Each scored race's breakdown line, made once per SeasonScores: the driver's and the
    owner's are one value when they say the same (no penalty, an eligible driver), which
    halves the lines a season's two tables build (DESIGN §6: a season in 50 ms)."""

    def __init__(self) -> None:
        self._made: dict[tuple[int, int, int], RaceLine] = {}

    def line(self, item: _Scored, total: int, penalty: int) -> RaceLine:
        key = (id(item), total, penalty)  # items live as long as the SeasonScores holding them
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = _line(item, total, penalty)
        return made


def _driver_tallies(scored: Iterable[_Scored], lines: _Lines) -> dict[UUID, _Tally]:
    """Points, finishes and race lines per points-eligible driver."""
    tallies: dict[UUID, _Tally] = defaultdict(_Tally)
    for item in scored:
        if item.driver_id is not None and item.eligible:
            p = item.points
            _count(
                tallies[item.driver_id], item, lines.line(item, p.driver_total, p.penalty_driver)
            )
    return tallies


def _owner_tallies(scored: Iterable[_Scored], lines: _Lines) -> dict[str, _Tally]:
    """Points, finishes and race lines per entry identity (owner points follow it)."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for item in scored:
        p = item.points
        _count(tallies[item.owner_key], item, lines.line(item, p.owner_total, p.penalty_owner))
    return tallies


def _count(tally: _Tally, item: _Scored, line: RaceLine) -> None:
    tally.points += line.total
    tally.playoff_points += item.points.playoff_points
    if item.position is not None:
        tally.finishes[item.position] += 1
    tally.lines.append(line)


def countback_key(points: int, finishes: Counter[int], depth: int) -> tuple[int, ...]:
    """Sort key for a tie: more points, then more wins, more 2nds, 3rds… (DESIGN §3)."""
    return (-points, *(-finishes[place] for place in range(1, depth + 1)))


def _ranked(tallies: dict[K, _Tally], name_of: Callable[[K], str]) -> list[tuple[int, K, _Tally]]:
    depth = max((max(t.finishes, default=0) for t in tallies.values()), default=0)
    order = sorted(
        tallies.items(),
        key=lambda kv: (countback_key(kv[1].points, kv[1].finishes, depth), name_of(kv[0])),
    )
    return [(position, key, tally) for position, (key, tally) in enumerate(order, start=1)]


def _counts(tally: _Tally, leader_points: int) -> dict[str, Any]:
    top = tally.finishes
    return {
        "points": tally.points,
        "behind_leader": leader_points - tally.points,
        "wins": top[1],
        "top5": sum(top[place] for place in range(1, 6)),
        "top10": sum(top[place] for place in range(1, 11)),
        "playoff_points": tally.playoff_points,
        "starts": top.total(),
        "breakdown": tuple(tally.lines),
    }


class SeasonScores:
    """Every race of a season scored once; driver and owner standings after any round are
    tallies of it, so one scoring serves both tables and the owner-points rank (DESIGN §6)."""

    def __init__(
        self,
        events: Sequence[Event],
        results: Sequence[RaceResult],
        entries: Sequence[Entry],
        penalties: Sequence[Penalty],
        rules: PointsRules,
    ) -> None:
        self._events = season_rounds(events)  # an exhibition is no round of the standings
        self._entries = list(entries)
        self._scored = _score_season(self._events, results, entries, penalties, rules)
        self._lines = _Lines()

    def _through(self, round_no: int | None) -> list[_Scored]:
        if round_no is None:
            return self._scored
        return [item for item in self._scored if item.event.round_no <= round_no]

    def drivers(
        self, drivers: Iterable[Driver], *, through_round: int | None = None
    ) -> list[StandingRow]:
        """Points-eligible drivers by points, ties broken by countback."""
        labels = {driver.id: driver.label for driver in drivers}
        tallies = _driver_tallies(self._through(through_round), self._lines)
        missing = [driver_id for driver_id in tallies if driver_id not in labels]
        if missing:
            raise NotFoundError(
                f"{len(missing)} result(s) name a driver who is not in the driver list; add "
                "the driver or correct the result."
            )
        ranked = _ranked(tallies, labels.__getitem__)
        leader = ranked[0][2].points if ranked else 0
        return [
            StandingRow(
                position=position, driver_id=key, name=labels[key], **_counts(tally, leader)
            )
            for position, key, tally in ranked
        ]

    def owners(self, *, through_round: int | None = None) -> list[StandingRow]:
        """Entry identities by owner points; car number, owner and team from the identity's
        latest entry by then."""
        events = [e for e in self._events if through_round is None or e.round_no <= through_round]
        latest = _latest_entries(events, self._entries)
        tallies = _owner_tallies(self._through(through_round), self._lines)

        def name_of(key: str) -> str:
            entry = latest.get(key)
            return f"No. {entry.car_number} {entry.team}" if entry else f"No. {key}"

        ranked = _ranked(tallies, name_of)
        leader = ranked[0][2].points if ranked else 0
        rows = []
        for position, key, tally in ranked:
            entry = latest.get(key)
            rows.append(
                StandingRow(
                    position=position,
                    car_number=entry.car_number if entry else str(key),
                    owner_key=str(key),
                    name=name_of(key),
                    owner=entry.owner if entry else "",
                    team=entry.team if entry else "",
                    **_counts(tally, leader),
                )
            )
        return rows

    def progression(self) -> dict[UUID, list[int]]:
        """Each points-eligible driver's total after every round, for the progression chart."""
        rounds = sorted({event.round_no for event in self._events})
        index = {round_no: i for i, round_no in enumerate(rounds)}
        progression: dict[UUID, list[int]] = {}
        for driver_id, tally in _driver_tallies(self._scored, self._lines).items():
            per_round = [0] * len(rounds)
            for line in tally.lines:
                per_round[index[line.round_no]] += line.total
            progression[driver_id] = list(accumulate(per_round))
        return progression


def _latest_entries(events: Sequence[Event], entries: Sequence[Entry]) -> dict[str, Entry]:
    """Each owner identity's latest entry among the events."""
    round_of = {event.id: event.round_no for event in events}
    latest: dict[str, Entry] = {}
    for entry in sorted(
        (e for e in entries if e.event_id in round_of), key=lambda e: round_of[e.event_id]
    ):
        latest[entry.owner_identity] = entry
    return latest


def owner_rank_by_car(owners: Iterable[StandingRow], entries: Iterable[Entry]) -> dict[str, int]:
    """Owner-points rank of each of an event's cars, through the owner identity it carries."""
    rank = {row.owner_key: row.position for row in owners if row.owner_key is not None}
    return {e.car_number: rank[e.owner_identity] for e in entries if e.owner_identity in rank}


def driver_standings(
    events: Sequence[Event],
    results: Sequence[RaceResult],
    entries: Sequence[Entry],
    penalties: Sequence[Penalty],
    rules: PointsRules,
    drivers: Iterable[Driver],
) -> list[StandingRow]:
    """Points-eligible drivers by points, ties broken by countback."""
    return SeasonScores(events, results, entries, penalties, rules).drivers(drivers)


def owner_standings(
    events: Sequence[Event],
    results: Sequence[RaceResult],
    entries: Sequence[Entry],
    penalties: Sequence[Penalty],
    rules: PointsRules,
) -> list[StandingRow]:
    """Cars by owner points; owner and team come from the car's latest entry."""
    return SeasonScores(events, results, entries, penalties, rules).owners()


def points_progression(
    events: Sequence[Event],
    results: Sequence[RaceResult],
    entries: Sequence[Entry],
    penalties: Sequence[Penalty],
    rules: PointsRules,
) -> dict[UUID, list[int]]:
    """Each points-eligible driver's total after every round, for the progression chart."""
    return SeasonScores(events, results, entries, penalties, rules).progression()


def races_run(events: list[Event], results: list[RaceResult]) -> int:
    """How many of the events have at least one result."""
    raced = {r.event_id for r in results}
    return sum(1 for e in events if e.id in raced)
