"""An in-memory UnitOfWork with the database's uniqueness rules, for fast use-case tests."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Self
from uuid import UUID, uuid4

from domain.errors import DuplicateError, NotFoundError
from domain.model import RACE, Event
from domain.team import ChangeAction, LoggedChange


@dataclass
class FakeStore:
    """What a database file would hold: one dict of values per table, keyed by id."""

    tables: dict[str, dict[UUID, Any]] = field(default_factory=dict)
    commits: int = 0
    # The change log as the server keeps it: (origin, change) in commit order.
    log: list[tuple[UUID, LoggedChange]] = field(default_factory=list)

    def table(self, name: str) -> dict[UUID, Any]:
        return self.tables.setdefault(name, {})


class _Repository:
    """Add, get, update and delete by id; subclasses add the queries and unique keys."""

    noun = "record"

    def __init__(self, uow: FakeUnitOfWork, name: str) -> None:
        self._uow = uow
        self._name = name

    @property
    def _rows(self) -> dict[UUID, Any]:
        return self._uow.tables.setdefault(self._name, {})

    def unique_keys(self, value: Any) -> list[tuple[object, str]]:
        """(key, message) pairs that must not be shared with another stored value."""
        return []

    @property
    def _index(self) -> dict[object, UUID]:
        """Unique key -> id of the value holding it, built once per unit of work."""
        indexes = self._uow.indexes
        if self._name not in indexes:
            indexes[self._name] = {
                key: v.id for v in self._rows.values() for key, _ in self.unique_keys(v)
            }
        return indexes[self._name]

    def _claim(self, value: Any) -> None:
        keys = self.unique_keys(value)
        for key, message in keys:
            if self._index.get(key, value.id) != value.id:
                raise DuplicateError(message)
        self._release(value.id)
        self._index.update((key, value.id) for key, _ in keys)

    def _release(self, value_id: UUID) -> None:
        if value_id in self._rows:
            for key, _ in self.unique_keys(self._rows[value_id]):
                self._index.pop(key, None)

    def add_many(self, values: Any) -> None:
        for value in values:
            self.add(value)

    def add(self, value: Any) -> None:
        if value.id in self._rows:
            raise DuplicateError(f"This {self.noun} is already stored.")
        self._claim(value)
        self._rows[value.id] = value

    def update(self, value: Any) -> None:
        stored = self.get(value.id)
        self._claim(value)
        self._rows[value.id] = replace(value, version=stored.version + 1)

    def get(self, value_id: UUID) -> Any:
        try:
            return self._rows[value_id]
        except KeyError:
            raise NotFoundError(f"That {self.noun} no longer exists.") from None

    def delete(self, value_id: UUID) -> None:
        self.get(value_id)
        self._release(value_id)
        del self._rows[value_id]

    def all(self) -> list[Any]:
        return list(self._rows.values())

    def _where(self, **equal: object) -> list[Any]:
        return [v for v in self._rows.values() if all(getattr(v, k) == x for k, x in equal.items())]

    def _in_season(self, series: str, season: int) -> list[Any]:
        events = {e.id for e in self._uow.events.list_for_season(series, season)}
        return [v for v in self._rows.values() if v.event_id in events]


class FakeSeasonRepository(_Repository):
    noun = "season"

    def unique_keys(self, value: Any) -> list[tuple[object, str]]:
        message = f"The {value.series} {value.season} season already exists."
        return [((value.series, value.season), message)]

    def find(self, series: str, season: int) -> Any | None:
        found = self._where(series=series, season=season)
        return found[0] if found else None

    def all(self) -> list[Any]:
        return sorted(self._rows.values(), key=lambda s: (s.series, s.season))


class FakeTrackRepository(_Repository):
    noun = "track"

    def find_by_name(self, name: str) -> Any | None:
        wanted = name.strip().casefold()
        return next((t for t in self._rows.values() if t.name.casefold() == wanted), None)

    def is_used(self, track_id: UUID) -> bool:
        return any(e.track.id == track_id for e in self._uow.events.all())

    def all(self) -> list[Any]:
        return sorted(self._rows.values(), key=lambda t: t.name)


class FakeEventRepository(_Repository):
    noun = "event"

    def unique_keys(self, value: Event) -> list[tuple[object, str]]:
        return [(value.key, f"An event with the key {value.key} already exists.")]

    def _with_track(self, event: Event) -> Event:
        """As the database's join: the event carries its track as stored now."""
        track = self._uow.tables.get("tracks", {}).get(event.track.id)
        return replace(event, track=track) if track is not None else event

    def get(self, value_id: UUID) -> Event:
        return self._with_track(super().get(value_id))

    def get_by_key(self, key: str) -> Event:
        for event in self._rows.values():
            if event.key == key:
                return self._with_track(event)
        raise NotFoundError(f"There is no event with the key “{key}”.")

    def all(self) -> list[Event]:
        events = sorted(self._rows.values(), key=lambda e: (e.series, e.season, e.round_no))
        return [self._with_track(e) for e in events]

    def list_for_season(self, series: str, season: int) -> list[Event]:
        return [e for e in self.all() if e.series == series and e.season == season]

    def delete(self, value_id: UUID) -> None:
        """As the database's ON DELETE CASCADE: the event's rows go with it."""
        uow = self._uow
        for session in uow.sessions.list_for_event(value_id):
            uow.sessions.delete(session.id)
        for entry in uow.entries.list_for_event(value_id):
            for sub in uow.substitutions.list_for_event(value_id):
                if sub.entry_id == entry.id:
                    uow.substitutions.delete(sub.id)
            uow.entries.delete(entry.id)
        for repository in (uow.results, uow.penalties):
            for fact in repository.list_for_event(value_id):
                repository.delete(fact.id)
        for record in uow.history.newest_first(value_id):
            uow.history.delete(record.id)
        super().delete(value_id)


