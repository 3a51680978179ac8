"""Storing a feed's facts through the same checks as typing: entries, results, laps, points.

Each helper works inside the caller's open unit of work and returns what it added and changed,
so one file (or a batch of files) commits as a whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

from domain.bounds import LAP_NUMBER, LAPS, LAPS_LED, POINTS, POSITION
from domain.errors import DomainError, ValidationError
from domain.feeds import FeedEntry, FeedRaceResult, ReportedPoints
from domain.lap_ids import numbered_lap_id, repeated_lap_id
from domain.laptime import MAX_LAP_MS, MIN_LAP_MS, format_lap_time
from domain.model import (
    ChangeRecord,
    Driver,
    Entry,
    Event,
    Lap,
    LapFlag,
    NascarPoints,
    RaceResult,
    Session,
)
from domain.ports import UnitOfWork
from domain.services.common import find_or_add_driver_in, record_event_change
from domain.services.entries import ensure_driver_free


@dataclass
class Stored:
    """What a helper did: the values added and changed, and lines for the report."""

    entries_added: list[Entry] = field(default_factory=list)
    entries_changed: list[Entry] = field(default_factory=list)
    results_added: list[RaceResult] = field(default_factory=list)
    results_changed: list[RaceResult] = field(default_factory=list)
    laps_added: list[Lap] = field(default_factory=list)
    laps_changed: list[Lap] = field(default_factory=list)
    drivers_added: list[Driver] = field(default_factory=list)
    unchanged: int = 0
    lines: list[str] = field(default_factory=list)
    drivers: DriverBook | None = None  # shared by every file of the import

    def driver_book(self, uow: UnitOfWork) -> DriverBook:
        if self.drivers is None:
            self.drivers = DriverBook(uow, self.drivers_added)
        return self.drivers

    @property
    def added(self) -> int:
        return len(self.entries_added) + len(self.results_added) + len(self.laps_added)

    @property
    def updated(self) -> int:
        return len(self.entries_changed) + len(self.results_changed) + len(self.laps_changed)


def in_file(source: str, error: DomainError) -> ValidationError:
    """A store check's message with the file named, and the promise that nothing changed."""
    text = str(error).rstrip(". ")
    return ValidationError(f"{source}: {text}. Nothing was imported.")


class DriverBook:
    """Each name of an import resolved once, from one read of the stored drivers.

    The entry list and the results name the same people, and a season sheet names them in
    every race. A name with one stored driver and no disambiguator is that driver; anything
    else (two drivers of that name) goes through find_or_add_driver_in for its message.
    """

    def __init__(self, uow: UnitOfWork, added: list[Driver]) -> None:
        self._uow = uow
        self._added = added  # the drivers new to the store, for the change notice
        self._by_name: dict[str, Driver] = {}
        self._stored: dict[str, list[Driver]] | None = None

    def named(self, name: str) -> Driver:
        key = " ".join(name.split()).casefold()
        if key not in self._by_name:
            if self._stored is None:
                self._stored = {}
                for driver in self._uow.drivers.all():
                    self._stored.setdefault(driver.name.casefold(), []).append(driver)
            same = self._stored.get(key, [])
            if len(same) == 1 and not same[0].disambiguator:
                self._by_name[key] = same[0]
            else:
                driver, new = find_or_add_driver_in(self._uow, name)
                self._by_name[key] = driver
                self._added.extend(new.added)
        return self._by_name[key]

    def name_of(self, driver_id: UUID) -> str:
        for driver in self._by_name.values():
            if driver.id == driver_id:
                return driver.name
        return self._uow.drivers.get(driver_id).name


