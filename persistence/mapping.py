"""Row <-> domain value mapping: columns from a value, and a value from a row."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from domain.model import (
    ChangeRecord,
    Driver,
    Event,
    Lap,
    LapFlag,
    Session,
    SessionKind,
    Substitution,
    Track,
    TrackKind,
    Waiver,
    WaiverReason,
    WaiverStatus,
)
from persistence.tables import ChangeRow, EventRow, LapRow, SessionRow, SubstitutionRow, WaiverRow

T = TypeVar("T")

# Domain names that are awkward as column names ("order" and "group" are SQL keywords).
_COLUMN_NAMES: dict[type, dict[str, str]] = {
    Session: {"order": "schedule_order", "group": "group_name"},
    Event: {"track": "track_id"},
}


def to_utc(moment: datetime) -> datetime:
    """Store every timestamp in UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def columns_of(value: Any) -> dict[str, Any]:
    """The column values of a domain value: enums as their text, timestamps in UTC."""
    names = _COLUMN_NAMES.get(type(value), {})
    columns: dict[str, Any] = {}
    for spec in fields(value):
        item = getattr(value, spec.name)
        if isinstance(item, Enum):
            item = item.value  # psycopg would store an Enum's name, not its value
        elif isinstance(item, datetime):
            item = to_utc(item)
        elif isinstance(item, Track):
            item = item.id
        elif isinstance(item, frozenset):  # a driver's Cup seasons: "2026 2027"
            item = years_text(item)
        columns[names.get(spec.name, spec.name)] = item
    return columns


@cache
def _field_columns(value_type: type) -> tuple[tuple[str, str], ...]:
    """(field, column) names of a value type, worked out once: a season is ~4,000 rows."""
    names = _COLUMN_NAMES.get(value_type, {})
    return tuple((spec.name, names.get(spec.name, spec.name)) for spec in fields(value_type))


def _value_of(value_type: type[T], row: Any, /, **converted: Any) -> T:
    plain = {
        name: getattr(row, column)
        for name, column in _field_columns(value_type)  # type: ignore[arg-type]  # a class hashes
        if name not in converted
    }
    return value_type(**plain, **converted)


def plain_value(value_type: type[T], row: Any) -> T:
    """A value whose columns need no conversion (entries, results, penalties)."""
    return _value_of(value_type, row)


def years_text(years: frozenset[int]) -> str:
    return " ".join(str(year) for year in sorted(years))


def driver_value(row: Any) -> Driver:
    years = frozenset(int(year) for year in (row.cup_seasons or "").split())
    return _value_of(Driver, row, cup_seasons=years)


def track_value(row: Any) -> Track:
    return _value_of(Track, row, kind=TrackKind(row.kind))


def event_value(row: EventRow) -> Event:
    return _value_of(Event, row, track=track_value(row.track))


def session_value(row: SessionRow) -> Session:
    return _value_of(Session, row, kind=SessionKind(row.kind))


def substitution_value(row: SubstitutionRow) -> Substitution:
    return _value_of(Substitution, row, at=to_utc(row.at))


def lap_value(row: LapRow) -> Lap:
    flag = LapFlag(row.flag) if row.flag is not None else None
    return _value_of(Lap, row, flag=flag, logged_at=to_utc(row.logged_at))


def waiver_value(row: WaiverRow) -> Waiver:
    return _value_of(Waiver, row, reason=WaiverReason(row.reason), status=WaiverStatus(row.status))


def change_value(row: ChangeRow) -> ChangeRecord:
    return _value_of(ChangeRecord, row, at=to_utc(row.at))
