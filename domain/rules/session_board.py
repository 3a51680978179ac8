"""Boards of a weekend's sessions as a summary shows them: positions, gaps, who drove."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from domain.model import Driver, Entry, Lap, Session, SessionKind, Substitution
from domain.rules.drivers import driver_at
from domain.rules.practice import practice_board


@dataclass(frozen=True, slots=True, kw_only=True)
class BoardRow:
    """One car in one practice or qualifying session, fastest clean lap first."""

    session: Session
    position: int | None  # None: no clean lap yet
    car_number: str
    driver: str
    laps_run: int
    best_lap_ms: int | None
    gap_to_first_ms: int | None
    gap_to_ahead_ms: int | None


class NameBook:
    """Who drives each car in each session, as a name to show."""

    def __init__(
        self,
        entries: list[Entry],
        substitutions: list[Substitution],
        drivers: Mapping[UUID, Driver],
    ) -> None:
        self._entries = {e.car_number: e for e in entries}
        self._subs = substitutions
        self._drivers = drivers

    def name(self, car_number: str, session_order: int) -> str:
        entry = self._entries.get(car_number)
        return self.label(driver_at(entry, self._subs, session_order)) if entry else "?"

    def label(self, driver_id: UUID) -> str:
        driver = self._drivers.get(driver_id)
        return driver.label if driver else "?"


def session_board(session: Session, laps: list[Lap], names: NameBook) -> list[BoardRow]:
    """A practice or qualifying session's cars, fastest clean lap first (a race has none)."""
    if session.kind is SessionKind.RACE:
        return []
    rows = practice_board(lap for lap in laps if lap.session_id == session.id)
    first = rows[0].best_lap_ms if rows else None
    board, ahead = [], None
    for index, row in enumerate(rows, start=1):
        best = row.best_lap_ms
        board.append(
            BoardRow(
                session=session,
                position=index if best is not None else None,
                car_number=row.car_number,
                driver=names.name(row.car_number, session.order),
                laps_run=row.laps_run,
                best_lap_ms=best,
                gap_to_first_ms=best - first if best is not None and first is not None else None,
                gap_to_ahead_ms=best - ahead if best is not None and ahead is not None else None,
            )
        )
        ahead = best
    return board
