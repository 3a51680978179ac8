"""What the use cases need from storage, as Protocols; persistence/ implements them.

Repositories take and return domain values only. A unit of work rolls back unless `commit()`
is called; storage failures surface as `StorageError`, broken uniqueness as `DuplicateError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol, Self, runtime_checkable
from uuid import UUID

from domain.changes import Changes
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
)
from domain.ruleset import RuleSet
from domain.team import LoggedChange, TeamStatus


class SeasonRepository(Protocol):
    def add(self, season: Season) -> None: ...  # DuplicateError: the series' year exists
    def update(self, season: Season) -> None: ...
    def delete(self, season_id: UUID) -> None: ...
    def get(self, season_id: UUID) -> Season: ...
    def find(self, series: str, season: int) -> Season | None: ...
    def all(self) -> list[Season]: ...  # by series, then year


class TrackRepository(Protocol):
    def add(self, track: Track) -> None: ...
    def update(self, track: Track) -> None: ...
    def delete(self, track_id: UUID) -> None: ...
    def get(self, track_id: UUID) -> Track: ...
    def find_by_name(self, name: str) -> Track | None: ...  # case-insensitive, exact name
    def all(self) -> list[Track]: ...  # by name
    def is_used(self, track_id: UUID) -> bool: ...  # an event is held there


class EventRepository(Protocol):
    def add(self, event: Event) -> None: ...  # DuplicateError names a key already used
    def update(self, event: Event) -> None: ...
    def delete(self, event_id: UUID) -> None: ...  # its sessions, laps, entries... go with it
    def get(self, event_id: UUID) -> Event: ...
    def get_by_key(self, key: str) -> Event: ...  # NotFoundError names the key
    def all(self) -> list[Event]: ...  # every event, by series, season, round
    def list_for_season(self, series: str, season: int) -> list[Event]: ...  # by round


class SessionRepository(Protocol):
    def add(self, session: Session) -> None: ...
    def get(self, session_id: UUID) -> Session: ...
    def update(self, session: Session) -> None: ...
    def delete(self, session_id: UUID) -> None: ...  # its laps go with it
    def list_for_event(self, event_id: UUID) -> list[Session]: ...  # by order


class DriverRepository(Protocol):
    def add(self, driver: Driver) -> None: ...
    def update(self, driver: Driver) -> None: ...  # its date of birth and Cup seasons
    def delete(self, driver_id: UUID) -> None: ...  # only one nothing names (undo of an add)
    def get(self, driver_id: UUID) -> Driver: ...
    def find_by_name(self, name: str) -> list[Driver]: ...  # case-insensitive, exact name
    def all(self) -> list[Driver]: ...  # every stored driver: prefer the narrower lists below
    # Drivers named on the event's entries, substitutions (both sides), results and penalties.
    def list_for_event(self, event_id: UUID) -> list[Driver]: ...  # by name
    # The same over the season's events, plus the drivers of the season's waivers.
    def list_for_season(self, series: str, season: int) -> list[Driver]: ...  # by name


class EntryRepository(Protocol):
    def add(self, entry: Entry) -> None: ...  # DuplicateError on a car number used in the event
    # An import's new cars, checked by the caller against each other and the stored ones;
    # the database's unique key still refuses a clash at commit.
    def add_many(self, entries: Iterable[Entry]) -> None: ...
    def update(self, entry: Entry) -> None: ...
    def delete(self, entry_id: UUID) -> None: ...
    def get(self, entry_id: UUID) -> Entry: ...
    def list_for_event(self, event_id: UUID) -> list[Entry]: ...  # withdrawn ones included
    def find_for_car(self, event_id: UUID, car_number: str) -> Entry | None: ...
    def list_for_season(self, series: str, season: int) -> list[Entry]: ...


class SubstitutionRepository(Protocol):
    def add(self, substitution: Substitution) -> None: ...
    def get(self, substitution_id: UUID) -> Substitution: ...
    def delete(self, substitution_id: UUID) -> None: ...
    def list_for_event(self, event_id: UUID) -> list[Substitution]: ...


class LapRepository(Protocol):
    def add(self, lap: Lap) -> None: ...
    def update(self, lap: Lap) -> None: ...
    def delete(self, lap_id: UUID) -> None: ...
    def get(self, lap_id: UUID) -> Lap: ...
    def list_for_session(self, session_id: UUID) -> list[Lap]: ...  # by logged_at
    def add_many(self, laps: Iterable[Lap]) -> int: ...  # a batch of an import; how many
    # The session's laps with one of these lap numbers or lap times (what an import may repeat).
    def matching(
        self, session_id: UUID, lap_numbers: Collection[int], lap_times: Collection[int]
    ) -> list[Lap]: ...
    def list_for_event(self, event_id: UUID) -> list[Lap]: ...
    # Stores the laps whose id is not stored yet, atomically (an import run twice at once, or
    # an outbox resent, stores each lap once); returns the ones it stored.
    def add_new(self, laps: list[Lap]) -> list[Lap]: ...


class ResultRepository(Protocol):
    def add(self, result: RaceResult) -> None: ...  # DuplicateError: car or finish taken
    def add_many(self, results: Iterable[RaceResult]) -> None: ...  # checked as add_many above
    def update(self, result: RaceResult) -> None: ...
    def delete(self, result_id: UUID) -> None: ...
    def get(self, result_id: UUID) -> RaceResult: ...
    # One race-like session's results (the race unless a Duel is named), by finish.
    def list_for_event(self, event_id: UUID, session_name: str = RACE) -> list[RaceResult]: ...
    def list_for_season(self, series: str, season: int) -> list[RaceResult]: ...  # every session


class PenaltyRepository(Protocol):
    def add(self, penalty: Penalty) -> None: ...
    def get(self, penalty_id: UUID) -> Penalty: ...
    def delete(self, penalty_id: UUID) -> None: ...
    def list_for_event(self, event_id: UUID) -> list[Penalty]: ...
    def list_for_season(self, series: str, season: int) -> list[Penalty]: ...


class WaiverRepository(Protocol):
    def add(self, waiver: Waiver) -> None: ...
    def get(self, waiver_id: UUID) -> Waiver: ...
    def update(self, waiver: Waiver) -> None: ...
    def delete(self, waiver_id: UUID) -> None: ...
    def list_for_season(self, series: str, season: int) -> list[Waiver]: ...


class NascarPointsRepository(Protocol):
    def add(self, points: NascarPoints) -> None: ...
    def update(self, points: NascarPoints) -> None: ...
    def list_for_event(self, event_id: UUID) -> list[NascarPoints]: ...  # by driver name


class HistoryRepository(Protocol):
    def add(self, record: ChangeRecord) -> None: ...
    def newest_first(self, event_id: UUID | None = None) -> list[ChangeRecord]: ...  # newest first


class ChangeLogRepository(Protocol):
    """The team server's change log: what other clients committed, in commit order."""

    def since(self, position: int) -> list[LoggedChange]: ...  # after it, in order
    def last_position(self) -> int: ...  # 0 when nothing is logged yet


