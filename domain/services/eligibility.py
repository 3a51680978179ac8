"""The eligibility check every path that puts a driver in a car runs, and the driver's facts.

`ensure_eligible` is called inside the unit of work of adding, editing, reinstating, restoring
or importing an entry and of substituting a driver, so a refusal leaves nothing behind. It reads
the season's other races for a Cup driver's start count; the rules themselves are pure
(domain/rules/eligibility.py). Results files (NASCAR's feeds, season sheets) record races as run
and are not checked: NASCAR enforced the rule when they were run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from uuid import UUID

from domain.changes import Changes, changed
from domain.errors import NotFoundError, ValidationError
from domain.model import Driver, Event
from domain.ports import UnitOfWork
from domain.rules.eligibility import (
    CupDriverStarts,
    barred_from_championship_race,
    cup_driver_breach,
    ensure_old_enough,
)
from domain.rules.points import counts_in_season, season_rounds
from domain.ruleset import RuleSet
from domain.services.common import find_driver, get_driver, race_driver, record_changes
from domain.services.seasons import ensure_year

MIN_BIRTH_YEAR = 1900


def ensure_eligible(
    uow: UnitOfWork, ruleset: RuleSet | None, event: Event, driver_id: UUID
) -> None:
    """Inside an open unit of work: refuse a driver the pack's [eligibility] keeps out of the
    event's race. `ruleset` None: no pack is known for the event, so there are no rules."""
    if ruleset is None:
        return
    rules = ruleset.eligibility
    driver = get_driver(uow, driver_id)
    ensure_old_enough(driver.label, driver.birth_date, event.track, event.end_date, rules)
    if not counts_in_season(event):
        return  # an exhibition is no start of the season's count
    series = ruleset.name
    if driver.is_cup_driver(event.season):
        starts = CupDriverStarts(starts_elsewhere(uow, event, driver_id), event.round_no)
        breach = cup_driver_breach(starts, rules, ruleset.postseason)
        if breach is not None:
            others = ", ".join(str(r) for r in sorted(starts.rounds)) or "none"
            raise ValidationError(
                f"{driver.label} is marked a Cup driver for {event.season}, so cannot start "
                f"{event.name} in the {series}: {breach} (the rule pack's limit is "
                f"{_limit(ruleset)}; other starts this season: races {others}). Enter another "
                f"driver, withdraw one of those entries, or unmark {driver.name} as a Cup driver "
                f"for {event.season} if that is wrong."
            )
    points_series = {
        s
        for s in rules.championship_race_barred_series
        if _races_for_points(uow, s, event.season, driver_id)
    }
    barred = barred_from_championship_race(event.round_no, ruleset.postseason, rules, points_series)
    if barred is not None:
        raise ValidationError(
            f"{driver.label} races for driver points in the {barred} {event.season} season, so "
            f"cannot start {event.name}, the {series}'s championship race (race "
            f'{event.round_no}). Enter another driver, or mark {driver.name} "(i)" on the '
            f"{barred} entries if those are not points starts."
        )


def _limit(ruleset: RuleSet) -> str:
    limit = ruleset.eligibility.cup_driver_starts
    return "no start limit" if limit is None else f"{limit} starts"


def starts_elsewhere(uow: UnitOfWork, event: Event, driver_id: UUID) -> list[int]:
    """The season's other points races the driver starts: by the race result where the race has
    results, else by driving an entry that has not withdrawn (a planned start)."""
    rounds = []
    for other in season_rounds(uow.events.list_for_season(event.series, event.season)):
        if other.id == event.id:
            continue
        results = uow.results.list_for_event(other.id)
        if results:
            starts = any(r.driver_id == driver_id for r in results)
        else:
            starts = any(
                race_driver(uow, entry) == driver_id
                for entry in uow.entries.list_for_event(other.id)
                if not entry.withdrawn
            )
        if starts:
            rounds.append(other.round_no)
    return rounds


def _races_for_points(uow: UnitOfWork, series: str, season: int, driver_id: UUID) -> bool:
    """The driver holds a points-eligible (not "(i)"), not withdrawn entry in that season."""
    return any(
        e.driver_id == driver_id and e.points_eligible and not e.withdrawn
        for e in uow.entries.list_for_season(series, season)
    )


def read_birth_date(text: str) -> date | None:
    """A typed date of birth: YYYY-MM-DD; empty or "unknown" for one not known."""
    typed = text.strip()
    if not typed or typed.casefold() == "unknown":
        return None
    try:
        return date.fromisoformat(typed)
    except ValueError:
        raise ValidationError(
            f"“{typed}” is not a date of birth: write it as YYYY-MM-DD (e.g. 2008-05-01), or "
            "leave it empty (unknown)."
        ) from None


def driver_named(uow: UnitOfWork, name: str, disambiguator: str = "") -> Driver:
    """A stored driver by name (and disambiguator where names are shared)."""
    with uow:
        found = find_driver(uow, name, disambiguator)
    if found is None:
        raise NotFoundError(
            f"No driver named “{' '.join(name.split())}” is stored; a driver is added with "
            "the car they drive (an entry list, a result)."
        )
    return found


def set_driver_eligibility(
    uow: UnitOfWork,
    driver_id: UUID,
    *,
    birth_date: date | None,
    cup_seasons: Iterable[int],
    why: str = "",
) -> tuple[Driver, Changes]:
    """Store a driver's date of birth (None: unknown) and the seasons in which the driver counts
    as a Cup driver (more than three full-time Cup seasons); kept in the history."""
    years = frozenset(ensure_year(year) for year in cup_seasons)
    if birth_date is not None and birth_date.year < MIN_BIRTH_YEAR:
        raise ValidationError(
            f"{birth_date:%Y-%m-%d} is not a date of birth Trackside can use: write a date "
            f"from {MIN_BIRTH_YEAR} on, as YYYY-MM-DD."
        )
    with uow:
        old = get_driver(uow, driver_id)
        new = replace(old, birth_date=birth_date, cup_seasons=years)
        if new == old:
            return old, Changes()
        uow.drivers.update(new)
        record_changes(uow, event_id=None, subject=f"Driver {old.label}", old=old, new=new, why=why)
        uow.commit()
    return new, Changes(drivers=changed(new))
