"""Who may start a race: Cup drivers' start limits and the minimum age (the pack's [eligibility]).

NASCAR's 2026 eligibility rules (RULES-2026.md; rule_sources_2026.csv `cup_driver_limits` and
`minimum_age`, nbcsports.com 2025-11-01): a Cup driver (more than three full-time Cup seasons)
starts at most 10 O'Reilly and 8 Truck races, none in the regular-season finale or the Chase;
O'Reilly points drivers may not race the Truck championship race; O'Reilly drivers must be 17
at road courses and ovals of 1.25 mi or less, 18 elsewhere. The numbers are the pack's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError
from domain.model import Track
from domain.ruleset import EligibilityRules, PostseasonRules


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on `day` (a birthday on race day counts)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (1 if before_birthday else 0)


def is_small_track(track: Track, rules: EligibilityRules) -> bool:
    """A road course (a kind the pack names) or a track no longer than the pack's length."""
    if track.kind in rules.small_track_kinds:
        return True
    return 0 < track.length_millimiles <= rules.small_track_max_millimiles


def minimum_age_at(track: Track, rules: EligibilityRules) -> int | None:
    """The youngest a driver may be on race day at this track (None: no minimum)."""
    if rules.minimum_age_at_small_tracks is not None and is_small_track(track, rules):
        return rules.minimum_age_at_small_tracks
    return rules.minimum_age


def ensure_old_enough(
    driver: str, birth_date: date | None, track: Track, race_day: date, rules: EligibilityRules
) -> None:
    """Refuse a driver younger than the pack's minimum on race day (unknown birth: no check)."""
    minimum = minimum_age_at(track, rules)
    if birth_date is None or minimum is None:
        return
    age = age_on(birth_date, race_day)
    if age >= minimum:
        return
    where = f"at {track.name} ({track.kind.value}, {track.length_millimiles / 1000:g} mi)"
    why = (
        f"the rule pack's minimum there is {minimum} (its small-track age; elsewhere it is "
        f"{rules.minimum_age})"
        if minimum != rules.minimum_age
        else f"the rule pack's minimum there is {minimum}"
    )
    raise ValidationError(
        f"{driver} is {age} on race day ({race_day:%Y-%m-%d}, born {birth_date:%Y-%m-%d}) "
        f"{where}, and {why}. Enter another driver, or correct the date of birth."
    )


@dataclass(frozen=True, slots=True)
class CupDriverStarts:
    """A Cup driver's starts in one series and season, the race being entered included."""

    rounds: Collection[int]  # race numbers of the season's points races the driver starts
    entering: int  # the race number of the start being added


def cup_driver_breach(
    starts: CupDriverStarts, rules: EligibilityRules, postseason: PostseasonRules
) -> str | None:
    """Why a Cup driver may not start race `starts.entering`, or None if the pack allows it.

    Counted: the regular-season finale (`regular_season_races`), every race after it (the
    Chase, the playoffs), then the season's start limit.
    """
    race = starts.entering
    regular = postseason.regular_season_races
    if rules.cup_drivers_barred_from_finale and race == regular:
        return f"race {race} is the regular-season finale, where Cup drivers may not start"
    if rules.cup_drivers_barred_from_postseason and regular < race <= postseason.season_races:
        return f"race {race} is a postseason race (after race {regular}), closed to Cup drivers"
    limit = rules.cup_driver_starts
    count = len(set(starts.rounds) | {race})
    if limit is not None and count > limit:
        return f"that would be start {count} of the season, and Cup drivers may make {limit}"
    return None


def barred_from_championship_race(
    race: int, postseason: PostseasonRules, rules: EligibilityRules, points_series: Collection[str]
) -> str | None:
    """The series whose points driver may not start the season's last race (Truck 2026:
    O'Reilly points drivers), or None. `points_series`: series in which the driver races for
    driver points that year."""
    if race != postseason.season_races:
        return None
    return next((s for s in rules.championship_race_barred_series if s in points_series), None)
