"""SQL repositories for every Protocol of domain/ports.py; they take and return domain values."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar
from uuid import UUID

from sqlalchemy import func, select, union
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session as DbSession

from domain.errors import DuplicateError, NotFoundError
from domain.model import (
    RACE,
    ChangeRecord,
    Driver,
    Entry,
    Event,
    Lap,
    Penalty,
    RaceResult,
    Session,
    Substitution,
    Track,
    Waiver,
    car_sort_key,
)
from persistence import mapping
from persistence.db_errors import storage_errors
from persistence.tables import (
    ChangeRow,
    DriverRow,
    EntryRow,
    EventRow,
    LapRow,
    PenaltyRow,
    RaceResultRow,
    SessionRow,
    SubstitutionRow,
    TrackRow,
    WaiverRow,
)


class _Repository:
    """Shared add/get/update/delete by id; subclasses add their queries."""

    row_type: ClassVar[type[Any]]
    noun: ClassVar[str]
    to_value: ClassVar[Callable[[Any], Any]]
    plain_rows: ClassVar[bool] = True  # False when to_value follows a relationship

    def __init__(self, session: DbSession) -> None:
        self._session = session

    def _row(self, record_id: UUID) -> Any:
        with storage_errors():
            row = self._session.get(self.row_type, record_id)
        if row is None:
            raise NotFoundError(
                f"That {self.noun} no longer exists (it may have been deleted in another "
                "window). Refresh and try again."
            )
        return row

    def _values(self, statement: Select[Any]) -> list[Any]:
        with storage_errors():
            if self.plain_rows:  # plain column rows, not ORM objects: ~2x faster in bulk
                columns = self.row_type.__table__.columns
                rows = self._session.execute(statement.with_only_columns(*columns)).all()
            else:
                rows = self._session.scalars(statement).unique().all()
        return [type(self).to_value(row) for row in rows]

    def add(self, value: Any) -> None:
        self._session.add(self.row_type(**mapping.columns_of(value)))

    def get(self, record_id: UUID) -> Any:
        return type(self).to_value(self._row(record_id))

    def update(self, value: Any) -> None:
        row = self._row(value.id)
        for name, item in mapping.columns_of(value).items():
            setattr(row, name, item)

    def delete(self, record_id: UUID) -> None:
        self._session.delete(self._row(record_id))

    def _ensure_free(self, clash: Select[Any], value: Any, message: str) -> None:
        """Check a unique key before the commit, so the message can name the car.

        Without autoflush: flushing every pending row before each check made bulk writes (the
        demo, imports) several times slower; a clash among rows of one unit of work still fails
        at commit through the unique constraint.
        """
        with storage_errors(), self._session.no_autoflush:
            other = self._session.scalars(clash).first()
        if other is not None and other != value.id:
            raise DuplicateError(message)


def _in_season(row_type: type[Any], series: str, season: int) -> Select[Any]:
    """Rows of one series and season through their event, so the query grows with the season."""
    return (
        select(row_type)
        .join(EventRow, row_type.event_id == EventRow.id)
        .where(EventRow.series == series, EventRow.season == season)
    )


class SqlTrackRepository(_Repository):
    row_type, noun, to_value = TrackRow, "track", mapping.track_value

    def list(self) -> list[Track]:
        return self._values(select(TrackRow).order_by(TrackRow.name))


class SqlEventRepository(_Repository):
    row_type, noun, to_value = EventRow, "event", mapping.event_value
    plain_rows = False  # event_value reads row.track

    def get_by_key(self, key: str) -> Event:
        found = self._values(select(EventRow).where(EventRow.key == key))
        if not found:
            raise NotFoundError(
                f"There is no event “{key}”. Check the spelling, or list the events to see "
                "their keys."
            )
        return found[0]

    def list(self) -> list[Event]:
        order = (EventRow.series, EventRow.season, EventRow.round_no)
        return self._values(select(EventRow).order_by(*order))

    def list_for_season(self, series: str, season: int) -> list[Event]:
        query = select(EventRow).where(EventRow.series == series, EventRow.season == season)
        return self._values(query.order_by(EventRow.round_no))


class SqlSessionRepository(_Repository):
    row_type, noun, to_value = SessionRow, "session", mapping.session_value

    def list_for_event(self, event_id: UUID) -> list[Session]:
        query = select(SessionRow).where(SessionRow.event_id == event_id)
        return self._values(query.order_by(SessionRow.schedule_order))


class SqlDriverRepository(_Repository):
    row_type, noun = DriverRow, "driver"
    to_value = partial(mapping.plain_value, Driver)

    def find_by_name(self, name: str) -> list[Driver]:
        query = select(DriverRow).where(func.lower(DriverRow.name) == name.strip().lower())
        return self._values(query.order_by(DriverRow.disambiguator))

    def list(self) -> list[Driver]:
        return self._values(select(DriverRow).order_by(DriverRow.name, DriverRow.id))

    def list_for_event(self, event_id: UUID) -> list[Driver]:
        return self._named(lambda column: column == event_id)

    def list_for_season(self, series: str, season: int) -> list[Driver]:
        events = select(EventRow.id).where(EventRow.series == series, EventRow.season == season)
        waivers = select(WaiverRow.driver_id).where(
            WaiverRow.series == series, WaiverRow.season == season
        )
        return self._named(lambda column: column.in_(events), waivers)

    def _named(
        self, of_events: Callable[[Any], ColumnElement[bool]], *more: Select[Any]
    ) -> list[Driver]:
        """One query: the drivers the events' rows name, so a board reads the weekend's drivers
        and not every season's (DESIGN §6)."""
        by_entry = select(SubstitutionRow).join(EntryRow, SubstitutionRow.entry_id == EntryRow.id)
        by_entry = by_entry.where(of_events(EntryRow.event_id))
        named = union(
            select(EntryRow.driver_id).where(of_events(EntryRow.event_id)),
            by_entry.with_only_columns(SubstitutionRow.driver_id),
            by_entry.with_only_columns(SubstitutionRow.replaced_driver_id),
            select(RaceResultRow.driver_id).where(of_events(RaceResultRow.event_id)),
            select(PenaltyRow.driver_id).where(
                of_events(PenaltyRow.event_id), PenaltyRow.driver_id.is_not(None)
            ),
            *more,
        )
        query = select(DriverRow).where(DriverRow.id.in_(named))
        return self._values(query.order_by(DriverRow.name, DriverRow.id))


