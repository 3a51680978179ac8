"""A live-feed snapshot into its session: each car's last and best laps, by lap number.

A car's `last_lap_time` is its lap number `laps_completed`, so a newer snapshot of the same
session adds exactly the laps completed since, and one saved twice adds nothing. A snapshot
older than one already imported (its session clock is behind) is refused.
"""

from __future__ import annotations

from dataclasses import replace

from domain.errors import ValidationError
from domain.feeds import LiveSnapshot, describe_run
from domain.laptime import MAX_LAP_MS, MIN_LAP_MS
from domain.model import Event, Lap, Session, SessionKind
from domain.ports import UnitOfWork
from domain.services import feed_places as places
from domain.services.feed_store import Stored, feed_lap, put_laps

CAUTION_FLAGS = frozenset({2, 3})  # yellow, red (FEEDS §2.3)


def put_snapshot(
    uow: UnitOfWork, event: Event, snapshot: LiveSnapshot, done: Stored
) -> tuple[Session, bool]:
    """Inside an open unit of work: the snapshot's laps into the session it names."""
    series = places.series_of(snapshot.series_id, snapshot.source)
    if series != event.series:
        raise ValidationError(
            f"{snapshot.source} is a {series} live feed but {event.key} is a {event.series} "
            "event; pick the right event"
        )
    run = describe_run(snapshot.run_name, snapshot.kind)
    name = places.session_names([run])[0]
    session, created = places.session_named(uow, event, snapshot.kind, name)
    clock = session.feed_clock_ms
    if clock is not None and snapshot.elapsed_ms < clock:
        raise ValidationError(
            f"{snapshot.source} is older than the snapshot already imported into "
            f"{session.name} (session clock {snapshot.elapsed_ms // 1000} s, imported "
            f"{clock // 1000} s); nothing was imported"
        )
    entered = {e.car_number for e in uow.entries.list_for_event(event.id) if not e.withdrawn}
    missing = [car for car in snapshot.cars if car.car_number not in entered]
    if missing:
        car = missing[0]
        raise ValidationError(
            f"No. {car.car_number} ({car.driver.name}) is on the live feed but not on the "
            f"entry list of {event.key}; add it (or import the weekend feed) first"
        )
    laps = _snapshot_laps(snapshot, session, event, done)
    put_laps(uow, session, laps, done)
    if clock != snapshot.elapsed_ms:
        uow.sessions.update(replace(session, feed_clock_ms=snapshot.elapsed_ms))
    done.lines.append(
        f"{snapshot.run_name!r} → session {session.name}, lap {snapshot.lap_number}, "
        f"{len(snapshot.cars)} cars"
    )
    return session, created


def _snapshot_laps(
    snapshot: LiveSnapshot, session: Session, event: Event, done: Stored
) -> list[Lap]:
    race = snapshot.kind is SessionKind.RACE
    caution = snapshot.flag_state in CAUTION_FLAGS
    laps, skipped = [], 0
    for car in snapshot.cars:
        pairs = []
        if car.laps_completed and car.last_lap_ms:
            pairs.append((car.laps_completed, car.last_lap_ms, caution))
        if car.best_lap_number and car.best_lap_ms and car.best_lap_number != car.laps_completed:
            pairs.append((car.best_lap_number, car.best_lap_ms, False))
        for number, lap_ms, under_caution in pairs:
            if not race and not MIN_LAP_MS <= lap_ms <= MAX_LAP_MS:
                skipped += 1  # a practice "lap" of hours is a car parked in the garage
                continue
            laps.append(
                feed_lap(
                    session, event, car.car_number, lap_ms, number, caution=under_caution, race=race
                )
            )
    if skipped:
        done.lines.append(f"{skipped} laps outside 10 s to 30 min left out (cars in the garage)")
    return laps
