"""A naive reference for both postseason formats, written without the production rules.

It imports nothing from domain.rules: it reads plain race rows, scores them with the pack's
tables by hand, and replays the season one race at a time the way a person with a notebook
would: total up the regular season, pick the field, write each driver's reset, add every
race's points, cut after each round's last race, and name the champion. Tests compare it with
domain/rules/postseason.py on random seasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.ruleset import PostseasonFormat, RuleSet, StandingsTiebreak


@dataclass(frozen=True, slots=True)
class Row:
    """One driver's race: finish and stage positions (None: not in the stage's top list)."""

    driver: str
    finish: int
    stage1: int | None
    stage2: int | None


@dataclass(frozen=True, slots=True)
class Ruling:
    """A waiver: granted or not, medical or not, NASCAR-approved absence or not."""

    granted: bool
    medical: bool
    approved: bool


@dataclass(slots=True)
class Outcome:
    """What the notebook says after race `after`."""

    totals: dict[str, int] = field(default_factory=dict)  # every driver's shown total
    resets: dict[str, int] = field(default_factory=dict)  # field drivers' latest reset
    still_in: set[str] = field(default_factory=set)  # in the Chase / the current round
    eliminated: set[str] = field(default_factory=set)
    seeds: dict[str, int] = field(default_factory=dict)
    champion: str | None = None
    order: list[str] = field(default_factory=list)  # the standings, top down


def _finish_points(position: int, rules: RuleSet) -> int:
    table = rules.points.finish
    return max(table[position - 1], rules.points.minimum) if position <= len(table) else 1


def _stage_points(position: int | None, rules: RuleSet) -> int:
    if position is None or position > len(rules.points.stage):
        return 0
    return rules.points.stage[position - 1]


def _race(row: Row, rules: RuleSet, stages_count: bool = True) -> tuple[int, int]:
    """(points, playoff points) of one race."""
    stages = _stage_points(row.stage1, rules) + _stage_points(row.stage2, rules)
    points = _finish_points(row.finish, rules) + (stages if stages_count else 0)
    playoff = (rules.points.win_playoff_points if row.finish == 1 else 0) + (
        rules.points.stage_win_playoff_points * ((row.stage1 == 1) + (row.stage2 == 1))
    )
    return points, playoff


def _countback(driver: str, races: list[list[Row]], last: int) -> tuple[int, ...]:
    places = [0] * 60
    for race in races[:last]:
        for row in race:
            if row.driver == driver:
                places[row.finish - 1] += 1
    return tuple(-count for count in places)


def _latest(driver: str, races: list[list[Row]], last: int) -> tuple[int, ...]:
    """The driver's finish in each race from race `last` back (10,000: did not race)."""
    finishes = []
    for race in reversed(races[:last]):
        mine = [row.finish for row in race if row.driver == driver]
        finishes.append(mine[0] if mine else 10_000)
    return tuple(finishes)


def _order(
    drivers: list[str],
    points: dict[str, int],
    races: list[list[Row]],
    last: int,
    tiebreak: StandingsTiebreak = StandingsTiebreak.COUNTBACK,
) -> list[str]:
    """Most points first; level drivers by the tiebreak, then by name."""

    def key(d: str) -> tuple[object, ...]:
        latest = _latest(d, races, last) if tiebreak is StandingsTiebreak.LATEST_FINISH else ()
        return (-points[d], latest, _countback(d, races, last), d)

    return sorted(drivers, key=key)