class SqlEntryRepository(_Repository):
    row_type, noun = EntryRow, "entry"
    to_value = partial(mapping.plain_value, Entry)

    def add(self, entry: Entry) -> None:
        self._ensure_car_free(entry)
        super().add(entry)

    def update(self, entry: Entry) -> None:
        self._ensure_car_free(entry)
        super().update(entry)

    def _ensure_car_free(self, entry: Entry) -> None:
        clash = select(EntryRow.id).where(
            EntryRow.event_id == entry.event_id, EntryRow.car_number == entry.car_number
        )
        message = (
            f"No. {entry.car_number} is already on this event's entry list. Use another "
            "number, or edit that entry."
        )
        self._ensure_free(clash, entry, message)

    def list_for_event(self, event_id: UUID) -> list[Entry]:
        entries = self._values(select(EntryRow).where(EntryRow.event_id == event_id))
        return sorted(entries, key=lambda entry: car_sort_key(entry.car_number))

    def find_for_car(self, event_id: UUID, car_number: str) -> Entry | None:
        query = select(EntryRow).where(
            EntryRow.event_id == event_id, EntryRow.car_number == car_number
        )
        found = self._values(query)
        return found[0] if found else None

    def list_for_season(self, series: str, season: int) -> list[Entry]:
        query = _in_season(EntryRow, series, season).order_by(EventRow.round_no)
        return self._values(query)


