"""The postseason field: who is in on a win, who on points, the cut line and eligibility.

Eligible drivers are in the top 30 in points and started every race, or were granted a waiver.
In the elimination format (2014-2025) winners take spots first (most wins, then points) and the
rest go by points; in the Chase (2026) every spot goes by regular-season points, seeds restart at
the pack's reset table, and a waived absence NASCAR did not initiate or approve starts the
driver's Chase at the pack's base (2,000) whatever the seed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from uuid import UUID

from domain.errors import ValidationError
from domain.model import Event, RaceResult, Waiver, WaiverReason, WaiverStatus
from domain.rules.standings import StandingRow
from domain.rules.tiebreaks import rank
from domain.ruleset import PostseasonFormat, RuleSet


class PlayoffStatus(StrEnum):
    IN_ON_WIN = "in on a win"
    IN_ON_POINTS = "in on points"
    OUT = "out"
    INELIGIBLE = "not eligible"


_IN = (PlayoffStatus.IN_ON_WIN, PlayoffStatus.IN_ON_POINTS)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayoffRow:
    seed: int | None  # order among the drivers who are in; None when out
    driver_id: UUID
    standing: StandingRow
    status: PlayoffStatus
    to_cut: int | None  # points above (+) or below (-) the cut line; None: no line on points
    eligible: bool
    eligibility: str  # why, in words: "missed 1 race; medical waiver granted"
    playoff_points: int  # after any forfeit
    bonus_playoff_points: int  # regular-season top-10 bonus, once the regular season is over
    reset_points: int | None  # where the driver's postseason starts, for drivers who are in


@dataclass(frozen=True, slots=True)
class _Eligibility:
    eligible: bool
    reason: str
    forfeits_playoff_points: bool = False
    unapproved: bool = False  # a waived absence NASCAR did not initiate or approve (Chase rule)


# The most favourable decision counts: a granted waiver outranks a pending or a denied one.
_WAIVER_RANK = {WaiverStatus.GRANTED: 0, WaiverStatus.REQUESTED: 1, WaiverStatus.DENIED: 2}


def _races(count: int) -> str:
    return f"{count} race" if count == 1 else f"{count} races"


def _start_rule(missed: int, waiver: Waiver | None, ruleset: RuleSet) -> _Eligibility:
    """Started every race, or a granted waiver; 2025 non-medical waivers forfeit playoff points."""
    if missed == 0:
        return _Eligibility(True, "started every race")
    prefix = f"missed {_races(missed)}"
    if waiver is None:
        return _Eligibility(False, f"{prefix}; no waiver: not eligible")
    if waiver.status is WaiverStatus.DENIED:
        return _Eligibility(False, f"{prefix}; waiver denied: not eligible")
    if waiver.status is WaiverStatus.REQUESTED:
        return _Eligibility(False, f"{prefix}; waiver requested, not yet granted: not eligible")
    rules = ruleset.postseason
    forfeits = (
        waiver.reason is WaiverReason.OTHER and rules.non_medical_waiver_forfeits_playoff_points
    )
    reason = f"{prefix}; {waiver.reason.value} waiver granted"
    start = rules.unapproved_waiver_start
    if start is not None and not waiver.approved:
        reason += f"; absence not approved by NASCAR: starts the Chase at {start:,}"
        return _Eligibility(True, reason, unapproved=True)
    if start is not None:
        return _Eligibility(True, reason + "; absence approved by NASCAR: seeded by points")
    return _Eligibility(True, reason + ("; playoff points forfeited" if forfeits else ""), forfeits)


def _eligibility(
    row: StandingRow, missed: int, waiver: Waiver | None, ruleset: RuleSet
) -> _Eligibility:
    started = _start_rule(missed, waiver, ruleset)
    top = ruleset.postseason.eligible_top
    if row.position <= top:
        return started
    outside = f"outside the top {top}"
    reason = outside if missed == 0 else f"{started.reason}; {outside}"
    return _Eligibility(False, reason, started.forfeits_playoff_points, started.unapproved)


def _starts(
    events: Sequence[Event], results: Sequence[RaceResult], races_run: int
) -> tuple[int, dict[UUID, int]]:
    """Races counted so far (regular season only) and each driver's starts in them."""
    counted = {e.id for e in events if e.round_no <= races_run}
    started: dict[UUID, set[UUID]] = {}
    for result in results:
        if result.event_id in counted:
            started.setdefault(result.driver_id, set()).add(result.event_id)
    return len(counted), {driver_id: len(ids) for driver_id, ids in started.items()}


def _best_waivers(waivers: Iterable[Waiver], ruleset: RuleSet) -> dict[UUID, Waiver]:
    best: dict[UUID, Waiver] = {}
    for waiver in waivers:
        if waiver.series != ruleset.series or waiver.season != ruleset.season:
            continue
        held = best.get(waiver.driver_id)
        if held is None or _WAIVER_RANK[waiver.status] < _WAIVER_RANK[held.status]:
            best[waiver.driver_id] = waiver
    return best


