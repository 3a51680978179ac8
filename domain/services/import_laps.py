"""Importing lap times: every row checked against the event's sessions and entry list first.

Laps have no natural key, so a lap counts as already stored when the store holds as many laps
with the same session, car, time, flag and note as the file does; re-importing a file adds
nothing, and a file with one more lap adds just that lap. Two clients importing one file at
the same moment both see nothing stored, so each file lap also gets an id made from what it
is (its import id: session, car, time, flag, note and which repeat of those it is) and the
database stores an id once (LapRepository.add_new), whoever commits first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta
from uuid import UUID, uuid5

from domain.changes import Changes
from domain.errors import ValidationError
from domain.laptime import parse_lap_time
from domain.model import Entry, Event, Lap, LapFlag, Session, utc_now
from domain.ports import UnitOfWork
from domain.services import import_cells as cells
from domain.services.import_cells import ImportReport, ImportRow, ImportTable

LAP_COLUMNS = ("car",)
LAP_OPTIONAL = ("session", "time", "speed", "flag", "note")
LAP_ALIASES = {"lap_time": "time", "speed_mph": "speed", "mph": "speed", "comment": "note"}
# Namespace of imported laps' ids (uuid5): fixed forever, or a re-import would double laps.
_IMPORTED_LAP = UUID("5d0c3e64-7a2f-4d8e-9a51-3b7f2f4c1e90")
# Columns an exported laps.csv adds for people: derived from the others, so skipped on import
# (laps are numbered as they are stored; the driver follows the entry list).
LAP_DERIVED = ("lap", "driver", "time_text")


def import_laps(
    uow: UnitOfWork, event_key: str, table: ImportTable, *, session_name: str | None = None
) -> tuple[ImportReport, Changes]:
    """Add the file's laps; `session_name` fills rows without a session cell."""
    table = table.ensure_columns(LAP_COLUMNS, LAP_ALIASES)
    if "time" not in table.columns and "speed" not in table.columns:
        raise ValidationError(
            f"{table.source} has neither a 'time' nor a 'speed' column; add one. "
            "Nothing was imported."
        )
    counts = Counter[str]()
    with uow:
        event = uow.events.get_by_key(event_key)
        sessions = {s.name.casefold(): s for s in uow.sessions.list_for_event(event.id)}
        cars = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
        reader = _LapReader(event, sessions, cars, session_name)
        laps = _with_import_ids([lap for _, lap in cells.read_rows(table, reader.read)])
        counts["added"] = len(uow.laps.add_new(_laps_not_stored(uow, laps)))
        counts["unchanged"] = len(laps) - counts["added"]
        uow.commit()
    report = cells.report(table, LAP_COLUMNS + LAP_OPTIONAL + LAP_DERIVED, counts)
    return report, Changes(reloaded_events=frozenset({event.id}))


class _LapReader:
    """Reads one lap row against the event's sessions, entry list and track."""

    def __init__(
        self,
        event: Event,
        sessions: dict[str, Session],
        cars: dict[str, Entry],
        default: str | None,
    ) -> None:
        self._event = event
        self._sessions = sessions
        self._cars = cars
        self._default = default
        self._first_logged_at = utc_now()
        self._count = 0

    def read(self, row: ImportRow) -> Lap:
        session = self._session(cells.text(row, "session") or self._default)
        car = cells.car(row)
        if car not in self._cars:
            raise ValidationError(f"No. {car} is not on the entry list; import the entries first")
        if self._cars[car].withdrawn:  # as log_lap: a withdrawn car runs no laps
            raise ValidationError(
                f"No. {car} has withdrawn from this event; reinstate it on the Entry list first"
            )
        self._count += 1
        # Imported laps keep the file's order: logged_at orders a car's laps.
        at = self._first_logged_at + timedelta(microseconds=self._count)
        return Lap(
            session_id=session.id,
            car_number=car,
            lap_ms=self._lap_ms(row),
            flag=_lap_flag(cells.text(row, "flag")),
            note=cells.text(row, "note"),
            logged_at=at,
        )

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
            return parse_lap_time(time)
        if not speed:
            raise ValidationError("both 'time' and 'speed' are empty; fill in one of them")
        if not speed.lower().endswith("mph"):
            speed += " mph"
        return parse_lap_time(speed, track_length_millimiles=self._event.track.length_millimiles)


def _lap_flag(text: str) -> LapFlag | None:
    if not text:
        return None
    try:
        return LapFlag(text.lower())
    except ValueError:
        names = ", ".join(flag.value for flag in LapFlag)
        raise ValidationError(f"flag '{text}' is not one of {names}; or leave it empty") from None


def _laps_not_stored(uow: UnitOfWork, laps: list[Lap]) -> list[Lap]:
    """The laps beyond those already stored with the same session, car, time, flag and note."""
    stored = Counter[tuple[object, ...]]()
    for session_id in {lap.session_id for lap in laps}:
        stored.update(_lap_key(lap) for lap in uow.laps.list_for_session(session_id))
    new = []
    for lap in laps:
        key = _lap_key(lap)
        if stored[key] > 0:
            stored[key] -= 1
        else:
            new.append(lap)
    return new


def _with_import_ids(laps: list[Lap]) -> list[Lap]:
    """Each lap's id made from its key and which repeat of that key in the file it is."""
    seen = Counter[tuple[object, ...]]()
    named = []
    for lap in laps:
        key = _lap_key(lap)
        seen[key] += 1
        name = "|".join(str(part) for part in (*key, seen[key]))
        named.append(replace(lap, id=uuid5(_IMPORTED_LAP, name)))
    return named


def _lap_key(lap: Lap) -> tuple[object, ...]:
    return (lap.session_id, lap.car_number, lap.lap_ms, lap.flag, lap.note)
