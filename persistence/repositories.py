"""SQL repositories for every Protocol of domain/ports.py; they take and return domain values."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import partial
from typing import Any, ClassVar, Generic, Protocol, TypeVar
from uuid import UUID

from sqlalchemy import func, or_, select, union
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session as DbSession, col

from domain.errors import DuplicateError, NotFoundError
from domain.model import (
    RACE,
    ChangeRecord,
    Driver,
    Entry,
    Event,
    Lap,
    NascarPoints,
    Penalty,
    RaceResult,
    Season,
    Session,
    Substitution,
    Track,
    Waiver,
    car_sort_key,
)
from persistence import mapping
from persistence.change_log import BULK_ADDS, note_bulk_laps
from persistence.db_errors import storage_errors
from persistence.tables import (
    ChangeRow,
    DriverRow,
    EntryRow,
    EventRow,
    LapRow,
    NascarPointsRow,
    PenaltyRow,
    RaceResultRow,
    SeasonRow,
    SessionRow,
    SubstitutionRow,
    TrackRow,
    WaiverRow,
)
from persistence.team_repositories import add_new_laps


def _same(value: Any) -> Any:
    return value


class _Identified(Protocol):
    @property
    def id(self) -> UUID: ...


V = TypeVar("V", bound=_Identified)  # the domain value a repository stores


class _Repository(Generic[V]):
    """Shared add/get/update/delete by id of one kind of domain value `V`; subclasses add their
    queries and say how a row becomes a value (`to_value`)."""

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

    def _values(self, statement: Select[Any]) -> list[V]:
        with storage_errors():
            if self.plain_rows:  # plain column rows, not ORM objects: faster in bulk
                columns = self.row_type.__table__.columns
                rows = self._session.execute(statement.with_only_columns(*columns)).all()
            else:
                rows = self._session.scalars(statement).unique().all()
        return [type(self).to_value(row) for row in rows]

    def add(self, value: V) -> None:
        self._session.add(self.row_type(**mapping.columns_of(value)))

    def _add_checked(self, values: Iterable[V]) -> None:
        """Values the caller has checked (an import): no look-up per row before the insert."""
        self._session.add_all([self.row_type(**mapping.columns_of(v)) for v in values])

    def get(self, record_id: UUID) -> V:
        return type(self).to_value(self._row(record_id))

    def update(self, value: V) -> None:
        """Store an edit as the row's next version.

        The UPDATE names the version this transaction read (tables.Versioned), so an edit
        committed elsewhere in between is refused (ConcurrentEditError), never laid over. A use
        case that must refuse an edit made against an older screen compares the version the
        user saw first (domain/services/laps.py `seen_version`).
        """
        row = self._row(value.id)
        version = row.version
        for name, item in mapping.columns_of(value).items():
            setattr(row, name, item)
        row.version = version + 1

    def delete(self, record_id: UUID) -> None:
        self._session.delete(self._row(record_id))

    def _ensure_free(self, clash: Select[Any], value: _Identified, message: str) -> None:
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
        .join(EventRow, row_type.event_id == col(EventRow.id))
        .where(col(EventRow.series) == series, col(EventRow.season) == season)
    )


class SqlSeasonRepository(_Repository[Season]):
    row_type, noun = SeasonRow, "season"
    to_value = partial(mapping.plain_value, Season)

    def add(self, season: Season) -> None:
        clash = select(col(SeasonRow.id)).where(
            col(SeasonRow.series) == season.series, col(SeasonRow.season) == season.season
        )
        message = f"The {season.series} {season.season} season already exists."
        self._ensure_free(clash, season, message)
        super().add(season)

    def find(self, series: str, season: int) -> Season | None:
        query = select(SeasonRow).where(
            col(SeasonRow.series) == series, col(SeasonRow.season) == season
        )
        found = self._values(query)
        return found[0] if found else None

    def all(self) -> list[Season]:
        return self._values(
            select(SeasonRow).order_by(col(SeasonRow.series), col(SeasonRow.season))
        )


class SqlTrackRepository(_Repository[Track]):
    row_type, noun, to_value = TrackRow, "track", mapping.track_value

    def find_by_name(self, name: str) -> Track | None:
        query = select(TrackRow).where(func.lower(TrackRow.name) == name.strip().lower())
        found = self._values(query.order_by(col(TrackRow.id)))
        return found[0] if found else None

    def all(self) -> list[Track]:
        return self._values(select(TrackRow).order_by(col(TrackRow.name)))

    def is_used(self, track_id: UUID) -> bool:
        with storage_errors():
            used = self._session.scalars(
                select(col(EventRow.id)).where(col(EventRow.track_id) == track_id)
            )
            return used.first() is not None


class SqlEventRepository(_Repository[Event]):
    row_type, noun, to_value = EventRow, "event", mapping.event_value
    plain_rows = False  # event_value reads row.track

    def add(self, event: Event) -> None:
        clash = select(col(EventRow.id)).where(col(EventRow.key) == event.key)
        self._ensure_free(clash, event, f"An event with the key {event.key} already exists.")
        super().add(event)

    def update(self, event: Event) -> None:
        super().update(event)
        self._session.expire(self._row(event.id), ["track"])  # re-read with its new track

    def get_by_key(self, key: str) -> Event:
        found = self._values(select(EventRow).where(col(EventRow.key) == key))
        if not found:
            raise NotFoundError(
                f"There is no event “{key}”. Check the spelling, or list the events to see "
                "their keys."
            )
        return found[0]

    def all(self) -> list[Event]:
        order = (col(EventRow.series), col(EventRow.season), col(EventRow.round_no))
        return self._values(select(EventRow).order_by(*order))

    def list_for_season(self, series: str, season: int) -> list[Event]:
        query = select(EventRow).where(
            col(EventRow.series) == series, col(EventRow.season) == season
        )
        return self._values(query.order_by(col(EventRow.round_no)))


class SqlSessionRepository(_Repository[Session]):
    row_type, noun, to_value = SessionRow, "session", mapping.session_value

    def list_for_event(self, event_id: UUID) -> list[Session]:
        query = select(SessionRow).where(col(SessionRow.event_id) == event_id)
        return self._values(query.order_by(col(SessionRow.schedule_order)))


class SqlDriverRepository(_Repository[Driver]):
    row_type, noun = DriverRow, "driver"
    to_value = mapping.driver_value

    def find_by_name(self, name: str) -> list[Driver]:
        query = select(DriverRow).where(func.lower(col(DriverRow.name)) == name.strip().lower())
        return self._values(query.order_by(col(DriverRow.disambiguator)))

    def all(self) -> list[Driver]:
        return self._values(select(DriverRow).order_by(col(DriverRow.name), col(DriverRow.id)))

    def list_for_event(self, event_id: UUID) -> list[Driver]:
        return self._named(lambda column: column == event_id)

    def list_for_season(self, series: str, season: int) -> list[Driver]:
        events = select(col(EventRow.id)).where(
            col(EventRow.series) == series, col(EventRow.season) == season
        )
        waivers = select(col(WaiverRow.driver_id)).where(
            col(WaiverRow.series) == series, col(WaiverRow.season) == season
        )
        return self._named(lambda column: column.in_(events), waivers)

    def _named(
        self, of_events: Callable[[Any], ColumnElement[bool]], *more: Select[Any]
    ) -> list[Driver]:
        """One query: the drivers the events' rows name, so a board reads the weekend's drivers
        and not every season's (DESIGN §6)."""
        by_entry = select(SubstitutionRow).join(
            EntryRow, col(SubstitutionRow.entry_id) == col(EntryRow.id)
        )
        by_entry = by_entry.where(of_events(col(EntryRow.event_id)))
        named = union(
            select(col(EntryRow.driver_id)).where(of_events(col(EntryRow.event_id))),
            by_entry.with_only_columns(col(SubstitutionRow.driver_id)),
            by_entry.with_only_columns(col(SubstitutionRow.replaced_driver_id)),
            select(col(RaceResultRow.driver_id)).where(of_events(col(RaceResultRow.event_id))),
            select(col(PenaltyRow.driver_id)).where(
                of_events(col(PenaltyRow.event_id)), col(PenaltyRow.driver_id).is_not(None)
            ),
            *more,
        )
        query = select(DriverRow).where(col(DriverRow.id).in_(named))
        return self._values(query.order_by(col(DriverRow.name), col(DriverRow.id)))


