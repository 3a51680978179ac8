"""Import penalties (per event) and waivers (per season) in the export's formats (DESIGN §7).

Rows go through the checks typing does (penalties.penalty_for, a known driver), all or none.
Importing the same file again adds nothing: a penalty identical to a stored one, or a waiver
of a driver who has one with the same facts, is "already there".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TypeVar, cast
from uuid import UUID

from domain import bounds
from domain.changes import Changes, RowChanges
from domain.errors import DomainError, ValidationError
from domain.model import Driver, Penalty, Waiver, WaiverReason, WaiverStatus
from domain.ports import UnitOfWork
from domain.services import import_cells as cells
from domain.services.common import find_driver, record_changes, record_event_change
from domain.services.import_cells import ImportReport, ImportRow, ImportTable
from domain.services.penalties import penalty_for
from domain.services.seasons import ensure_year, series_token

T = TypeVar("T")

PENALTY_COLUMNS = ("car", "reason")
PENALTY_OPTIONAL = (
    "driver", "disambiguator", "driver_points", "owner_points", "playoff_points", "disqualified",
)  # fmt: skip
WAIVER_COLUMNS = ("driver", "reason")
WAIVER_OPTIONAL = ("disambiguator", "approved", "status", "races", "note")
_NO_DRIVER = UUID(int=0)  # a driver id filled in once the store is open
_REASONS = {reason.value: reason for reason in WaiverReason} | {"birth": WaiverReason.BIRTH}


@dataclass(frozen=True, slots=True)
class _ParsedPenalty:
    car: str
    driver: str
    disambiguator: str
    driver_points: int
    owner_points: int
    playoff_points: int
    disqualified: bool
    reason: str


def import_penalties(
    uow: UnitOfWork, event_key: str, table: ImportTable
) -> tuple[ImportReport, Changes]:
    """Add the file's penalties to the event; one identical to a stored penalty is skipped."""
    table = table.ensure_columns(PENALTY_COLUMNS, {"dq": "disqualified"})
    rows = cells.read_rows(table, _read_penalty)
    counts, added = Counter[str](), list[Penalty]()
    with uow:
        event = uow.events.get_by_key(event_key)
        stored = uow.penalties.list_for_event(event.id)
        for row, parsed in rows:
            penalty = _in_row(table, row, partial(_penalty, uow, event.id, parsed))
            if any(replace(penalty, id=s.id) == s for s in stored + added):
                counts["unchanged"] += 1
                continue
            uow.penalties.add(penalty)
            record_event_change(
                uow, _penalty_subject, None, penalty, f"imported from {table.source}"
            )
            added.append(penalty)
            counts["added"] += 1
        uow.commit()
    report = cells.report(table, PENALTY_COLUMNS + PENALTY_OPTIONAL, counts)
    return report, Changes(penalties=RowChanges(added=tuple(added)))


def import_waivers(
    uow: UnitOfWork, series: str, season: int, table: ImportTable
) -> tuple[ImportReport, Changes]:
    """Store the file's waivers for the season; a driver's stored waiver is updated to match."""
    series, season = series_token(series), ensure_year(season)
    table = table.ensure_columns(WAIVER_COLUMNS, {})
    rows = cells.read_rows(table, _read_waiver)
    cells.ensure_unique(
        table.source,
        [(r, (w.name.casefold(), w.disambiguator.casefold())) for r, w in rows],
        _waiver_label,
    )
    counts, added, changed = Counter[str](), list[Waiver](), list[Waiver]()
    with uow:
        if uow.seasons.find(series, season) is None:
            raise ValidationError(
                f"There is no {series} {season} season; add it (and its events) first. "
                "Nothing was imported."
            )
        stored = {w.driver_id: w for w in uow.waivers.list_for_season(series, season)}
        for row, parsed in rows:
            find = lambda p=parsed: _known_driver(uow, p.name, p.disambiguator)  # noqa: E731
            driver = _in_row(table, row, find)
            new = replace(parsed.waiver, series=series, season=season, driver_id=driver.id)
            old = stored.get(driver.id)
            if old is not None:
                new = replace(new, id=old.id)
            if new == old:
                counts["unchanged"] += 1
                continue
            (uow.waivers.add if old is None else uow.waivers.update)(new)
            record_changes(uow, event_id=None, subject=f"Waiver {driver.label}", old=old, new=new)
            (added if old is None else changed).append(new)
            counts["added" if old is None else "updated"] += 1
        uow.commit()
    report = cells.report(table, WAIVER_COLUMNS + WAIVER_OPTIONAL, counts)
    return report, Changes(waivers=RowChanges(added=tuple(added), changed=tuple(changed)))


