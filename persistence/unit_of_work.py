"""One database transaction as the domain's UnitOfWork: rolls back unless `commit()` is called."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session as DbSession

from persistence.db_errors import storage_errors
from persistence.repositories import (
    SqlDriverRepository,
    SqlEntryRepository,
    SqlEventRepository,
    SqlHistoryRepository,
    SqlLapRepository,
    SqlPenaltyRepository,
    SqlResultRepository,
    SqlSessionRepository,
    SqlSubstitutionRepository,
    SqlTrackRepository,
    SqlWaiverRepository,
)


class SqlUnitOfWork:
    """Values leave mapped and detached-safe (`expire_on_commit=False`); rows stay inside."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: DbSession | None = None

    def __enter__(self) -> Self:
        session = DbSession(self._engine, expire_on_commit=False)
        self._session = session
        self.tracks = SqlTrackRepository(session)
        self.events = SqlEventRepository(session)
        self.sessions = SqlSessionRepository(session)
        self.drivers = SqlDriverRepository(session)
        self.entries = SqlEntryRepository(session)
        self.substitutions = SqlSubstitutionRepository(session)
        self.laps = SqlLapRepository(session)
        self.results = SqlResultRepository(session)
        self.penalties = SqlPenaltyRepository(session)
        self.waivers = SqlWaiverRepository(session)
        self.history = SqlHistoryRepository(session)
        return self

    def __exit__(self, _type: object, error: BaseException | None, _trace: object) -> None:
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
                session.commit()
        except Exception:
            session.rollback()  # the failed changes are gone; the unit of work stays usable
            raise

    def rollback(self) -> None:
        self._require_session().rollback()

    def _require_session(self) -> DbSession:
        if self._session is None:
            raise RuntimeError("Use the unit of work in a `with` block.")
        return self._session