class SqlEntryRepository(_Repository[Entry]):
    row_type, noun = EntryRow, "entry"
    to_value = partial(mapping.plain_value, Entry)

    def add(self, entry: Entry) -> None:
        self._ensure_car_free(entry)
        super().add(entry)

    def add_many(self, entries: Iterable[Entry]) -> None:
        self._add_checked(entries)

    def update(self, entry: Entry) -> None:
        self._ensure_car_free(entry)
        super().update(entry)

    def _ensure_car_free(self, entry: Entry) -> None:
        clash = select(col(EntryRow.id)).where(
            col(EntryRow.event_id) == entry.event_id, col(EntryRow.car_number) == entry.car_number
        )
        message = (
            f"No. {entry.car_number} is already on this event's entry list. Use another "
            "number, or edit that entry."
        )
        self._ensure_free(clash, entry, message)

    def list_for_event(self, event_id: UUID) -> list[Entry]:
        entries = self._values(select(EntryRow).where(col(EntryRow.event_id) == event_id))
        return sorted(entries, key=lambda entry: car_sort_key(entry.car_number))

    def find_for_car(self, event_id: UUID, car_number: str) -> Entry | None:
        query = select(EntryRow).where(
            col(EntryRow.event_id) == event_id, col(EntryRow.car_number) == car_number
        )
        found = self._values(query)
        return found[0] if found else None

    def list_for_season(self, series: str, season: int) -> list[Entry]:
        query = _in_season(EntryRow, series, season).order_by(col(EventRow.round_no))
        return self._values(query)