def put_entries(
    uow: UnitOfWork, event: Event, entries: Sequence[FeedEntry], source: str, done: Stored
) -> None:
    """Add the file's cars; a car already entered keeps its driver (a change is reported)."""
    stored = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
    cars = {e.car_number for e in entries}
    in_file_ids = {e.id for car, e in stored.items() if car in cars}
    # Drivers already on a car the file does not mention: only they can clash.
    busy = {e.driver_id for car, e in stored.items() if car not in cars and not e.withdrawn}
    busy |= {s.driver_id for s in uow.substitutions.list_for_event(event.id)}
    drivers = done.driver_book(uow)
    seen: dict[str, str] = {}
    cars_seen: set[str] = set()
    added: list[Entry] = []
    for feed in entries:
        try:
            earlier = seen.setdefault(feed.driver.name.casefold(), feed.car_number)
            if earlier != feed.car_number:
                raise ValidationError(
                    f"{feed.driver.name} is named on both No. {earlier} and No. {feed.car_number}"
                )
            if feed.car_number in cars_seen:
                raise ValidationError(f"No. {feed.car_number} is in the file twice")
            cars_seen.add(feed.car_number)
            old = stored.get(feed.car_number)
            if old is None:
                driver = drivers.named(feed.driver.name)
                if driver.id in busy:
                    ensure_driver_free(uow, event.id, driver.id, other_than=in_file_ids)
                added.append(_new_entry(event, feed, driver))
            else:
                _update_entry(uow, drivers, feed, old, source, done)
        except DomainError as exc:
            raise in_file(source, exc) from exc
    uow.entries.add_many(added)  # each car checked above against the file and the stored ones
    _record_added(uow, event, "entries", len(added), source)
    done.entries_added.extend(added)


def _new_entry(event: Event, feed: FeedEntry, driver: Driver) -> Entry:
    return Entry(
        event_id=event.id,
        car_number=feed.car_number,
        driver_id=driver.id,
        team=feed.team or feed.owner or "?",
        owner=feed.owner or feed.team or "?",
        make=feed.make or "?",
        points_eligible=not feed.driver.ineligible,
    )


def _update_entry(
    uow: UnitOfWork, drivers: DriverBook, feed: FeedEntry, old: Entry, source: str, done: Stored
) -> None:
    new = replace(
        old,
        team=feed.team or old.team,
        owner=feed.owner or old.owner,
        make=feed.make or old.make,
        # "(i)" in a file is news; its absence is not (2025 weekend feeds carry no markers).
        points_eligible=old.points_eligible and not feed.driver.ineligible,
    )
    entered = drivers.name_of(old.driver_id)
    if entered.casefold() != feed.driver.name.casefold():
        done.lines.append(
            f"No. {feed.car_number}: the file names {feed.driver.name}, the entry list "
            f"{entered}; left as entered (record a substitution if the driver changed)"
        )
    if new == old:
        done.unchanged += 1
        return
    uow.entries.update(new)
    record_event_change(uow, _subject, old, new, f"imported from {source}")
    done.entries_changed.append(new)


def _record_added(uow: UnitOfWork, event: Event, what: str, count: int, source: str) -> None:
    """One history line for a file's additions; a changed row gets its own line per field."""
    if count:
        uow.history.add(
            ChangeRecord(
                event_id=event.id,
                subject=f"{count} {what}",
                field_name="added",
                old_value="",
                new_value=f"{count} {what}",
                why=f"imported from {source}",
            )
        )


