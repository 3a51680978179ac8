"""One database transaction as the domain's UnitOfWork: rolls back unless `commit()` is called."""

from __future__ import annotations

from typing import Self
from uuid import UUID, uuid4

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session as DbSession

from domain.ports import (
    ChangeLogRepository,
    DriverRepository,
    EntryRepository,
    EventRepository,
    HistoryRepository,
    LapRepository,
    PenaltyRepository,
    ResultRepository,
    SeasonRepository,
    SessionRepository,
    SubstitutionRepository,
    TrackRepository,
    WaiverRepository,
)
from persistence import change_log
from persistence.db_errors import storage_errors
from persistence.repositories import (
    KIND_REPOSITORIES,
    SqlDriverRepository,
    SqlEntryRepository,
    SqlEventRepository,
    SqlHistoryRepository,
    SqlLapRepository,
    SqlPenaltyRepository,
    SqlResultRepository,
    SqlSeasonRepository,
    SqlSessionRepository,
    SqlSubstitutionRepository,
    SqlTrackRepository,
    SqlWaiverRepository,
)
from persistence.team_repositories import SqlChangeLogRepository


class SqlUnitOfWork:
    """Values leave mapped and detached-safe (`expire_on_commit=False`); rows stay inside.

    Each repository is typed as its domain Protocol, so mypy checks the SQL one fulfils it.
    """

    def __init__(self, engine: Engine, origin: UUID | None = None) -> None:
        self._engine = engine
        # Who commits, as the change log records it: one id per opened storage (client).
        self._origin = origin or uuid4()
        self._session: DbSession | None = None

    def __enter__(self) -> Self:
        session = DbSession(self._engine, expire_on_commit=False)
        self._session = session
        change_log.track_changes(session)
        self.seasons: SeasonRepository = SqlSeasonRepository(session)
        self.tracks: TrackRepository = SqlTrackRepository(session)
        self.events: EventRepository = SqlEventRepository(session)
        self.sessions: SessionRepository = SqlSessionRepository(session)
        self.drivers: DriverRepository = SqlDriverRepository(session)
        self.entries: EntryRepository = SqlEntryRepository(session)
        self.substitutions: SubstitutionRepository = SqlSubstitutionRepository(session)
        self.laps: LapRepository = SqlLapRepository(session)
        self.results: ResultRepository = SqlResultRepository(session)
        self.penalties: PenaltyRepository = SqlPenaltyRepository(session)
        self.waivers: WaiverRepository = SqlWaiverRepository(session)
        self.history: HistoryRepository = SqlHistoryRepository(session)
        values = {kind: repository.to_value for kind, repository in KIND_REPOSITORIES.items()}
        self.change_log: ChangeLogRepository = SqlChangeLogRepository(session, self._origin, values)
        return self

    def __exit__(self, *exc: object) -> None:
        error = exc[1] if len(exc) > 1 else None
        session = self._require_session()
        self._session = None
        try:
            session.rollback()
        finally:
            session.close()
        if isinstance(error, DBAPIError):  # a read failed (a damaged page, a lost server)
            with storage_errors():
                raise error

    def commit(self) -> None:
        session = self._require_session()
        try:
            with storage_errors():
                session.flush()  # what is flushed now is what the change log records
                change_log.write_log(session, self._origin)
                session.commit()
        except Exception:
            session.rollback()  # the failed changes are gone; the unit of work stays usable
            change_log.forget_changes(session)
            raise

    def rollback(self) -> None:
        session = self._require_session()
        session.rollback()
        change_log.forget_changes(session)

    def _require_session(self) -> DbSession:
        if self._session is None:
            raise RuntimeError("Use the unit of work in a `with` block.")
        return self._session
