"""Import a season's schedule: one event per row, missing seasons and tracks created, all or none.

An event is matched by its series, season and name, so importing the same file again changes
nothing and a corrected date or round updates the stored event (DESIGN §7 keys stay).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import cast

from domain import bounds
from domain.changes import Changes
from domain.errors import DomainError, ValidationError
from domain.model import Event
from domain.ports import UnitOfWork
from domain.rules.schedule import track_kind
from domain.ruleset import RuleSet
from domain.services import import_cells as cells
from domain.services.events import EventEdit, EventSpec, TrackSpec, add_event_in, edit_event_in
from domain.services.import_cells import ImportReport, ImportRow, ImportTable
from domain.services.seasons import add_season_in, ensure_year, series_token

SCHEDULE_COLUMNS = (
    "series", "season", "round", "name", "track", "length", "kind", "date", "end_date", "points",
)  # fmt: skip
SCHEDULE_OPTIONAL = ("key",)
SCHEDULE_ALIASES = {"year": "season", "race": "name", "start_date": "date", "miles": "length"}


def import_schedule(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], table: ImportTable
) -> tuple[ImportReport, Changes]:
    """Add the file's events (and seasons and tracks they need); update those already stored."""
    table = table.ensure_columns(SCHEDULE_COLUMNS, SCHEDULE_ALIASES)
    rows = cells.read_rows(table, _read_row)
    cells.ensure_unique(
        table.source,
        [(r, (p.series, p.season, p.name.casefold())) for r, p in rows],
        _event_label,
    )
    counts = Counter[str]()
    changes = Changes()
    with uow:
        for row, spec in rows:
            try:
                outcome, changed = _put_event(uow, rulesets, spec)
            except DomainError as exc:
                raise cells.file_error(table.source, [f"line {row.line}: {exc}"]) from exc
            counts[outcome] += 1
            changes = changes.merged(changed)
        uow.commit()
    return cells.report(table, SCHEDULE_COLUMNS + SCHEDULE_OPTIONAL, counts), changes


def _event_label(key: object) -> str:
    series, season, name = cast(tuple[str, int, str], key)
    return f"the event {name!r} of {series} {season}"


def _read_row(row: ImportRow) -> EventSpec:
    kind_text = cells.text(row, "kind")
    return EventSpec(
        series=series_token(cells.text(row, "series", required=True)),
        season=ensure_year(cells.whole_number(row, "season", bounds.YEAR, required=True) or 0),
        round_no=cells.whole_number(row, "round", bounds.ROUND, required=True) or 0,
        name=cells.text(row, "name", required=True),
        track=TrackSpec(
            name=cells.text(row, "track", required=True),
            length_miles=cells.text(row, "length"),
            kind=track_kind(kind_text) if kind_text else None,
        ),
        start_date=_day(row, "date", required=True) or date.min,
        end_date=_day(row, "end_date"),
        points_paying=cells.flag(row, "points", default=True),
        key=cells.text(row, "key"),
    )


def _day(row: ImportRow, column: str, *, required: bool = False) -> date | None:
    value = cells.text(row, column, required=required)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{column} '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-02-15"
        ) from None


def _put_event(
    uow: UnitOfWork, rulesets: Mapping[str, RuleSet], spec: EventSpec
) -> tuple[str, Changes]:
    """Add the event (and its season), or update the stored one of the same name."""
    changes = Changes()
    if uow.seasons.find(spec.series, spec.season) is None:
        season = add_season_in(uow, rulesets, spec.series, spec.season)
        changes = Changes(seasons=frozenset({(season.series, season.season)}))
    stored = _stored(uow, spec)
    if stored is None:
        _event, added = add_event_in(uow, rulesets, spec)
        return "added", changes.merged(added)
    edit = EventEdit(
        name=spec.name,
        track=spec.track,
        start_date=spec.start_date,
        end_date=spec.end_date or spec.start_date,
        round_no=spec.round_no,
        points_paying=spec.points_paying,
        key=spec.key or None,
    )
    event, edited = edit_event_in(uow, stored, edit)
    return ("unchanged" if event == stored else "updated"), changes.merged(edited)


def _stored(uow: UnitOfWork, spec: EventSpec) -> Event | None:
    wanted = spec.name.strip().casefold()
    for event in uow.events.list_for_season(spec.series, spec.season):
        if event.name.casefold() == wanted or (spec.key and event.key == spec.key.strip()):
            return event
    return None