def put_results(
    uow: UnitOfWork, event: Event, results: Sequence[FeedRaceResult], source: str, done: Stored
) -> None:
    """Store each car's result; one already stored is updated when the file differs."""
    stored = {r.car_number: r for r in uow.results.list_for_event(event.id)}
    entered = {e.car_number for e in uow.entries.list_for_event(event.id)}
    drivers = done.driver_book(uow)
    cars = {feed.car_number for feed in results}
    if len(cars) < len(results):
        twice = sorted(
            {
                f.car_number
                for f in results
                if sum(r.car_number == f.car_number for r in results) > 1
            }
        )
        raise in_file(source, ValidationError(f"No. {twice[0]} has two results in the file"))
    # Places held by stored cars the file does not mention, then the file's own, car by car.
    places = {r.finish: car for car, r in stored.items() if car not in cars}
    added: list[RaceResult] = []
    changed: list[tuple[RaceResult, RaceResult]] = []
    for feed in results:
        try:
            holder = places.setdefault(feed.finish, feed.car_number)
            if holder != feed.car_number:
                raise ValidationError(
                    f"No. {holder} already finished P{feed.finish}; No. {feed.car_number} "
                    "cannot finish there too"
                )
            if feed.car_number not in entered:
                raise ValidationError(
                    f"No. {feed.car_number} ({feed.driver.name}) has a result but is not on the "
                    f"entry list of {event.key}; import the entry list first"
                )
            new = _result(event, feed, drivers.named(feed.driver.name))
            _ensure_bounded(new)
            old = stored.get(feed.car_number)
            if old is None:
                added.append(new)
                continue
            new = replace(
                new,
                id=old.id,
                official=old.official,
                fastest_lap=old.fastest_lap,
                reported_stage_points=old.reported_stage_points,
                reported_stage_wins=old.reported_stage_wins,
            )
            if new == old:
                done.unchanged += 1
                continue
            changed.append((old, new))
        except DomainError as exc:
            raise in_file(source, exc) from exc
    _update_results(uow, event, changed)
    for old, new in changed:
        record_event_change(uow, _subject, old, new, f"imported from {source}")
        done.results_changed.append(new)
    uow.results.add_many(added)  # car and place checked above
    _record_added(uow, event, "results", len(added), source)
    done.results_added.extend(added)


PARKED = 100_000  # a finish no race reaches: where a moved result waits for its new place


def _update_results(
    uow: UnitOfWork, event: Event, changed: list[tuple[RaceResult, RaceResult]]
) -> None:
    """Put the changed results in place; results that swap places (a newer official order,
    a disqualification) are first parked beyond the field so no two share a place meanwhile."""
    moved = [new for old, new in changed if new.finish != old.finish]
    for new in moved:
        uow.results.update(replace(new, finish=PARKED + new.finish))
    if moved:
        uow.results.list_for_event(event.id)  # read back: the store now holds the parked places
    for _, new in changed:
        uow.results.update(new)


def _result(event: Event, feed: FeedRaceResult, driver: Driver) -> RaceResult:
    return RaceResult(
        event_id=event.id,
        car_number=feed.car_number,
        driver_id=driver.id,
        finish=feed.finish,
        start=feed.start,
        status=feed.status,
        laps=feed.laps,
        laps_led=feed.laps_led,
        stage1=feed.stage1,
        stage2=feed.stage2,
    )


def _ensure_bounded(result: RaceResult) -> None:
    """A file's places and laps within domain/bounds.py's ranges, as a CSV's are. (A file may
    be an excerpt of the field, so a place is not checked against the cars entered.)"""
    car = f"No. {result.car_number}'s"
    POSITION.ensure(result.finish, f"{car} finish")
    if result.start is not None:
        POSITION.ensure(result.start, f"{car} start")
    LAPS.ensure(result.laps, f"{car} laps")
    LAPS_LED.ensure(result.laps_led, f"{car} laps led")


def _subject(value: Entry | RaceResult) -> str:
    return f"{'Entry' if isinstance(value, Entry) else 'Result'} No. {value.car_number}"