def _read_penalty(row: ImportRow) -> _ParsedPenalty:
    points = cells.whole_number
    return _ParsedPenalty(
        car=cells.car(row),
        driver=cells.text(row, "driver"),
        disambiguator=cells.text(row, "disambiguator"),
        driver_points=points(row, "driver_points", bounds.POINTS) or 0,
        owner_points=points(row, "owner_points", bounds.POINTS) or 0,
        playoff_points=points(row, "playoff_points", bounds.POINTS) or 0,
        disqualified=cells.flag(row, "disqualified"),
        reason=cells.text(row, "reason", required=True),
    )


def _waiver_label(key: object) -> str:
    name, disambiguator = cast(tuple[str, str], key)
    return f"a waiver for {name}" + (f" ({disambiguator})" if disambiguator else "")


def _penalty(uow: UnitOfWork, event_id: UUID, parsed: _ParsedPenalty) -> Penalty:
    driver = _known_driver(uow, parsed.driver, parsed.disambiguator) if parsed.driver else None
    return penalty_for(
        uow, event_id, parsed.car, reason=parsed.reason, driver_points=parsed.driver_points,
        owner_points=parsed.owner_points, playoff_points=parsed.playoff_points,
        disqualified=parsed.disqualified, driver_id=driver.id if driver else None,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _ParsedWaiver:
    name: str
    disambiguator: str
    waiver: Waiver  # series, season and driver filled in once the store is open


def _read_waiver(row: ImportRow) -> _ParsedWaiver:
    reason_text = cells.text(row, "reason", required=True).lower()
    if reason_text not in _REASONS:
        raise ValidationError(
            f"reason '{reason_text}' is not a waiver reason; write one of "
            f"{', '.join(r.value for r in WaiverReason)}"
        )
    status_text = cells.text(row, "status").lower() or WaiverStatus.REQUESTED.value
    if status_text not in {s.value for s in WaiverStatus}:
        raise ValidationError(
            f"status '{status_text}' is not a waiver status; write requested, granted or denied"
        )
    waiver = Waiver(
        series="",
        season=0,
        driver_id=_NO_DRIVER,
        reason=_REASONS[reason_text],
        status=WaiverStatus(status_text),
        note=cells.text(row, "note"),
        approved=cells.flag(row, "approved"),
    )
    return _ParsedWaiver(
        cells.text(row, "driver", required=True), cells.text(row, "disambiguator"), waiver
    )


def _known_driver(uow: UnitOfWork, name: str, disambiguator: str) -> Driver:
    """A stored driver: a ruling names someone who raced, never a new person."""
    driver = find_driver(uow, name, disambiguator)
    if driver is None:
        shown = f"{name} ({disambiguator})" if disambiguator else name
        raise ValidationError(
            f"no driver '{shown}' is stored; import the entry list or results that name them first"
        )
    return driver


def _penalty_subject(penalty: Penalty) -> str:
    return f"Penalty No. {penalty.car_number}"


def _in_row(table: ImportTable, row: ImportRow, action: Callable[[], T]) -> T:
    try:
        return action()
    except DomainError as exc:
        raise cells.file_error(table.source, [f"line {row.line}: {exc}"]) from exc