def reference(
    races: list[list[Row]], rules: RuleSet, rulings: dict[str, Ruling], after: int
) -> Outcome:
    """The standings after race `after` (1-based) of `races`, by the notebook."""
    post = rules.postseason
    regular = post.regular_season_races
    season: dict[str, int] = {}
    playoff: dict[str, int] = {}
    wins: dict[str, int] = {}
    starts: dict[str, int] = {}
    for number, race in enumerate(races[:after], start=1):
        for row in race:
            points, earned = _race(row, rules)
            season[row.driver] = season.get(row.driver, 0) + points
            if number <= regular:
                playoff[row.driver] = playoff.get(row.driver, 0) + earned
                wins[row.driver] = wins.get(row.driver, 0) + (row.finish == 1)
                starts[row.driver] = starts.get(row.driver, 0) + 1
    outcome = Outcome(totals=dict(season))
    if after < regular:
        outcome.order = _order(list(season), season, races, after)
        return outcome

    # The regular season's final standings and who may race for the title.
    at_regular: dict[str, int] = {}
    for race in races[:regular]:
        for row in race:
            at_regular[row.driver] = at_regular.get(row.driver, 0) + _race(row, rules)[0]
    tiebreak = post.tiebreak
    ranking = _order(list(at_regular), at_regular, races, regular, tiebreak)
    counted = sum(1 for race in races[:regular] if race)
    eligible = []
    for place, driver in enumerate(ranking, start=1):
        ruling = rulings.get(driver)
        every_start = starts.get(driver, 0) == counted
        waived = ruling is not None and ruling.granted
        if place <= post.eligible_top and (every_start or waived):
            eligible.append(driver)

    if post.format is PostseasonFormat.CHASE:
        field_ = eligible[: post.field_size]
    else:
        winners = [d for d in eligible if wins.get(d, 0) > 0]
        winners.sort(key=lambda d: (-wins[d], ranking.index(d)))
        winners = winners[: post.field_size]
        rest = [d for d in eligible if d not in winners]
        field_ = winners + rest[: post.field_size - len(winners)]
    outcome.seeds = {driver: seed for seed, driver in enumerate(field_, start=1)}

    if post.format is PostseasonFormat.CHASE:
        for driver in field_:
            ruling = rulings.get(driver)
            missed = starts.get(driver, 0) < counted
            unapproved = missed and ruling is not None and not ruling.approved
            start = post.unapproved_waiver_start
            if unapproved and start is not None:
                outcome.resets[driver] = start
            else:
                outcome.resets[driver] = post.seed_resets[outcome.seeds[driver] - 1]
        total = dict(outcome.resets)
        for race in races[regular:after]:
            for row in race:
                if row.driver in total:
                    total[row.driver] += _race(row, rules)[0]
        outcome.totals.update(total)
        outcome.still_in = set(field_)
        chase_order = _order(field_, total, races, after, tiebreak)
        others = _order([d for d in season if d not in total], season, races, after)
        outcome.order = chase_order + others
        if after >= post.season_races and chase_order:
            outcome.champion = chase_order[0]
        return outcome
    return _elimination(races, rules, rulings, after, field_, ranking, playoff, outcome, starts)


def _elimination(
    races: list[list[Row]],
    rules: RuleSet,
    rulings: dict[str, Ruling],
    after: int,
    field_: list[str],
    ranking: list[str],
    playoff: dict[str, int],
    outcome: Outcome,
    starts: dict[str, int],
) -> Outcome:
    post = rules.postseason
    regular = post.regular_season_races
    counted = sum(1 for race in races[:regular] if race)
    bank: dict[str, int] = {}
    for driver in field_:
        ruling = rulings.get(driver)
        missed = starts.get(driver, 0) < counted
        forfeit = (
            missed
            and ruling is not None
            and not ruling.medical
            and post.non_medical_waiver_forfeits_playoff_points
        )
        place = ranking.index(driver)
        bonus = rules.points.regular_season_bonus
        bank[driver] = (0 if forfeit else playoff.get(driver, 0)) + (
            bonus[place] if place < len(bonus) else 0
        )
    total: dict[str, int] = {}
    alive = list(field_)
    went_out: dict[str, int] = {}  # driver -> the round number they went out in
    finale_finish: dict[str, int] = {}
    rounds = post.rounds
    race_number = regular
    for number, round_ in enumerate(rounds):
        if after < race_number:
            break
        for driver in alive:  # the reset at the round's start
            total[driver] = round_.reset_base + (bank[driver] if round_.adds_playoff_points else 0)
            outcome.resets[driver] = total[driver]
        round_winners: set[str] = set()
        is_final = number == len(rounds) - 1
        while race_number < round_.last_race and race_number < after:
            race_number += 1
            for row in races[race_number - 1]:
                if row.driver not in total:
                    continue
                finalist = is_final and row.driver in alive
                stages_count = post.final_round_stage_points or not finalist
                points, earned = _race(row, rules, stages_count)
                total[row.driver] += points
                if row.driver in alive:
                    bank[row.driver] += earned
                    if row.finish == 1:
                        round_winners.add(row.driver)
                    if finalist and race_number == round_.last_race:
                        finale_finish[row.driver] = row.finish
        if race_number == round_.last_race and not is_final:
            spots = rounds[number + 1].drivers
            by_points = _order(alive, total, races, race_number, post.tiebreak)
            advancing = [d for d in by_points if d in round_winners]
            advancing += [d for d in by_points if d not in round_winners]
            advancing = advancing[:spots]
            for driver in alive:
                if driver not in advancing:
                    went_out[driver] = number
            alive = [d for d in alive if d in advancing]
        elif race_number < round_.last_race:
            break
    for race in races[race_number:after]:  # the eliminated keep scoring after they go out
        for row in race:
            if row.driver in went_out:
                total[row.driver] += _race(row, rules)[0]
    outcome.totals.update(total)
    outcome.still_in = set(alive)
    outcome.eliminated = set(went_out)
    done = after >= post.season_races
    if done:
        top = sorted(alive, key=lambda d: (finale_finish.get(d, 10_000), outcome.seeds[d]))
        outcome.champion = top[0] if top else None
    else:
        top = _order(alive, total, races, after, post.tiebreak)
    out = _order(list(went_out), total, races, after, post.tiebreak)
    out.sort(key=lambda d: -went_out[d])
    others = _order([d for d in outcome.totals if d not in total], outcome.totals, races, after)
    outcome.order = top + out + others
    return outcome