class FakeSessionRepository(_Repository):
    noun = "session"

    def list_for_event(self, event_id: UUID) -> list[Any]:
        return sorted(self._where(event_id=event_id), key=lambda s: s.order)

    def delete(self, value_id: UUID) -> None:
        """As the database's ON DELETE CASCADE: the session's laps go with it."""
        for lap in self._uow.laps.list_for_session(value_id):
            self._uow.laps.delete(lap.id)
        super().delete(value_id)


class FakeDriverRepository(_Repository):
    noun = "driver"

    def find_by_name(self, name: str) -> list[Any]:
        wanted = name.strip().casefold()
        return [d for d in self._rows.values() if d.name.casefold() == wanted]

    def list_for_event(self, event_id: UUID) -> list[Any]:
        return self._named({event_id}, set())

    def list_for_season(self, series: str, season: int) -> list[Any]:
        events = {e.id for e in self._uow.events.list_for_season(series, season)}
        waivers = {w.driver_id for w in self._uow.waivers.list_for_season(series, season)}
        return self._named(events, waivers)

    def _named(self, events: set[UUID], more: set[UUID]) -> list[Any]:
        """The drivers the events' entries, substitutions, results and penalties name."""
        uow = self._uow
        entries = [e for e in uow.entries.all() if e.event_id in events]
        cars = {e.id for e in entries}
        subs = [s for s in uow.substitutions.all() if s.entry_id in cars]
        named = more | {e.driver_id for e in entries}
        named |= {s.driver_id for s in subs} | {s.replaced_driver_id for s in subs}
        named |= {r.driver_id for r in uow.results.all() if r.event_id in events}
        named |= {p.driver_id for p in uow.penalties.all() if p.event_id in events}
        found = [d for d in self._rows.values() if d.id in named]
        return sorted(found, key=lambda d: (d.name, d.id))