def feed_lap(
    session: Session,
    event: Event,
    car: str,
    lap_ms: int,
    lap_number: int | None,
    *,
    caution: bool = False,
    race: bool = False,
) -> Lap:
    """A feed lap: ordered by its number within the event's day, so re-imports keep the order.

    A race lap may run far past 30 minutes under a red flag (FEEDS.md); a practice or
    qualifying best must be a lap a car could run, as a typed one must.
    A lap number stays within domain/bounds.py's range, as a file's does.
    """
    if lap_number is not None:
        LAP_NUMBER.ensure(lap_number, f"No. {car}'s lap number")
    if not race and not MIN_LAP_MS <= lap_ms <= MAX_LAP_MS:
        raise ValidationError(
            f"No. {car}'s best lap {format_lap_time(lap_ms)} in {session.name} is not a lap a car "
            "could run (10 seconds to 30 minutes)"
        )
    start = datetime(
        event.start_date.year, event.start_date.month, event.start_date.day, tzinfo=UTC
    )
    lap = Lap(
        session_id=session.id,
        car_number=car,
        lap_ms=lap_ms,
        lap_number=lap_number,
        flag=LapFlag.CAUTION if caution else None,
        logged_at=start + timedelta(hours=session.order, milliseconds=lap_number or 0),
    )
    # An id made from what the lap is: two laptops importing one file store it once.
    if lap_number is None:
        return replace(lap, id=repeated_lap_id(lap, 1))
    return replace(lap, id=numbered_lap_id(session.id, car, lap_number))


def put_laps(uow: UnitOfWork, session: Session, laps: list[Lap], done: Stored) -> None:
    """Add laps by (car, lap number): a stored lap with that number is updated, never doubled.

    A lap without a number (a best lap whose number the file does not give) counts as stored
    when the car already has a lap of that time in the session. The user's own flags (out, in,
    invalid) and notes on a stored lap are kept.
    """
    laps = list(laps)
    numbers = {lap.lap_number for lap in laps if lap.lap_number is not None}
    times = {lap.lap_ms for lap in laps if lap.lap_number is None}
    stored = uow.laps.matching(session.id, numbers, times)
    numbered = {(lap.car_number, lap.lap_number): lap for lap in stored if lap.lap_number}
    timed = {(lap.car_number, lap.lap_ms) for lap in stored}
    new = []
    for lap in laps:
        if lap.lap_number is None:
            if (lap.car_number, lap.lap_ms) in timed:
                done.unchanged += 1
            else:
                timed.add((lap.car_number, lap.lap_ms))
                new.append(lap)
            continue
        old = numbered.get((lap.car_number, lap.lap_number))
        if old is None:
            numbered[(lap.car_number, lap.lap_number)] = lap
            new.append(lap)
            continue
        flag = lap.flag or (old.flag if old.flag is not LapFlag.CAUTION else None)
        changed = replace(old, lap_ms=lap.lap_ms, flag=flag)
        if changed == old:
            done.unchanged += 1
        else:
            uow.laps.update(changed)
            done.laps_changed.append(changed)
    uow.laps.add_many(new)
    done.laps_added.extend(new)


def put_points(
    uow: UnitOfWork, event: Event, rows: Iterable[ReportedPoints], source: str, done: Stored
) -> int:
    """Keep NASCAR's points beside the results (never used to score); how many rows changed."""
    stored = {p.driver_name.casefold(): p for p in uow.nascar_points.list_for_event(event.id)}
    changed = 0
    for row in rows:
        for points in (row.race_points, row.season_points):
            if points is not None:  # negative after a penalty; bounded either way
                POINTS.ensure(abs(points), f"{row.driver.name}'s points in {source}")
        old = stored.get(row.driver.name.casefold())
        base = old or NascarPoints(event_id=event.id, driver_name=row.driver.name)
        new = replace(
            base,
            car_number=row.car_number or base.car_number,
            race_points=row.race_points if row.race_points is not None else base.race_points,
            season_points=row.season_points
            if row.season_points is not None
            else base.season_points,
            source=source,
        )
        if old is None:
            uow.nascar_points.add(new)
            stored[row.driver.name.casefold()] = new
        elif (new.car_number, new.race_points, new.season_points) != (
            old.car_number,
            old.race_points,
            old.season_points,
        ):
            uow.nascar_points.update(new)
        else:
            continue
        changed += 1
    if changed:
        done.lines.append(f"NASCAR's points kept for {changed} drivers (python main.py verify)")
    return changed
