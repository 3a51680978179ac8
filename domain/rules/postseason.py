"""Standings at any point of a season, as the pack's postseason format has them.

Before the postseason the standings are the season's points. After the regular season:
- `chase` (2026): the field restarts at its seeds' reset totals and adds every later race's
  points; no cuts; the champion has the most points after the last race.
- `elimination` (2014-2025): each round restarts its drivers at the round's base (plus playoff
  points where the pack says so); after the round's last race the drivers below the cut are
  eliminated, a race winner of the round advancing whatever the points; the final round's
  champion is its best finisher in the last race (the finalists score no stage points there
  when the pack says so).
Drivers eliminated keep their totals and rank below those still in; drivers outside the field
keep their season totals and rank below both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from uuid import UUID

from domain.errors import ValidationError
from domain.model import Event, RaceResult, Waiver
from domain.rules.playoffs import PlayoffRow, playoff_picture
from domain.rules.standings import RaceLine, StandingRow
from domain.rules.tiebreaks import rank
from domain.ruleset import EliminationRound, PostseasonFormat, PostseasonRules, RuleSet


class PostseasonStatus(StrEnum):
    REGULAR_SEASON = "regular season"  # the postseason has not started
    IN = "in"  # in the Chase, or still in the current round
    ADVANCED = "advances on a win"  # won a race of the current round
    ELIMINATED = "eliminated"
    CHAMPION = "champion"
    NOT_IN = "not in the field"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostseasonRow:
    position: int
    driver_id: UUID
    standing: StandingRow  # the driver's season as scored, without resets
    status: PostseasonStatus
    seed: int | None  # None: not in the postseason field
    round: str  # the round the driver is in or went out in ("Round of 8", "Chase"), or ""
    points: int  # what the standings show: the latest reset plus the points since
    reset_points: int | None  # the latest reset; None: never reset
    since_reset: int  # points scored since the latest reset
    to_cut: int | None  # points above (+) or below (-) the current round's cut line
    finale_finish: int | None = None  # the final round's finish in the last race
    above_cut: bool | None = None  # in a round with a cut: would advance as things stand


@dataclass(frozen=True, slots=True, kw_only=True)
class PostseasonTable:
    format: PostseasonFormat
    after_race: int  # the latest race counted
    phase: str  # "Round of 12: 1 of 3 races run", "The Chase: 3 of 10 races run"
    round: EliminationRound | None  # the elimination round under way (or decided)
    rows: list[PostseasonRow] = field(default_factory=list)  # in standings order
    picture: list[PlayoffRow] = field(default_factory=list)  # the field as set (or projected)
    regular_season_champion: UUID | None = None
    champion: UUID | None = None

    @property
    def started(self) -> bool:
        """The regular season is over (or the pack has no postseason to wait for)."""
        return any(row.status is not PostseasonStatus.REGULAR_SEASON for row in self.rows)

    def standings(self) -> list[StandingRow]:
        """The rows as standings: positions, totals and gaps to the leader after any reset."""
        leader = self.rows[0].points if self.rows else 0
        return [
            replace(row.standing, position=row.position, points=row.points,
                    behind_leader=leader - row.points)
            for row in self.rows
        ]  # fmt: skip


@dataclass(slots=True)
class _Driver:
    """One field driver's postseason so far."""

    row: StandingRow
    seed: int
    playoff_points: int  # carried into the next reset
    reset: int = 0
    since: int = 0
    round_index: int = 0
    out_after: int | None = None  # the round index the driver went out in
    won_in_round: bool = False
    finale_finish: int | None = None

    @property
    def points(self) -> int:
        return self.reset + self.since

    @property
    def seed_id(self) -> UUID:
        return _driver_id(self.row)


def _driver_id(row: StandingRow) -> UUID:
    if row.driver_id is None:
        raise ValidationError("The postseason is drawn from driver standings, not owner ones.")
    return row.driver_id


def _lines(row: StandingRow, first: int, last: int) -> list[RaceLine]:
    return [line for line in row.breakdown if first <= line.round_no <= last]


def postseason_standings(
    standings: Sequence[StandingRow],
    regular_season: Sequence[StandingRow],
    events: Sequence[Event],
    results: Sequence[RaceResult],
    waivers: Iterable[Waiver],
    ruleset: RuleSet,
    after_race: int,
) -> PostseasonTable:
    """The standings after race `after_race`, from the season's driver standings then and
    after the regular season (`regular_season`, ignored before it ends)."""
    rules = ruleset.postseason
    waivers = list(waivers)
    if rules.format is PostseasonFormat.NONE or rules.field_size == 0:
        return _no_postseason(standings, ruleset, after_race)
    if after_race < rules.regular_season_races:
        picture = playoff_picture(standings, events, results, waivers, ruleset, after_race)
        return _before(standings, picture, ruleset, after_race)
    regular = rules.regular_season_races
    picture = playoff_picture(regular_season, events, results, waivers, ruleset, regular)
    now = {row.driver_id: row for row in standings if row.driver_id is not None}
    field_ = [
        _Driver(
            row=now.get(p.driver_id, p.standing),
            seed=p.seed,
            playoff_points=p.playoff_points + p.bonus_playoff_points,
            reset=p.reset_points or 0,
        )
        for p in picture
        if p.seed is not None and p.reset_points is not None
    ]
    if rules.format is PostseasonFormat.CHASE:
        table = _chase(field_, standings, ruleset, after_race)
    else:
        table = _elimination(field_, standings, ruleset, after_race)
    leader = regular_season[0].driver_id if regular_season else None
    return replace(table, picture=picture, regular_season_champion=leader)