def _statuses(
    standings: Sequence[StandingRow], eligible: set[UUID], field_size: int, wins_first: bool
) -> dict[UUID, PlayoffStatus]:
    """Winners first (most wins, then points) when `wins_first`; the other spots by points."""
    contenders = [row for row in standings if row.driver_id in eligible]
    with_wins = (r for r in contenders if r.wins > 0 and wins_first)
    winners = sorted(with_wins, key=lambda r: (-r.wins, r.position))
    status = {r.driver_id: PlayoffStatus.IN_ON_WIN for r in winners[:field_size]}
    open_spots = field_size - len(status)
    for row in contenders:
        if row.driver_id in status:
            continue
        status[row.driver_id] = PlayoffStatus.IN_ON_POINTS if open_spots > 0 else PlayoffStatus.OUT
        open_spots -= 1
    return {
        row.driver_id: status.get(row.driver_id, PlayoffStatus.INELIGIBLE)
        for row in standings
        if row.driver_id is not None
    }


def _cut_points(
    standings: Sequence[StandingRow], status: dict[UUID, PlayoffStatus]
) -> tuple[int | None, int | None]:
    """Points of the last driver in on points and of the first eligible driver out."""
    on_points = [r.points for r in standings if status[r.driver] is PlayoffStatus.IN_ON_POINTS]
    out = [r.points for r in standings if status[r.driver] is PlayoffStatus.OUT]
    return (on_points[-1] if on_points else None), (out[0] if out else None)


def _to_cut(points: int, is_in: bool, last_in: int | None, first_out: int | None) -> int | None:
    if is_in:
        return None if first_out is None else points - first_out
    return None if last_in is None else points - last_in


def _row(
    row: StandingRow,
    check: _Eligibility,
    state: PlayoffStatus,
    cut: tuple[int | None, int | None],
    ruleset: RuleSet,
    complete: bool,
) -> PlayoffRow:
    is_in = state in _IN
    playoff_points = 0 if check.forfeits_playoff_points else row.playoff_points
    table = ruleset.points.regular_season_bonus
    bonus = table[row.position - 1] if complete and row.position <= len(table) else 0
    return PlayoffRow(
        seed=None,
        driver_id=row.driver,
        standing=row,
        status=state,
        to_cut=_to_cut(row.points, is_in, *cut),
        eligible=check.eligible,
        eligibility=check.reason,
        playoff_points=playoff_points,
        bonus_playoff_points=bonus,
        reset_points=ruleset.postseason.reset_base + playoff_points + bonus if is_in else None,
    )


def playoff_picture(
    standings: Sequence[StandingRow],
    events: Sequence[Event],
    results: Sequence[RaceResult],
    waivers: Iterable[Waiver],
    ruleset: RuleSet,
    races_run: int,
) -> list[PlayoffRow]:
    """Drivers who are in (in seed order), then those out, then those not eligible."""
    if any(row.driver_id is None for row in standings):
        raise ValidationError("The playoff picture is drawn from driver standings, not owner ones.")
    rules = ruleset.postseason
    standings = _by_tiebreak(standings, ruleset)
    counted, starts = _starts(events, results, min(races_run, rules.regular_season_races))
    best = _best_waivers(waivers, ruleset)
    checks = {
        row.driver: _eligibility(
            row, counted - starts.get(row.driver, 0), best.get(row.driver), ruleset
        )
        for row in standings
    }
    eligible = {d for d, c in checks.items() if c.eligible}
    wins_first = rules.format is PostseasonFormat.ELIMINATION
    status = _statuses(standings, eligible, rules.field_size, wins_first)
    cut = _cut_points(standings, status)
    complete = races_run >= rules.regular_season_races
    rows = [
        _row(row, checks[row.driver], status[row.driver], cut, ruleset, complete)
        for row in standings
    ]
    seeded = _seeded(rows)
    if rules.format is not PostseasonFormat.CHASE:
        return seeded
    unapproved = {d for d, c in checks.items() if c.unapproved}
    return [_chase_reset(row, ruleset, row.driver_id in unapproved) for row in seeded]


def _by_tiebreak(standings: Sequence[StandingRow], ruleset: RuleSet) -> list[StandingRow]:
    """The standings re-ordered by the pack's tiebreak among drivers level on points."""
    ordered = rank(
        standings,
        lambda row: row.points,
        lambda row: row.breakdown,
        lambda row: row.name,
        ruleset.postseason.tiebreak,
    )
    return [replace(row, position=position) for position, row in enumerate(ordered, start=1)]


def _chase_reset(row: PlayoffRow, ruleset: RuleSet, unapproved: bool) -> PlayoffRow:
    """A Chase seed restarts at its seed's reset, or at the base after an unapproved absence."""
    rules = ruleset.postseason
    if row.seed is None:
        return row
    start = rules.unapproved_waiver_start if unapproved else None
    reset = start if start is not None else rules.seed_resets[row.seed - 1]
    return replace(row, reset_points=reset, playoff_points=0, bonus_playoff_points=0)


_ORDER = {
    PlayoffStatus.IN_ON_WIN: 0,
    PlayoffStatus.IN_ON_POINTS: 1,
    PlayoffStatus.OUT: 2,
    PlayoffStatus.INELIGIBLE: 3,
}


def _seeded(rows: list[PlayoffRow]) -> list[PlayoffRow]:
    """Winners by wins then points, then the rest by points; seeds for those who are in."""

    def key(row: PlayoffRow) -> tuple[int, int, int]:
        wins = row.standing.wins if row.status is PlayoffStatus.IN_ON_WIN else 0
        return (_ORDER[row.status], -wins, row.standing.position)

    ordered = sorted(rows, key=key)
    return [
        replace(row, seed=seed if row.status in _IN else None)
        for seed, row in enumerate(ordered, start=1)
    ]
