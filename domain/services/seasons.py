"""Use cases of seasons: a series' year bound to its rule pack; deleting one can be undone."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from domain.changes import Changes, RowChanges
from domain.errors import DuplicateError, NotFoundError, RuleSetError, ValidationError
from domain.model import Season, Waiver
from domain.ports import UnitOfWork
from domain.ruleset import RuleSet
from domain.services.snapshots import EventSnapshot, restore_snapshot, take_snapshot

# One series across its sponsors' names: the Xfinity Series became the O'Reilly Auto Parts
# Series in 2026; owner points and history stay one series (DESIGN §7).
SERIES_ALIASES = {"oreilly": "xfinity"}
_SERIES = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def series_token(text: str) -> str:
    """The series' one token: lower-case, with a sponsor's alias mapped to the series."""
    token = text.strip().lower()
    if not _SERIES.fullmatch(token):
        raise ValidationError(
            f"“{text.strip()}” is not a series: use its token, e.g. cup, xfinity, truck, or your "
            "own (lower-case letters, digits and dashes)."
        )
    return SERIES_ALIASES.get(token, token)


def ensure_year(year: int) -> int:
    if not 1900 <= year <= 2999:
        raise ValidationError(f"{year} is not a season: give the year, e.g. 2027.")
    return year


def ruleset_for(rulesets: Mapping[str, RuleSet], series: str, year: int) -> RuleSet:
    """The season's pack, or a message listing the packs there are and how to add one."""
    key = f"{series}-{year}"
    ruleset = rulesets.get(key)
    if ruleset is None:
        known = ", ".join(sorted(rulesets)) or "none"
        raise RuleSetError(
            f"There is no rule pack for {key}. The packs there are: {known}. To add one, copy "
            f"the nearest pack to {key}.toml in your rule pack folder (Trackside's data folder, "
            "rulesets/) and change what differs (docs/RULE_PACKS.md explains every key)."
        )
    return ruleset


def find_season(uow: UnitOfWork, series: str, year: int) -> Season:
    """Inside an open unit of work: the stored season, or how to add it."""
    season = uow.seasons.find(series, year)
    if season is None:
        raise NotFoundError(
            f"There is no {series} {year} season yet; add it first (File ▸ New season…, or "
            f"`python main.py add-season {series} {year}`)."
        )
    return season


def add_season_in(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], series: str, year: int, name: str = ""
) -> Season:
    """Inside an open unit of work: a new season, checked against its pack and the stored ones."""
    token, year = series_token(series), ensure_year(year)
    ruleset = ruleset_for(rulesets, token, year)
    if uow.seasons.find(token, year) is not None:
        raise DuplicateError(f"The {token} {year} season already exists.")
    season = Season(series=token, season=year, name=" ".join(name.split()) or ruleset.name)
    uow.seasons.add(season)
    return season


def add_season(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], series: str, year: int, name: str = ""
) -> tuple[Season, Changes]:
    """Start a season of a series; its rule pack must exist (a user may add their own)."""
    with uow:
        season = add_season_in(uow, rulesets, series, year, name)
        uow.commit()
    return season, Changes(seasons=frozenset({(season.series, season.season)}))


def edit_season(uow: UnitOfWork, series: str, year: int, name: str) -> tuple[Season, Changes]:
    """Rename a season as shown (its series and year bind it to its pack and do not change)."""
    shown = " ".join(name.split())
    if not shown:
        raise ValidationError("Enter the season's name, e.g. NASCAR Cup Series 2027.")
    with uow:
        season = replace(find_season(uow, series_token(series), ensure_year(year)), name=shown)
        uow.seasons.update(season)
        uow.commit()
    return season, Changes(seasons=frozenset({(season.series, season.season)}))


@dataclass(frozen=True, slots=True)
class SeasonSnapshot:
    """A deleted season with every event's rows and its waivers, so undo brings all back."""

    season: Season
    events: tuple[EventSnapshot, ...]
    waivers: tuple[Waiver, ...]


def delete_season(uow: UnitOfWork, series: str, year: int) -> tuple[SeasonSnapshot, Changes]:
    """Remove a season, its events (with their laps and results) and its waivers."""
    with uow:
        season = find_season(uow, series_token(series), ensure_year(year))
        events = uow.events.list_for_season(season.series, season.season)
        snapshots = tuple(take_snapshot(uow, e) for e in events)
        waivers = tuple(uow.waivers.list_for_season(season.series, season.season))
        for waiver in waivers:
            uow.waivers.delete(waiver.id)
        for event in events:
            uow.events.delete(event.id)
        uow.seasons.delete(season.id)
        uow.commit()
    changes = Changes(
        events=RowChanges(removed=tuple(events)),
        waivers=RowChanges(removed=waivers),
        seasons=frozenset({(season.series, season.season)}),
    )
    return SeasonSnapshot(season, snapshots, waivers), changes


def restore_season(uow: UnitOfWork, snapshot: SeasonSnapshot) -> tuple[Season, Changes]:
    """Undo delete_season: the season, every event's rows and the waivers, with their ids."""
    with uow:
        uow.seasons.add(snapshot.season)
        for event in snapshot.events:
            restore_snapshot(uow, event)
        for waiver in snapshot.waivers:
            uow.waivers.add(waiver)
        uow.commit()
    changes = Changes(
        events=RowChanges(added=tuple(e.event for e in snapshot.events)),
        waivers=RowChanges(added=snapshot.waivers),
        seasons=frozenset({(snapshot.season.series, snapshot.season.season)}),
        reloaded_events=frozenset(e.event.id for e in snapshot.events),
    )
    return snapshot.season, changes