def _no_postseason(
    standings: Sequence[StandingRow], ruleset: RuleSet, after_race: int
) -> PostseasonTable:
    rules = ruleset.postseason
    done = after_race >= rules.season_races and bool(standings)
    rows = [
        _plain(row, PostseasonStatus.CHAMPION if done and row.position == 1 else None)
        for row in standings
    ]
    phase = f"Season: {min(after_race, rules.season_races)} of {rules.season_races} races run"
    champion = rows[0].driver_id if done else None
    return PostseasonTable(
        format=rules.format, after_race=after_race, phase=phase, round=None, rows=rows,
        champion=champion,
    )  # fmt: skip


def _plain(row: StandingRow, status: PostseasonStatus | None, position: int = 0) -> PostseasonRow:
    return PostseasonRow(
        position=position or row.position,
        driver_id=_driver_id(row),
        standing=row,
        status=status or PostseasonStatus.NOT_IN,
        seed=None,
        round="",
        points=row.points,
        reset_points=None,
        since_reset=row.points,
        to_cut=None,
    )


def _before(
    standings: Sequence[StandingRow],
    picture: list[PlayoffRow],
    ruleset: RuleSet,
    after_race: int,
) -> PostseasonTable:
    """The regular season: the season's points, with the field it would set now."""
    rules = ruleset.postseason
    projected = {p.driver_id: p for p in picture}
    rows = [
        replace(
            _plain(row, PostseasonStatus.REGULAR_SEASON),
            seed=projected[row.driver_id].seed if row.driver_id in projected else None,
            to_cut=projected[row.driver_id].to_cut if row.driver_id in projected else None,
        )
        for row in standings
    ]
    phase = f"Regular season: {after_race} of {rules.regular_season_races} races run"
    return PostseasonTable(
        format=rules.format, after_race=after_race, phase=phase, round=None, rows=rows,
        picture=picture,
    )  # fmt: skip


def _outside(
    standings: Sequence[StandingRow], field_ids: set[UUID], first_position: int
) -> list[PostseasonRow]:
    others = [row for row in standings if row.driver_id not in field_ids]
    return [
        _plain(row, PostseasonStatus.NOT_IN, position)
        for position, row in enumerate(others, start=first_position)
    ]


def _ranked(drivers: list[_Driver], ruleset: RuleSet, through: int | None = None) -> list[_Driver]:
    """By points, ties by the pack's tiebreak on the races up to `through` (default: all)."""
    return rank(
        drivers,
        lambda d: d.points,
        lambda d: d.row.breakdown if through is None else _lines(d.row, 1, through),
        lambda d: d.row.name,
        ruleset.postseason.tiebreak,
    )


def _chase(
    field_: list[_Driver], standings: Sequence[StandingRow], ruleset: RuleSet, after_race: int
) -> PostseasonTable:
    rules = ruleset.postseason
    last = min(after_race, rules.season_races)
    for driver in field_:
        driver.since = sum(
            line.total for line in _lines(driver.row, rules.regular_season_races + 1, last)
        )
    ordered = _ranked(field_, ruleset)
    done = after_race >= rules.season_races and bool(ordered)
    rows = [
        PostseasonRow(
            position=position,
            driver_id=d.seed_id,
            standing=d.row,
            status=PostseasonStatus.CHAMPION if done and position == 1 else PostseasonStatus.IN,
            seed=d.seed,
            round="Chase",
            points=d.points,
            reset_points=d.reset,
            since_reset=d.since,
            to_cut=None,
        )
        for position, d in enumerate(ordered, start=1)
    ]
    rows += _outside(standings, {d.seed_id for d in field_}, len(rows) + 1)
    chase_races = rules.season_races - rules.regular_season_races
    phase = f"The Chase: {last - rules.regular_season_races} of {chase_races} races run"
    return PostseasonTable(
        format=rules.format, after_race=after_race, phase=phase, round=None, rows=rows,
        champion=rows[0].driver_id if done else None,
    )  # fmt: skip


def _round_points(driver: _Driver, lines: list[RaceLine], finale: int | None) -> int:
    """A round's points; in the finale the finalists' stage points do not count (pack rule)."""
    return sum(line.total - (line.stages if line.round_no == finale else 0) for line in lines)


