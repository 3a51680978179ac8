"""What the use cases need from storage, as Protocols; persistence/ implements them.

Repositories take and return domain values only. A unit of work rolls back unless `commit()`
is called; storage failures surface as `StorageError`, broken uniqueness as `DuplicateError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, Self
from uuid import UUID

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
)
from domain.ruleset import RuleSet


class TrackRepository(Protocol):
    def add(self, track: Track) -> None: ...
    def get(self, track_id: UUID) -> Track: ...
    def list(self) -> list[Track]: ...


class EventRepository(Protocol):
    def add(self, event: Event) -> None: ...
    def get(self, event_id: UUID) -> Event: ...
    def update(self, event: Event) -> None: ...
    def get_by_key(self, key: str) -> Event: ...  # NotFoundError names the key
    def list(self) -> list[Event]: ...  # every event, by series, season, round
    def list_for_season(self, series: str, season: int) -> list[Event]: ...  # by round


class SessionRepository(Protocol):
    def add(self, session: Session) -> None: ...
    def get(self, session_id: UUID) -> Session: ...
    def update(self, session: Session) -> None: ...
    def list_for_event(self, event_id: UUID) -> list[Session]: ...  # by order


class DriverRepository(Protocol):
    def add(self, driver: Driver) -> None: ...
    def get(self, driver_id: UUID) -> Driver: ...
    def find_by_name(self, name: str) -> list[Driver]: ...  # case-insensitive, exact name
    def list(self) -> list[Driver]: ...  # every stored driver: prefer the narrower lists below
    # Drivers named on the event's entries, substitutions (both sides), results and penalties.
    def list_for_event(self, event_id: UUID) -> list[Driver]: ...  # by name
    # The same over the season's events, plus the drivers of the season's waivers.
    def list_for_season(self, series: str, season: int) -> list[Driver]: ...  # by name


class EntryRepository(Protocol):
    def add(self, entry: Entry) -> None: ...  # DuplicateError on a car number used in the event
    def update(self, entry: Entry) -> None: ...
    def delete(self, entry_id: UUID) -> None: ...
    def get(self, entry_id: UUID) -> Entry: ...
    def list_for_event(self, event_id: UUID) -> list[Entry]: ...  # withdrawn ones included
    def find_for_car(self, event_id: UUID, car_number: str) -> Entry | None: ...
    def list_for_season(self, series: str, season: int) -> list[Entry]: ...


class SubstitutionRepository(Protocol):
    def add(self, substitution: Substitution) -> None: ...
    def delete(self, substitution_id: UUID) -> None: ...
    def list_for_event(self, event_id: UUID) -> list[Substitution]: ...


class LapRepository(Protocol):
    def add(self, lap: Lap) -> None: ...
    def update(self, lap: Lap) -> None: ...
    def delete(self, lap_id: UUID) -> None: ...
    def get(self, lap_id: UUID) -> Lap: ...
    def list_for_session(self, session_id: UUID) -> list[Lap]: ...  # by logged_at
    def list_for_event(self, event_id: UUID) -> list[Lap]: ...


class ResultRepository(Protocol):
    def add(self, result: RaceResult) -> None: ...  # DuplicateError: car or finish taken
    def update(self, result: RaceResult) -> None: ...
    def delete(self, result_id: UUID) -> None: ...
    def get(self, result_id: UUID) -> RaceResult: ...
    # One race-like session's results (the race unless a Duel is named), by finish.
    def list_for_event(self, event_id: UUID, session_name: str = RACE) -> list[RaceResult]: ...
    def list_for_season(self, series: str, season: int) -> list[RaceResult]: ...  # every session


class PenaltyRepository(Protocol):
    def add(self, penalty: Penalty) -> None: ...
    def delete(self, penalty_id: UUID) -> None: ...
    def list_for_event(self, event_id: UUID) -> list[Penalty]: ...
    def list_for_season(self, series: str, season: int) -> list[Penalty]: ...


class WaiverRepository(Protocol):
    def add(self, waiver: Waiver) -> None: ...
    def update(self, waiver: Waiver) -> None: ...
    def delete(self, waiver_id: UUID) -> None: ...
    def list_for_season(self, series: str, season: int) -> list[Waiver]: ...


class HistoryRepository(Protocol):
    def add(self, record: ChangeRecord) -> None: ...
    def list(self, event_id: UUID | None = None) -> list[ChangeRecord]: ...  # newest first


class UnitOfWork(Protocol):
    """One transaction: `with uow: ...; uow.commit()`. Leaving without commit rolls back."""

    tracks: TrackRepository
    events: EventRepository
    sessions: SessionRepository
    drivers: DriverRepository
    entries: EntryRepository
    substitutions: SubstitutionRepository
    laps: LapRepository
    results: ResultRepository
    penalties: PenaltyRepository
    waivers: WaiverRepository
    history: HistoryRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]  # a fresh unit of work per call


class Storage(Protocol):
    """An opened database as the app sees it (persistence.storage.open_storage builds one)."""

    uow_factory: UnitOfWorkFactory
    rulesets: dict[str, RuleSet]  # by key, e.g. "cup-2025"
    location: str  # the file path or server URL (without password), for titles and messages

    def close(self) -> None: ...