class SqlSubstitutionRepository(_Repository[Substitution]):
    row_type, noun, to_value = SubstitutionRow, "substitution", mapping.substitution_value

    def list_for_event(self, event_id: UUID) -> list[Substitution]:
        query = (
            select(SubstitutionRow)
            .join(EntryRow, col(SubstitutionRow.entry_id) == col(EntryRow.id))
            .where(col(EntryRow.event_id) == event_id)
        )
        return self._values(
            query.order_by(col(SubstitutionRow.from_session_order), col(SubstitutionRow.at))
        )


class SqlLapRepository(_Repository[Lap]):
    row_type, noun, to_value = LapRow, "lap", mapping.lap_value

    def list_for_session(self, session_id: UUID) -> list[Lap]:
        query = select(LapRow).where(col(LapRow.session_id) == session_id)
        return self._values(query.order_by(col(LapRow.logged_at), col(LapRow.id)))

    def matching(
        self, session_id: UUID, lap_numbers: Collection[int], lap_times: Collection[int]
    ) -> list[Lap]:
        """The session's laps with one of these numbers or times: what an import may repeat,
        read without loading the session's other laps (a followed snapshot costs ~80 laps)."""
        if not lap_numbers and not lap_times:
            return []
        query = select(LapRow).where(
            col(LapRow.session_id) == session_id,
            or_(
                col(LapRow.lap_number).in_(list(lap_numbers)),
                col(LapRow.lap_ms).in_(list(lap_times)),
            ),
        )
        return self._values(query.order_by(col(LapRow.logged_at), col(LapRow.id)))

    def add_many(self, laps: Iterable[Lap]) -> int:
        """Store an import's batch past the ORM, each lap once: a lap whose id or (session, car,
        lap number) is already stored is skipped by the database (ON CONFLICT DO NOTHING), so
        two laptops importing one file at once store it once. Returns how many were stored.

        A batch small enough to log row by row goes through add_new_laps (RETURNING names the
        laps stored); a larger one is one executemany of plain tuples, logged as its events
        reloaded: the ORM's and Core's per-row bookkeeping cost more than the insert itself at
        100,000 rows (DESIGN §6).
        """
        batch = list(laps)
        if len(batch) <= BULK_ADDS:
            return len(add_new_laps(self._session, batch))
        connection = self._session.connection()
        # The dialect's own conversions (UUID, timestamp), looked up once per batch.
        columns = LapRow.__table__.columns  # type: ignore[attr-defined]
        dialect = connection.dialect
        convert = {
            c.name: c.type.dialect_impl(dialect).bind_processor(dialect) or _same for c in columns
        }
        uuid, stamp = convert["id"], convert["logged_at"]
        rows = [
            (
                uuid(lap.id),
                lap.version,
                uuid(lap.session_id),
                lap.car_number,
                lap.lap_ms,
                lap.flag.value if lap.flag is not None else None,
                lap.note,
                stamp(mapping.to_utc(lap.logged_at)),
                lap.lap_number,
            )
            for lap in batch
        ]
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        names = "id, version, session_id, car_number, lap_ms, flag, note, logged_at, lap_number"
        markers = ", ".join([marker] * 9)
        statement = f"INSERT INTO laps ({names}) VALUES ({markers}) ON CONFLICT DO NOTHING"
        with storage_errors():
            stored = connection.exec_driver_sql(statement, rows).rowcount
        if stored:
            note_bulk_laps(self._session, {lap.session_id for lap in batch})
        return int(stored)

    def list_for_event(self, event_id: UUID) -> list[Lap]:
        query = (
            select(LapRow)
            .join(SessionRow, col(LapRow.session_id) == col(SessionRow.id))
            .where(col(SessionRow.event_id) == event_id)
        )
        return self._values(
            query.order_by(col(SessionRow.schedule_order), col(LapRow.logged_at), col(LapRow.id))
        )

    def add_new(self, laps: list[Lap]) -> list[Lap]:
        return add_new_laps(self._session, laps)