class FakeEntryRepository(_Repository):
    noun = "entry"

    def unique_keys(self, value: Any) -> list[tuple[object, str]]:
        message = f"No. {value.car_number} is already on the entry list of this event."
        return [((value.event_id, value.car_number), message)]

    def list_for_event(self, event_id: UUID) -> list[Any]:
        return self._where(event_id=event_id)

    def find_for_car(self, event_id: UUID, car_number: str) -> Any | None:
        found = self._where(event_id=event_id, car_number=car_number)
        return found[0] if found else None

    def list_for_season(self, series: str, season: int) -> list[Any]:
        return self._in_season(series, season)


class FakeSubstitutionRepository(_Repository):
    noun = "substitution"

    def list_for_event(self, event_id: UUID) -> list[Any]:
        entries = {e.id for e in self._uow.entries.list_for_event(event_id)}
        return [s for s in self._rows.values() if s.entry_id in entries]


class FakeLapRepository(_Repository):
    noun = "lap"

    def list_for_session(self, session_id: UUID) -> list[Any]:
        return sorted(self._where(session_id=session_id), key=lambda lap: lap.logged_at)

    def unique_keys(self, value: Any) -> list[tuple[object, str]]:
        if value.lap_number is None:
            return []
        key = (value.session_id, value.car_number, value.lap_number)
        return [(key, f"No. {value.car_number} already has lap {value.lap_number}.")]

    def matching(self, session_id: UUID, lap_numbers: Any, lap_times: Any) -> list[Any]:
        return [
            lap
            for lap in self.list_for_session(session_id)
            if lap.lap_number in lap_numbers or lap.lap_ms in lap_times
        ]

    def add_many(self, laps: Any) -> int:
        return len(self.add_new(list(laps)))

    def list_for_event(self, event_id: UUID) -> list[Any]:
        sessions = {s.id for s in self._uow.sessions.list_for_event(event_id)}
        laps = [lap for lap in self._rows.values() if lap.session_id in sessions]
        return sorted(laps, key=lambda lap: lap.logged_at)

    def add_new(self, laps: list[Any]) -> list[Any]:
        """As the database's ON CONFLICT DO NOTHING: a lap whose id or (session, car, lap
        number) is stored is skipped."""
        new = []
        for lap in laps:
            if lap.id not in self._rows and not any(
                key in self._index for key, _ in self.unique_keys(lap)
            ):
                self.add(lap)
                new.append(lap)
        return new


class FakeResultRepository(_Repository):
    noun = "result"

    def unique_keys(self, value: Any) -> list[tuple[object, str]]:
        race = (value.event_id, value.session_name)
        return [
            (("car", *race, value.car_number), f"No. {value.car_number} has a result."),
            (("finish", *race, value.finish), f"P{value.finish} is already taken."),
        ]

    def list_for_event(self, event_id: UUID, session_name: str = RACE) -> list[Any]:
        results = self._where(event_id=event_id, session_name=session_name)
        return sorted(results, key=lambda r: r.finish)

    def list_for_season(self, series: str, season: int) -> list[Any]:
        return self._in_season(series, season)


class FakePenaltyRepository(_Repository):
    noun = "penalty"

    def list_for_event(self, event_id: UUID) -> list[Any]:
        return self._where(event_id=event_id)

    def list_for_season(self, series: str, season: int) -> list[Any]:
        return self._in_season(series, season)


class FakeWaiverRepository(_Repository):
    noun = "waiver"

    def list_for_season(self, series: str, season: int) -> list[Any]:
        return self._where(series=series, season=season)


class FakeHistoryRepository(_Repository):
    noun = "change record"

    def newest_first(self, event_id: UUID | None = None) -> list[Any]:
        records = [r for r in self._rows.values() if event_id is None or r.event_id == event_id]
        return sorted(records, key=lambda r: r.at, reverse=True)


class FakeNascarPointsRepository(_Repository):
    noun = "NASCAR points row"

    def unique_keys(self, value: Any) -> list[tuple[object, str]]:
        return [((value.event_id, value.driver_name), f"{value.driver_name} is already there.")]

    def list_for_event(self, event_id: UUID) -> list[Any]:
        return sorted(self._where(event_id=event_id), key=lambda p: p.driver_name)

    def update(self, value: Any) -> None:
        """NASCAR's numbers carry no version (the SQL repository's update says why)."""
        self.get(value.id)
        self._claim(value)
        self._rows[value.id] = value