class UnitOfWork(Protocol):
    """One transaction: `with uow: ...; uow.commit()`. Leaving without commit rolls back."""

    seasons: SeasonRepository
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
    nascar_points: NascarPointsRepository
    change_log: ChangeLogRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]  # a fresh unit of work per call


class LapOutbox(Protocol):
    """Laps saved on this laptop while the team server was out of reach, waiting to be sent.

    `put` returns only once the lap is durable on disk: "saved" means saved (DESIGN §1).
    """

    def put(self, lap: Lap) -> None: ...
    def pending(self) -> list[Lap]: ...  # in the order they were saved
    def remove(self, lap_ids: list[UUID]) -> None: ...
    def count(self) -> int: ...


class TeamLink(Protocol):
    """A client's live link to the team server (persistence.team_client.TeamClient): laps go
    to the server, or to the outbox while it is away; others' commits arrive as notices."""

    @property
    def status(self) -> TeamStatus: ...
    # deliver: others' notices; report: the server came or went, or the outbox count moved.
    # Both are called on the link's own thread.
    def start(
        self, deliver: Callable[[Changes], None], report: Callable[[TeamStatus], None]
    ) -> None: ...
    def stop(self) -> None: ...
    def log_lap(self, session_id: UUID, car_text: str, time_text: str) -> tuple[Lap, Changes]: ...
    # Undo and redo of a logged lap: out of the outbox while it still waits there, else on
    # the server; put back on the server, or into the outbox while the server is away.
    def delete_lap(self, lap: Lap) -> tuple[Lap, Changes]: ...
    def restore_lap(self, lap: Lap) -> tuple[Lap, Changes]: ...


class Storage(Protocol):
    """An opened database as the app sees it (persistence.storage.open_storage builds one)."""

    rulesets: dict[str, RuleSet]  # by key, e.g. "cup-2025"
    location: str  # the file path or server URL (without password), for titles and messages
    read_only: bool  # a team server account that may only read (a viewer role)

    def uow_factory(self) -> UnitOfWork: ...  # a fresh unit of work per call
    def close(self) -> None: ...


class BackupRecord(Protocol):
    """One rolling backup of a weekend file (persistence.backups.Backup)."""

    @property
    def path(self) -> Path: ...
    @property
    def taken_at(self) -> datetime: ...  # UTC
    @property
    def reason(self) -> str: ...  # on-open, on-closing, hourly
    @property
    def size_bytes(self) -> int: ...

    def describe(self) -> str: ...


@runtime_checkable
class BackedUpStorage(Protocol):
    """A Storage that keeps rolling backups (a weekend file; a team server is backed up by its
    administrator, so its Storage does not)."""

    check_pending: bool  # a big file's quick check waits until after ready

    def back_up(self, reason: str) -> BackupRecord | None: ...
    def back_up_if_changed(self, reason: str) -> BackupRecord | None: ...
    def check_integrity(self) -> None:
        """SQLite's quick check; raises DamagedFileError when it finds damage."""
        ...


class BackupShelf(Protocol):
    """The backups of any weekend file, usable while it is closed (to restore one)."""

    def list_backups(self, location: str) -> Sequence[BackupRecord]: ...

    def restore(self, backup: Path, location: str) -> Path | None:
        """Put `backup` in place of the (closed) file; returns where the current file was kept."""
        ...
