"""Import use cases: check every row of an entry list, lap or result file, then store all or none.

Each import runs in one unit of work and commits only when every row is good, so a bad row
changes nothing. Importing the same file again adds nothing: entries and results are matched
by car number and updated when the file differs; laps are matched as domain/services/import_laps.py
explains (its `import_laps` is re-exported here, so callers need only this module).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Protocol, TypeVar, cast
from uuid import UUID

from domain import bounds
from domain.changes import Changes
from domain.errors import DomainError, DuplicateError, ValidationError
from domain.model import RACE, Entry, Event, RaceResult
from domain.ports import UnitOfWork
from domain.rules.results import ensure_numbers
from domain.ruleset import RuleSet
from domain.services import import_cells as cells
from domain.services.common import (
    active_entry_for_car,
    find_or_add_driver_in,
    race_driver,
    record_event_change,
    result_session,
)
from domain.services.eligibility import ensure_eligible
from domain.services.entries import ensure_driver_free
from domain.services.import_cells import ImportReport, ImportRow, ImportTable
from domain.services.import_laps import import_laps
from domain.services.starters import ensure_started, non_qualifiers

__all__ = ["ImportReport", "ImportTable", "import_entries", "import_laps", "import_results"]

T = TypeVar("T")
_Fact = TypeVar("_Fact", Entry, RaceResult)
_Stored = TypeVar("_Stored", contravariant=True)
_UNSET = UUID(int=0)  # an id filled in once the store is open

ENTRY_COLUMNS = ("car", "driver", "team", "make")
ENTRY_OPTIONAL = (
    "disambiguator",
    "owner",
    "guaranteed",
    "oep",
    "past_champion",
    "points_eligible",
    "withdrawn",
    "owner_key",
)
ENTRY_ALIASES = {"manufacturer": "make", "charter": "guaranteed", "chartered": "guaranteed"}
RESULT_COLUMNS = ("finish", "car")
RESULT_OPTIONAL = (
    "driver",
    "disambiguator",
    "replacement_start",
    "start",
    "laps",
    "laps_led",
    "status",
    "stage1",
    "stage2",
    "stage3",
    "stage_points",
    "stage_wins",
    "fastest_lap",
    "garage_repair",
)
# Points columns of an exported results.csv: derived by the rules, so skipped on import.
RESULT_DERIVED = (
    "stage1_points",
    "stage2_points",
    "stage3_points",
    "finish_points",
    "bonus_points",
    "driver_penalty",
    "owner_penalty",
    "driver_points",
    "owner_points",
    "playoff_points",
)
RESULT_ALIASES = {
    "position": "finish",
    "pos": "finish",
    "stage_1": "stage1",
    "stage_2": "stage2",
    "stage_3": "stage3",
}


def import_entries(
    uow: UnitOfWork, event_key: str, table: ImportTable, *, ruleset: RuleSet | None = None
) -> tuple[ImportReport, Changes]:
    """Add the file's cars to the entry list, updating cars already on it; each driver passes
    the checks a typed entry does, the `ruleset`'s eligibility rules included."""
    return _stored_once(partial(_import_entries, uow, event_key, table, ruleset))


def import_results(
    uow: UnitOfWork,
    event_key: str,
    table: ImportTable,
    *,
    session_name: str = RACE,
    ruleset: RuleSet | None = None,
) -> tuple[ImportReport, Changes]:
    """Store the file's results of the race (or of a Duel, `session_name`); a car that already
    has a result there gets it updated.

    Each row passes the checks a typed result does: a car entered and not withdrawn, positions
    within the field, and (given the event's `ruleset`) a race result for a car that qualified
    or is marked as a replacement start."""
    return _stored_once(partial(_import_results, uow, event_key, table, session_name, ruleset))


def _stored_once(run: Callable[[], T]) -> T:
    """Run an import again when another client stored the same rows first (DESIGN §4).

    Two clients importing one file at once both find its rows missing; the database's unique
    keys (a car once per event, a finish once per race) refuse the second one's copies and its
    transaction is undone; run again, it finds the first one's rows and reports them as there.
    """
    try:
        return run()
    except DomainError as exc:
        if not isinstance(exc, DuplicateError) and not isinstance(exc.__cause__, DuplicateError):
            raise
    return run()


def _import_entries(
    uow: UnitOfWork, event_key: str, table: ImportTable, ruleset: RuleSet | None
) -> tuple[ImportReport, Changes]:
    table = table.ensure_columns(ENTRY_COLUMNS, ENTRY_ALIASES)
    rows = cells.read_rows(table, _read_entry)
    cells.ensure_unique(table.source, [(r, e.entry.car_number) for r, e in rows], _car_label)
    drivers = [(r, (e.driver.casefold(), e.disambiguator.casefold())) for r, e in rows]
    cells.ensure_unique(table.source, drivers, _driver_label)
    counts = Counter[str]()
    with uow:
        event = uow.events.get_by_key(event_key)
        stored = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
        # The file's drivers were checked against each other above; what is left is a stored
        # car the file does not mention that already has the driver.
        in_file = {stored[e.entry.car_number].id for _, e in rows if e.entry.car_number in stored}
        for row, parsed in rows:
            old = stored.get(parsed.entry.car_number)
            counts[
                _in_row(
                    table,
                    row,
                    partial(_put_entry, uow, event, parsed, old, in_file, table.source, ruleset),
                )
            ] += 1
        uow.commit()
    report = cells.report(table, ENTRY_COLUMNS + ENTRY_OPTIONAL, counts)
    return report, Changes(reloaded_events=frozenset({event.id}))