class FakeChangeLogRepository:
    """The store's log; the entries this client (`origin`) wrote are marked `mine`."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    def since(self, position: int) -> list[LoggedChange]:
        log = self._uow.store.log
        return [replace(c, mine=origin == self._uow.origin) for origin, c in log[position:]]

    def last_position(self) -> int:
        return len(self._uow.store.log)


# The tables the change log reports, by their Changes field names.
_LOGGED = ("tracks", "events", "sessions", "drivers", "entries", "substitutions", "laps",
           "results", "penalties", "waivers")  # fmt: skip


class FakeUnitOfWork:
    """Works on a copy of the store; `commit()` publishes it, leaving without commit drops it."""

    def __init__(self, store: FakeStore | None = None, origin: UUID | None = None) -> None:
        self.store = store if store is not None else FakeStore()
        self.origin = origin or uuid4()
        self.tables: dict[str, dict[UUID, Any]] = {}
        self.indexes: dict[str, dict[object, UUID]] = {}
        self.committed = False

    def __enter__(self) -> Self:
        self.rollback()
        self.seasons = FakeSeasonRepository(self, "seasons")
        self.tracks = FakeTrackRepository(self, "tracks")
        self.events = FakeEventRepository(self, "events")
        self.sessions = FakeSessionRepository(self, "sessions")
        self.drivers = FakeDriverRepository(self, "drivers")
        self.entries = FakeEntryRepository(self, "entries")
        self.substitutions = FakeSubstitutionRepository(self, "substitutions")
        self.laps = FakeLapRepository(self, "laps")
        self.results = FakeResultRepository(self, "results")
        self.penalties = FakePenaltyRepository(self, "penalties")
        self.waivers = FakeWaiverRepository(self, "waivers")
        self.history = FakeHistoryRepository(self, "history")
        self.nascar_points = FakeNascarPointsRepository(self, "nascar_points")
        self.change_log = FakeChangeLogRepository(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self._log_changes()
        self.store.tables = {name: dict(rows) for name, rows in self.tables.items()}
        self.store.commits += 1
        self.committed = True

    def rollback(self) -> None:
        self.tables = {name: dict(rows) for name, rows in self.store.tables.items()}
        self.indexes = {}

    def _log_changes(self) -> None:
        for kind in _LOGGED:
            before, after = self.store.tables.get(kind, {}), self.tables.get(kind, {})
            for record_id in before.keys() | after.keys():
                old, new = before.get(record_id), after.get(record_id)
                if new is None:
                    self._log(kind, old, ChangeAction.REMOVED)
                elif old is None:
                    self._log(kind, new, ChangeAction.ADDED)
                elif new.version != old.version or new != old:
                    self._log(kind, new, ChangeAction.CHANGED)

    def _log(self, kind: str, value: Any, action: ChangeAction) -> None:
        event_id = getattr(value, "event_id", None)
        parent = {"laps": ("sessions", "session_id"), "substitutions": ("entries", "entry_id")}
        if kind in parent:  # the event of a lap or substitution, through its session or entry
            table, key = parent[kind]
            owner = self.tables.get(table, {}).get(getattr(value, key))
            event_id = owner.event_id if owner is not None else None
        removed = value if action is ChangeAction.REMOVED else None
        change = LoggedChange(len(self.store.log) + 1, kind, value.id, event_id, action, removed)
        self.store.log.append((self.origin, change))


def fake_uow_factory(store: FakeStore | None = None):
    """A factory like Storage.uow_factory: every call is a fresh unit of work on one store,
    committing as one client (one origin in the change log)."""
    shared = store if store is not None else FakeStore()
    origin = uuid4()
    return lambda: FakeUnitOfWork(shared, origin)