class SqlResultRepository(_Repository[RaceResult]):
    row_type, noun = RaceResultRow, "race result"
    to_value = partial(mapping.plain_value, RaceResult)

    def add(self, result: RaceResult) -> None:
        self._ensure_places_free(result)
        super().add(result)

    def add_many(self, results: Iterable[RaceResult]) -> None:
        self._add_checked(results)

    def update(self, result: RaceResult) -> None:
        self._ensure_places_free(result)
        super().update(result)

    def _ensure_places_free(self, result: RaceResult) -> None:
        same_race = select(col(RaceResultRow.id)).where(
            col(RaceResultRow.event_id) == result.event_id,
            col(RaceResultRow.session_name) == result.session_name,
        )
        where = "this race" if result.is_race else result.session_name
        car = same_race.where(col(RaceResultRow.car_number) == result.car_number)
        self._ensure_free(
            car, result, f"No. {result.car_number} already has a result in {where}. Edit it."
        )
        finish = same_race.where(col(RaceResultRow.finish) == result.finish)
        self._ensure_free(
            finish,
            result,
            f"Another car already finished P{result.finish} in {where}. Change that car's "
            "position first.",
        )

    def list_for_event(self, event_id: UUID, session_name: str = RACE) -> list[RaceResult]:
        query = select(RaceResultRow).where(
            col(RaceResultRow.event_id) == event_id,
            col(RaceResultRow.session_name) == session_name,
        )
        return self._values(query.order_by(col(RaceResultRow.finish)))

    def list_for_season(self, series: str, season: int) -> list[RaceResult]:
        query = _in_season(RaceResultRow, series, season)
        return self._values(query.order_by(col(EventRow.round_no), col(RaceResultRow.finish)))


class SqlPenaltyRepository(_Repository[Penalty]):
    row_type, noun = PenaltyRow, "penalty"
    to_value = partial(mapping.plain_value, Penalty)

    def list_for_event(self, event_id: UUID) -> list[Penalty]:
        query = select(PenaltyRow).where(col(PenaltyRow.event_id) == event_id)
        return self._values(query.order_by(col(PenaltyRow.car_number), col(PenaltyRow.id)))

    def list_for_season(self, series: str, season: int) -> list[Penalty]:
        query = _in_season(PenaltyRow, series, season)
        return self._values(query.order_by(col(EventRow.round_no), col(PenaltyRow.car_number)))


class SqlWaiverRepository(_Repository[Waiver]):
    row_type, noun, to_value = WaiverRow, "waiver", mapping.waiver_value

    def list_for_season(self, series: str, season: int) -> list[Waiver]:
        query = select(WaiverRow).where(
            col(WaiverRow.series) == series, col(WaiverRow.season) == season
        )
        return self._values(query.order_by(col(WaiverRow.id)))


class SqlHistoryRepository(_Repository[ChangeRecord]):
    row_type, noun, to_value = ChangeRow, "change record", mapping.change_value

    def newest_first(self, event_id: UUID | None = None) -> list[ChangeRecord]:
        query = select(ChangeRow)
        if event_id is not None:
            query = query.where(col(ChangeRow.event_id) == event_id)
        return self._values(query.order_by(col(ChangeRow.at).desc(), col(ChangeRow.id)))


class SqlNascarPointsRepository(_Repository[NascarPoints]):
    row_type, noun = NascarPointsRow, "NASCAR points row"
    to_value = partial(mapping.plain_value, NascarPoints)

    def list_for_event(self, event_id: UUID) -> list[NascarPoints]:
        query = select(NascarPointsRow).where(col(NascarPointsRow.event_id) == event_id)
        return self._values(query.order_by(col(NascarPointsRow.driver_name)))

    def update(self, points: NascarPoints) -> None:
        """NASCAR's numbers as its newest file gives them: no version to check (no one edits
        them by hand, and two laptops importing one file store the same numbers)."""
        row = self._row(points.id)
        for name, item in mapping.columns_of(points).items():
            setattr(row, name, item)


# The repository whose values each kind of the change log travels as (Changes' field names).
KIND_REPOSITORIES: dict[str, type[_Repository[Any]]] = {
    "tracks": SqlTrackRepository,
    "events": SqlEventRepository,
    "sessions": SqlSessionRepository,
    "drivers": SqlDriverRepository,
    "entries": SqlEntryRepository,
    "substitutions": SqlSubstitutionRepository,
    "laps": SqlLapRepository,
    "results": SqlResultRepository,
    "penalties": SqlPenaltyRepository,
    "waivers": SqlWaiverRepository,
}
