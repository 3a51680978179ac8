"""Importing lap times: every row checked against the event's sessions and entry list first.

Rows are read as a stream and written in batches, so memory stays flat whatever the file's
size (DESIGN §6): each row goes through the same validators a typed lap does (car number,
lap time or speed, flag), but not through the typed lap's whole use case. A bad row stops the
writing; the rest of the file is still read to count the bad rows, then nothing is kept.

A row with a `lap` number is a numbered lap, identified by (session, car, lap number) like a
feed lap (DESIGN §7): re-importing it updates or leaves it. A row without one counts as already
stored when the store holds as many laps with the same session, car, time, flag and note as
the file does; re-importing a file adds nothing, and a file with one more lap adds just that.
An exported laps.csv (it has `time_text`) numbers each car's laps for people: there `lap` is
derived, like `driver` and `time_text`, and skipped.

Two clients importing one file at the same moment both see nothing stored, so each file lap
also gets an id made from what it is (domain/lap_ids.py) and the database stores an id, or a
(session, car, lap number), once (LapRepository.add_many), whoever commits first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache
from typing import Protocol
from uuid import UUID

from domain.bounds import LAP_NUMBER
from domain.changes import Changes
from domain.errors import DomainError, ValidationError
from domain.lap_ids import lap_key, numbered_lap_id, repeated_lap_id
from domain.laptime import parse_lap_time
from domain.model import Entry, Event, Lap, LapFlag, Session, utc_now
from domain.ports import UnitOfWork
from domain.services import import_cells as cells
from domain.services.import_cells import ImportReport, ImportRow, ImportTable

LAP_COLUMNS = ("car",)
LAP_OPTIONAL = ("session", "time", "speed", "flag", "note", "lap")
LAP_ALIASES = {
    "lap_time": "time",
    "speed_mph": "speed",
    "mph": "speed",
    "comment": "note",
    "lap_number": "lap",
}
# Columns an exported laps.csv adds for people (persistence/summary_export.py): derived from the
# others, so skipped on import (laps are numbered as they are stored; the driver follows the
# entry list). `time_text` is the one only an export writes.
LAP_DERIVED = ("lap", "driver", "time_text")
_EXPORT_MARK = "time_text"
BATCH_ROWS = 5_000  # rows validated, then written in one statement
MAX_ERRORS_KEPT = 20


class LapRows(Protocol):
    """An ImportTable, or a stream of rows read from a file as the import goes."""

    @property
    def source(self) -> str: ...
    @property
    def columns(self) -> tuple[str, ...]: ...
    @property
    def rows(self) -> Iterable[ImportRow]: ...


def import_laps(
    uow: UnitOfWork,
    event_key: str,
    table: LapRows,
    *,
    session_name: str | None = None,
) -> tuple[ImportReport, Changes]:
    """Add the file's laps; `session_name` fills rows without a session cell.

    A stream that reports progress may raise ImportCancelledError from it: the unit of work
    then rolls back every batch already written.
    """
    columns = _columns(table)
    exported = _EXPORT_MARK in columns
    counts = Counter[str]()
    errors: list[str] = []
    bad = 0
    with uow:
        event = uow.events.get_by_key(event_key)
        sessions = {s.name.casefold(): s for s in uow.sessions.list_for_event(event.id)}
        cars = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
        reader = _LapReader(event, sessions, cars, session_name, numbered=not exported)
        known = _StoredLaps(uow)
        rows = _renamed(table.rows) if set(table.columns) & set(LAP_ALIASES) else table.rows
        for batch in _batches(iter(rows), BATCH_ROWS):
            laps = []
            for row in batch:
                try:
                    laps.append(reader.read(row))
                except DomainError as exc:
                    bad += 1
                    if len(errors) < MAX_ERRORS_KEPT:
                        errors.append(f"line {row.line}: {exc}")
            if not bad:
                known.store(laps, counts)
        cells.ensure_no_errors(table.source, errors, total=bad)
        uow.commit()
    known_columns = LAP_COLUMNS + LAP_OPTIONAL + (LAP_DERIVED if exported else ())
    report = cells.report(ImportTable(table.source, columns, ()), known_columns, counts)
    return report, Changes(reloaded_events=frozenset({event.id}))


def _columns(table: LapRows) -> tuple[str, ...]:
    """The file's columns under their own names, once each, with a car and a time or speed."""
    header = ImportTable(table.source, table.columns, ()).ensure_columns(LAP_COLUMNS, LAP_ALIASES)
    if "time" not in header.columns and "speed" not in header.columns:
        raise ValidationError(
            f"{table.source} has neither a 'time' nor a 'speed' column; add one. "
            "Nothing was imported."
        )
    return header.columns


def _renamed(rows: Iterable[ImportRow]) -> Iterator[ImportRow]:
    for row in rows:
        cells_ = row.cells
        if any(key in LAP_ALIASES for key in cells_):
            cells_ = {LAP_ALIASES.get(k, k): v for k, v in cells_.items()}
        yield ImportRow(row.line, cells_)