def _import_results(
    uow: UnitOfWork,
    event_key: str,
    table: ImportTable,
    session_name: str,
    ruleset: RuleSet | None,
) -> tuple[ImportReport, Changes]:
    table = table.ensure_columns(RESULT_COLUMNS, RESULT_ALIASES)
    rows = cells.read_rows(table, _read_result)
    cells.ensure_unique(table.source, [(r, p.result.car_number) for r, p in rows], _car_label)
    cells.ensure_unique(table.source, [(r, p.result.finish) for r, p in rows], lambda f: f"P{f}")
    for stage in ("stage1", "stage2", "stage3"):
        placed = [(r, getattr(p.result, stage)) for r, p in rows if getattr(p.result, stage)]
        cells.ensure_unique(table.source, placed, partial(_stage_label, stage))
    fastest = [row for row, p in rows if p.result.fastest_lap]
    if len(fastest) > 1:
        cells.ensure_no_errors(
            table.source, [f"line {fastest[1].line}: only one car can have the fastest lap"]
        )
    counts = Counter[str]()
    with uow:
        event = uow.events.get_by_key(event_key)
        session_name = _session_in(table, uow, event, session_name)
        stored = {r.car_number: r for r in uow.results.list_for_event(event.id, session_name)}
        field = _FieldFacts(
            starters=sum(1 for e in uow.entries.list_for_event(event.id) if not e.withdrawn),
            dnq=non_qualifiers(uow, event.id, ruleset) if ruleset else {},
        )
        for row, parsed in rows:
            parsed = replace(parsed, result=replace(parsed.result, session_name=session_name))
            if not parsed.result.is_race:
                _in_row(table, row, partial(_ensure_duel_row, parsed.result))
            old = stored.get(parsed.result.car_number)
            put = partial(_put_result, uow, event, parsed, old, table.source, field)
            counts[_in_row(table, row, put)] += 1
        uow.commit()
    report = cells.report(table, RESULT_COLUMNS + RESULT_OPTIONAL + RESULT_DERIVED, counts)
    return report, Changes(reloaded_events=frozenset({event.id}))


def _session_in(table: ImportTable, uow: UnitOfWork, event: Event, session_name: str) -> str:
    try:
        return result_session(uow, event.id, session_name)
    except DomainError as exc:
        raise cells.file_error(table.source, [str(exc)]) from exc


def _ensure_duel_row(result: RaceResult) -> None:
    if result.fastest_lap or any(p is not None for p in result.stages):
        raise ValidationError(
            f"{result.session_name} has no stages and no fastest-lap point; leave those cells empty"
        )


@dataclass(frozen=True, slots=True)
class _ParsedEntry:
    entry: Entry  # event and driver ids are filled in once the store is open
    driver: str
    disambiguator: str = ""  # tells two drivers of one name apart ("No. 34")


def _read_entry(row: ImportRow) -> _ParsedEntry:
    team = cells.text(row, "team", required=True)
    entry = Entry(
        event_id=_UNSET,
        car_number=cells.car(row),
        driver_id=_UNSET,
        team=team,
        owner=cells.text(row, "owner") or team,
        make=cells.text(row, "make", required=True),
        guaranteed=cells.flag(row, "guaranteed"),
        oep=cells.flag(row, "oep"),
        past_champion=cells.flag(row, "past_champion"),
        points_eligible=cells.flag(row, "points_eligible", default=True),
        withdrawn=cells.flag(row, "withdrawn"),
        owner_key=_owner_key(row),
    )
    return _ParsedEntry(
        entry=entry,
        driver=cells.text(row, "driver", required=True),
        disambiguator=cells.text(row, "disambiguator"),
    )


def _owner_key(row: ImportRow) -> str:
    """The car number whose owner points this car carries; empty for its own."""
    text = cells.text(row, "owner_key")
    return cells.car(row, "owner_key") if text else ""


def _put_entry(
    uow: UnitOfWork,
    event: Event,
    parsed: _ParsedEntry,
    old: Entry | None,
    in_file: set[UUID],
    source: str,
    ruleset: RuleSet | None,
) -> str:
    """Add the entry or update the stored one; says which, or that nothing changed."""
    driver, _ = find_or_add_driver_in(uow, parsed.driver, parsed.disambiguator)
    new = replace(parsed.entry, event_id=event.id, driver_id=driver.id)
    if not new.withdrawn:
        ensure_driver_free(uow, event.id, driver.id, other_than=in_file)
        ensure_eligible(uow, ruleset, event, driver.id)
    if old is not None:
        new = replace(new, id=old.id)
    return _store(uow, uow.entries, old, new, source)