class SqlSubstitutionRepository(_Repository):
    row_type, noun, to_value = SubstitutionRow, "substitution", mapping.substitution_value

    def list_for_event(self, event_id: UUID) -> list[Substitution]:
        query = (
            select(SubstitutionRow)
            .join(EntryRow, SubstitutionRow.entry_id == EntryRow.id)
            .where(EntryRow.event_id == event_id)
        )
        return self._values(query.order_by(SubstitutionRow.from_session_order, SubstitutionRow.at))


class SqlLapRepository(_Repository):
    row_type, noun, to_value = LapRow, "lap", mapping.lap_value

    def list_for_session(self, session_id: UUID) -> list[Lap]:
        query = select(LapRow).where(LapRow.session_id == session_id)
        return self._values(query.order_by(LapRow.logged_at, LapRow.id))

    def list_for_event(self, event_id: UUID) -> list[Lap]:
        query = (
            select(LapRow)
            .join(SessionRow, LapRow.session_id == SessionRow.id)
            .where(SessionRow.event_id == event_id)
        )
        return self._values(query.order_by(SessionRow.schedule_order, LapRow.logged_at, LapRow.id))


class SqlResultRepository(_Repository):
    row_type, noun = RaceResultRow, "race result"
    to_value = partial(mapping.plain_value, RaceResult)

    def add(self, result: RaceResult) -> None:
        self._ensure_places_free(result)
        super().add(result)

    def update(self, result: RaceResult) -> None:
        self._ensure_places_free(result)
        super().update(result)

    def _ensure_places_free(self, result: RaceResult) -> None:
        same_race = select(RaceResultRow.id).where(
            RaceResultRow.event_id == result.event_id,
            RaceResultRow.session_name == result.session_name,
        )
        where = "this race" if result.is_race else result.session_name
        car = same_race.where(RaceResultRow.car_number == result.car_number)
        self._ensure_free(
            car, result, f"No. {result.car_number} already has a result in {where}. Edit it."
        )
        finish = same_race.where(RaceResultRow.finish == result.finish)
        self._ensure_free(
            finish,
            result,
            f"Another car already finished P{result.finish} in {where}. Change that car's "
            "position first.",
        )

    def list_for_event(self, event_id: UUID, session_name: str = RACE) -> list[RaceResult]:
        query = select(RaceResultRow).where(
            RaceResultRow.event_id == event_id, RaceResultRow.session_name == session_name
        )
        return self._values(query.order_by(RaceResultRow.finish))

    def list_for_season(self, series: str, season: int) -> list[RaceResult]:
        query = _in_season(RaceResultRow, series, season)
        return self._values(query.order_by(EventRow.round_no, RaceResultRow.finish))


class SqlPenaltyRepository(_Repository):
    row_type, noun = PenaltyRow, "penalty"
    to_value = partial(mapping.plain_value, Penalty)

    def list_for_event(self, event_id: UUID) -> list[Penalty]:
        query = select(PenaltyRow).where(PenaltyRow.event_id == event_id)
        return self._values(query.order_by(PenaltyRow.car_number, PenaltyRow.id))

    def list_for_season(self, series: str, season: int) -> list[Penalty]:
        query = _in_season(PenaltyRow, series, season)
        return self._values(query.order_by(EventRow.round_no, PenaltyRow.car_number))


class SqlWaiverRepository(_Repository):
    row_type, noun, to_value = WaiverRow, "waiver", mapping.waiver_value

    def list_for_season(self, series: str, season: int) -> list[Waiver]:
        query = select(WaiverRow).where(WaiverRow.series == series, WaiverRow.season == season)
        return self._values(query.order_by(WaiverRow.id))


class SqlHistoryRepository(_Repository):
    row_type, noun, to_value = ChangeRow, "change record", mapping.change_value

    def list(self, event_id: UUID | None = None) -> list[ChangeRecord]:
        query = select(ChangeRow)
        if event_id is not None:
            query = query.where(ChangeRow.event_id == event_id)
        return self._values(query.order_by(ChangeRow.at.desc(), ChangeRow.id))