def _elimination(
    field_: list[_Driver], standings: Sequence[StandingRow], ruleset: RuleSet, after_race: int
) -> PostseasonTable:
    rules = ruleset.postseason
    rounds = rules.rounds
    alive = list(field_)
    start = rules.regular_season_races
    current = 0
    for index, round_ in enumerate(rounds):
        if after_race < start:
            break
        current = index
        final = index == len(rounds) - 1
        finale = round_.last_race if final and not rules.final_round_stage_points else None
        through = min(after_race, round_.last_race)
        for driver in alive:
            driver.round_index = index
            driver.reset = round_.reset_base + (
                driver.playoff_points if round_.adds_playoff_points else 0
            )
            lines = _lines(driver.row, start + 1, through)
            driver.since = _round_points(driver, lines, finale)
            driver.playoff_points += sum(line.playoff_points for line in lines)
            driver.won_in_round = any(line.position == 1 for line in lines)
            if final and through == round_.last_race:
                driver.finale_finish = next(
                    (line.position for line in lines if line.round_no == through), None
                )
        if not final and through == round_.last_race:
            advancing = _advancing(alive, rounds[index + 1].drivers, ruleset, through)
            for driver in alive:
                if driver not in advancing:
                    driver.out_after = index
            alive = advancing
        start = round_.last_race
    for driver in field_:  # the eliminated keep their totals and keep scoring
        if driver.out_after is not None:
            driver.since += sum(
                line.total
                for line in _lines(driver.row, rounds[driver.out_after].last_race + 1, after_race)
            )
    return _elimination_table(field_, alive, standings, ruleset, after_race, current)


def _advancing(alive: list[_Driver], spots: int, ruleset: RuleSet, through: int) -> list[_Driver]:
    """A round's race winners first (by points among them), then the best on points."""
    ordered = _ranked(alive, ruleset, through)
    winners = [d for d in ordered if d.won_in_round]
    others = [d for d in ordered if not d.won_in_round]
    return (winners + others)[:spots]


def _cut_margins(alive: list[_Driver], spots: int, ruleset: RuleSet) -> dict[UUID, int | None]:
    """Points above (+) or below (-) the line during a round; winners are locked in (None)."""
    others = [d for d in _ranked(alive, ruleset) if not d.won_in_round]
    open_spots = spots - (len(alive) - len(others))
    above, below = others[: max(open_spots, 0)], others[max(open_spots, 0) :]
    margins: dict[UUID, int | None] = {d.seed_id: None for d in alive}
    for d in above:
        margins[d.seed_id] = d.points - below[0].points if below else None
    for d in below:
        margins[d.seed_id] = d.points - above[-1].points if above else None
    return margins


def _elimination_table(
    field_: list[_Driver],
    alive: list[_Driver],
    standings: Sequence[StandingRow],
    ruleset: RuleSet,
    after_race: int,
    current: int,
) -> PostseasonTable:
    rules = ruleset.postseason
    round_ = rules.rounds[current]
    final = current == len(rules.rounds) - 1
    done = final and after_race >= round_.last_race
    if done:
        finish = {d.seed_id: d.finale_finish or 10_000 for d in alive}
        in_order = sorted(alive, key=lambda d: (finish[d.seed_id], d.seed))
    else:
        in_order = _ranked(alive, ruleset)
    margins: dict[UUID, int | None] = {}
    advancing: set[UUID] | None = None
    if not final:
        spots = rules.rounds[current + 1].drivers
        margins = _cut_margins(alive, spots, ruleset)
        advancing = {d.seed_id for d in _advancing(alive, spots, ruleset, after_race)}
    out = [d for d in field_ if d.out_after is not None]
    out_order = sorted(_ranked(out, ruleset), key=lambda d: -(d.out_after or 0))
    rows: list[PostseasonRow] = []
    for driver in [*in_order, *out_order]:
        is_out = driver.out_after is not None
        round_index = driver.round_index if driver.out_after is None else driver.out_after
        if is_out:
            status = PostseasonStatus.ELIMINATED
        elif done and driver is in_order[0]:
            status = PostseasonStatus.CHAMPION
        elif driver.won_in_round and not final:
            status = PostseasonStatus.ADVANCED
        else:
            status = PostseasonStatus.IN
        rows.append(
            PostseasonRow(
                position=len(rows) + 1,
                driver_id=driver.seed_id,
                standing=driver.row,
                status=status,
                seed=driver.seed,
                round=rules.rounds[round_index].name,
                points=driver.points,
                reset_points=driver.reset,
                since_reset=driver.since,
                to_cut=None if is_out else margins.get(driver.seed_id),
                finale_finish=driver.finale_finish,
                above_cut=None if advancing is None or is_out else driver.seed_id in advancing,
            )
        )
    rows += _outside(standings, {d.seed_id for d in field_}, len(rows) + 1)
    run = max(0, min(after_race, round_.last_race) - _round_start(rules.rounds, current, rules))
    length = round_.last_race - _round_start(rules.rounds, current, rules)
    phase = f"{round_.name}: {run} of {length} races run"
    return PostseasonTable(
        format=rules.format, after_race=after_race, phase=phase, round=round_, rows=rows,
        champion=in_order[0].seed_id if done and in_order else None,
    )  # fmt: skip


def _round_start(rounds: Sequence[EliminationRound], index: int, rules: PostseasonRules) -> int:
    """The last race before the round (the regular season's last race for the first round)."""
    return rounds[index - 1].last_race if index else rules.regular_season_races
