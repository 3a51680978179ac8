"""Every kind of CSV import by name, so the command line and File ▸ Import… run the same code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.changes import Changes
from domain.errors import ValidationError
from domain.model import RACE
from domain.ports import UnitOfWork
from domain.ruleset import RuleSet
from domain.services import imports
from domain.services.import_cells import ImportReport, ImportTable
from domain.services.import_rulings import import_penalties, import_waivers
from domain.services.import_schedule import import_schedule


class ImportScope(StrEnum):
    """What a file is imported into."""

    EVENT = "event"  # entries, laps, results, penalties
    SEASON = "season"  # waivers
    DATABASE = "database"  # a schedule names its own seasons


@dataclass(frozen=True, slots=True)
class ImportKind:
    name: str  # as in the command name: import-NAME
    label: str  # as in File ▸ Import…
    scope: ImportScope


IMPORT_KINDS = {
    kind.name: kind
    for kind in (
        ImportKind("entries", "Entry list", ImportScope.EVENT),
        ImportKind("laps", "Lap times", ImportScope.EVENT),
        ImportKind("results", "Race results", ImportScope.EVENT),
        ImportKind("schedule", "Schedule (events of a season)", ImportScope.DATABASE),
        ImportKind("penalties", "Penalties", ImportScope.EVENT),
        ImportKind("waivers", "Waivers", ImportScope.SEASON),
    )
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportRequest:
    """One file to bring in and where it goes (the fields its kind's scope needs)."""

    kind: str
    table: ImportTable
    event_key: str = ""
    series: str = ""
    season: int = 0
    session: str | None = None  # laps: the session of rows that name none; results: a Duel


def run_import(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], request: ImportRequest
) -> tuple[ImportReport, Changes]:
    """Run the request's importer: all rows or none, with the importer's own messages."""
    table = request.table
    match request.kind:
        case "schedule":
            return import_schedule(uow, rulesets, table)
        case "penalties":
            return import_penalties(uow, request.event_key, table)
        case "waivers":
            return import_waivers(uow, request.series, request.season, table)
        case "entries":
            ruleset = _event_ruleset(uow, rulesets, request.event_key)
            return imports.import_entries(uow, request.event_key, table, ruleset=ruleset)
        case "laps":
            return imports.import_laps(uow, request.event_key, table, session_name=request.session)
        case "results":
            ruleset = _event_ruleset(uow, rulesets, request.event_key)
            return imports.import_results(
                uow, request.event_key, table, session_name=request.session or RACE, ruleset=ruleset
            )
        case _:
            known = ", ".join(IMPORT_KINDS)
            raise ValidationError(f"There is no '{request.kind}' import; the kinds are {known}.")


def _event_ruleset(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], event_key: str
) -> RuleSet | None:
    """The event's pack, which decides who qualified (None: no pack, so no field to check)."""
    with uow:
        return rulesets.get(uow.events.get_by_key(event_key).ruleset_key)