@dataclass(frozen=True, slots=True)
class _ParsedResult:
    result: RaceResult  # event and driver ids are filled in once the store is open
    driver: str
    disambiguator: str = ""


@dataclass(frozen=True, slots=True)
class _FieldFacts:
    """What every result of one race is checked against, read once per import."""

    starters: int  # entries not withdrawn
    dnq: dict[str, str]  # cars that failed to qualify, with why


def _read_result(row: ImportRow) -> _ParsedResult:
    position = cells.whole_number
    result = RaceResult(
        event_id=_UNSET,
        car_number=cells.car(row),
        driver_id=_UNSET,
        finish=position(row, "finish", bounds.POSITION, required=True) or 0,
        start=position(row, "start", bounds.POSITION),
        status=cells.text(row, "status").lower() or "running",
        laps=position(row, "laps", bounds.LAPS) or 0,
        laps_led=position(row, "laps_led", bounds.LAPS_LED) or 0,
        stage1=_stage_position(row, "stage1"),
        stage2=_stage_position(row, "stage2"),
        stage3=_stage_position(row, "stage3"),
        fastest_lap=cells.flag(row, "fastest_lap"),
        garage_repair=cells.flag(row, "garage_repair"),
        reported_stage_points=position(row, "stage_points", bounds.POINTS),
        reported_stage_wins=position(row, "stage_wins", bounds.STAGE_WINS),
        replacement_start=cells.flag(row, "replacement_start"),
    )
    if result.laps_led > result.laps:
        raise ValidationError(f"laps led ({result.laps_led}) is more than laps ({result.laps})")
    return _ParsedResult(
        result=result,
        driver=cells.text(row, "driver"),
        disambiguator=cells.text(row, "disambiguator"),
    )


def _stage_position(row: ImportRow, column: str) -> int | None:
    """A stage place; which places score is the rule pack's, and the race's size bounds it."""
    return cells.whole_number(row, column, bounds.POSITION)


def _result_for_event(uow: UnitOfWork, event: Event, parsed: _ParsedResult) -> RaceResult:
    """The result with its event and driver: the named driver, or whoever drove the car in that
    session (the race: the weekend's last session)."""
    entry = active_entry_for_car(uow, event.id, parsed.result.car_number)
    scheduled = uow.drivers.get(race_driver(uow, entry, parsed.result.session_name))
    driver_id = scheduled.id
    named = (parsed.driver.casefold(), parsed.disambiguator.casefold())
    if parsed.driver and named != (scheduled.name.casefold(), scheduled.disambiguator.casefold()):
        driver_id = find_or_add_driver_in(uow, parsed.driver, parsed.disambiguator)[0].id
    return replace(parsed.result, event_id=event.id, driver_id=driver_id)


def _put_result(
    uow: UnitOfWork,
    event: Event,
    parsed: _ParsedResult,
    old: RaceResult | None,
    source: str,
    field: _FieldFacts,
) -> str:
    """Add the result or update the stored one; says which, or that nothing changed."""
    new = _result_for_event(uow, event, parsed)
    ensure_numbers(new, field.starters)
    if new.is_race:  # every entry runs a Duel; the field is set for the race
        ensure_started(new, field.dnq)
    if old is not None:
        new = replace(new, id=old.id, official=old.official)
    return _store(uow, uow.results, old, new, source)


class _Repository(Protocol[_Stored]):
    def add(self, value: _Stored, /) -> None: ...
    def update(self, value: _Stored, /) -> None: ...


def _store(
    uow: UnitOfWork, repository: _Repository[_Fact], old: _Fact | None, new: _Fact, source: str
) -> str:
    """Add `new`, or put it over the stored `old`, in the history; says which, or "unchanged"."""
    if old is not None and new == old:
        return "unchanged"
    (repository.add if old is None else repository.update)(new)
    record_event_change(uow, _subject, old, new, f"imported from {source}")
    return "added" if old is None else "updated"


def _subject(value: Entry | RaceResult) -> str:
    kind = "Entry" if isinstance(value, Entry) else "Result"
    return f"{kind} No. {value.car_number}"


def _in_row(table: ImportTable, row: ImportRow, action: Callable[[], T]) -> T:
    """Run a store look-up for a row, naming the file and line when it fails."""
    try:
        return action()
    except DomainError as exc:
        raise cells.file_error(table.source, [f"line {row.line}: {exc}"]) from exc


def _driver_label(key: object) -> str:
    name, disambiguator = cast(tuple[str, str], key)
    return f"driver {name!r}" + (f" ({disambiguator})" if disambiguator else "")


def _stage_label(stage: str, position: object) -> str:
    return f"{stage} P{position}"


def _car_label(car: object) -> str:
    return f"No. {car}"