def _batches(rows: Iterator[ImportRow], size: int) -> Iterator[list[ImportRow]]:
    batch: list[ImportRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _LapReader:
    """Reads one lap row against the event's sessions, entry list and track."""

    def __init__(
        self,
        event: Event,
        sessions: dict[str, Session],
        cars: dict[str, Entry],
        default: str | None,
        *,
        numbered: bool,
    ) -> None:
        self._event = event
        self._numbered = numbered  # the file's `lap` is NASCAR's lap number
        self._sessions = sessions
        self._cars = cars
        self._default = default
        self._first_logged_at = utc_now()
        self._count = 0

    def read(self, row: ImportRow) -> Lap:
        get = row.cells.get
        session = self._session((get("session") or "").strip() or self._default)
        car = (get("car") or "").strip()
        if car not in self._cars:  # an entered car's number was checked when it was entered
            car = cells.car(row)
            raise ValidationError(f"No. {car} is not on the entry list; import the entries first")
        if self._cars[car].withdrawn:  # as log_lap: a withdrawn car runs no laps
            raise ValidationError(
                f"No. {car} has withdrawn from this event; reinstate it on the Entry list first"
            )
        self._count += 1
        # Imported laps keep the file's order: logged_at orders a car's laps.
        at = self._first_logged_at + timedelta(microseconds=self._count)
        flag, note = get("flag"), get("note")
        return Lap(
            session_id=session.id,
            car_number=car,
            lap_ms=self._lap_ms(row),
            flag=_lap_flag(flag.strip()) if flag else None,
            note=note.strip() if note else "",
            logged_at=at,
            lap_number=self._lap_number(row),
        )

    def _lap_number(self, row: ImportRow) -> int | None:
        return cells.whole_number(row, "lap", LAP_NUMBER) if self._numbered else None

    def _session(self, name: str | None) -> Session:
        if not name:
            raise ValidationError("the 'session' cell is empty; fill it in or pass --session")
        session = self._sessions.get(name.strip().casefold())
        if session is None:
            known = ", ".join(s.name for s in self._sessions.values()) or "none yet"
            raise ValidationError(f"no session '{name}' in {self._event.key} (sessions: {known})")
        if session.cancelled:  # as log_lap: no laps are logged in a cancelled session
            raise ValidationError(
                f"{session.name} is marked cancelled; clear “cancelled” before adding laps to it"
            )
        return session

    def _lap_ms(self, row: ImportRow) -> int:
        time, speed = cells.text(row, "time"), cells.text(row, "speed")
        if time:
            return _parse_time(time)
        if not speed:
            raise ValidationError("both 'time' and 'speed' are empty; fill in one of them")
        if not speed.lower().endswith("mph"):
            speed += " mph"
        return parse_lap_time(speed, track_length_millimiles=self._event.track.length_millimiles)


# The typed lap's own parser, remembered: a session's laps repeat the same few thousand times.
_parse_time = lru_cache(maxsize=16_384)(parse_lap_time)


def _lap_flag(text: str) -> LapFlag | None:
    if not text:
        return None
    try:
        return LapFlag(text.lower())
    except ValueError:
        names = ", ".join(flag.value for flag in LapFlag)
        raise ValidationError(f"flag '{text}' is not one of {names}; or leave it empty") from None


class _StoredLaps:
    """What the store already holds, read once per session the file touches."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._unnumbered: dict[UUID, Counter[tuple[object, ...]]] = {}
        self._seen = Counter[tuple[object, ...]]()  # unnumbered laps read so far, by key

    def store(self, laps: list[Lap], counts: Counter[str]) -> None:
        """Write a batch's new laps; count the ones already stored (or updated)."""
        new = []
        numbered: dict[UUID, list[tuple[int, Lap]]] = {}
        for lap in laps:
            if lap.lap_number is not None:
                numbered.setdefault(lap.session_id, []).append((lap.lap_number, lap))
                continue
            key = lap_key(lap)
            self._seen[key] += 1
            stored = self._stored(lap.session_id)
            if stored[key] > 0:
                stored[key] -= 1
                counts["unchanged"] += 1
            else:
                new.append(replace(lap, id=repeated_lap_id(lap, self._seen[key])))
        for session_id, session_laps in numbered.items():
            new += self._numbered(session_id, session_laps, counts)
        added = self._uow.laps.add_many(new)
        counts["added"] += added
        counts["unchanged"] += len(new) - added  # stored meanwhile by another laptop

    def _stored(self, session_id: UUID) -> Counter[tuple[object, ...]]:
        if session_id not in self._unnumbered:
            self._unnumbered[session_id] = Counter(
                lap_key(lap)
                for lap in self._uow.laps.list_for_session(session_id)
                if lap.lap_number is None
            )
        return self._unnumbered[session_id]

    def _numbered(
        self, session_id: UUID, laps: list[tuple[int, Lap]], counts: Counter[str]
    ) -> list[Lap]:
        numbers = {number for number, _ in laps}
        stored: Mapping[tuple[str, int | None], Lap] = {
            (lap.car_number, lap.lap_number): lap
            for lap in self._uow.laps.matching(session_id, numbers, ())
            if lap.lap_number is not None
        }
        new = []
        for number, lap in laps:
            old = stored.get((lap.car_number, number))
            if old is None:
                new.append(replace(lap, id=numbered_lap_id(session_id, lap.car_number, number)))
                continue
            changed = replace(old, lap_ms=lap.lap_ms, flag=lap.flag, note=lap.note or old.note)
            if changed == old:
                counts["unchanged"] += 1
            else:
                self._uow.laps.update(changed)
                counts["updated"] += 1
        return new
