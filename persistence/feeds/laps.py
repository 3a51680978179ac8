"""lap-times.json and live-feed snapshots: every race lap, and each car's best and last laps."""

from __future__ import annotations

from domain.feeds import FeedCarLaps, LapTimesFeed, LiveCar, LiveSnapshot
from domain.model import SessionKind
from persistence.feeds.names import feed_driver
from persistence.feeds.record import Record

# Flags under which a lap is not a racing lap (FEEDS §2.3): 2 yellow, 3 red.
CAUTION_FLAGS = frozenset({2, 3})
# A race lap can run well over an hour under a red flag (6,390 s seen); 9999.999 s is NASCAR's
# "no time". Anything outside these bounds is not a lap (FEEDS.md, quirks of 2025 files).
MIN_RACE_LAP_MS = 10_000
MAX_RACE_LAP_MS = 4 * 3600 * 1000
NO_TIME_MS = 9_999_999
_RUN_KINDS = {1: SessionKind.PRACTICE, 2: SessionKind.QUALIFYING, 3: SessionKind.RACE}


def parse_lap_times(top: Record) -> LapTimesFeed:
    cars = []
    skipped = 0
    for car in top.records("laps"):
        laps = []
        for lap in car.records("Laps"):
            number = lap.whole("Lap")
            lap_ms = lap.seconds_ms("LapTime")
            if number is None or number == 0 or lap_ms is None:
                continue  # lap 0 is the grid: its RunningPos is the start, it has no time
            if lap_ms == NO_TIME_MS or not MIN_RACE_LAP_MS <= lap_ms <= MAX_RACE_LAP_MS:
                skipped += 1
                continue
            laps.append((number, lap_ms))
        cars.append(
            FeedCarLaps(
                car_number=car.car("Number"),
                driver=feed_driver(car.text("FullName"), car.whole("NASCARDriverID")),
                make=car.text("Manufacturer"),
                laps=tuple(laps),
            )
        )
    return LapTimesFeed(
        source=top.source,
        cars=tuple(cars),
        caution_laps=caution_laps(
            top.records("flags", required=False), "LapsCompleted", "FlagState"
        ),
        skipped_laps=skipped,
    )


def caution_laps(rows: object, lap_key: str, flag_key: str) -> frozenset[int]:
    """Laps completed under yellow or red; a flag row applies to the lap it names."""
    laps = set()
    for row in rows:  # type: ignore[attr-defined]
        lap, flag = row.whole(lap_key), row.whole(flag_key)
        if lap and flag in CAUTION_FLAGS:
            laps.add(lap)
    return frozenset(laps)


def parse_live_feed(top: Record) -> LiveSnapshot:
    run_type = top.whole("run_type")
    kind = _RUN_KINDS.get(run_type or 0) or _kind_from_name(top.text("run_name"))
    length = top.number("track_length")
    cars = tuple(_live_car(vehicle) for vehicle in top.records("vehicles"))
    series_id = top.whole("series_id")
    if series_id is None:
        raise top.fail("it has no series_id")
    return LiveSnapshot(
        source=top.source,
        series_id=series_id,
        race_id=top.whole("race_id"),
        run_name=top.text("run_name"),
        kind=kind,
        track_name=top.text("track_name"),
        track_length_millimiles=int(length * 1000) if length and length > 0 else None,
        lap_number=top.whole("lap_number", default=0) or 0,
        elapsed_ms=top.seconds_ms("elapsed_time") or 0,
        flag_state=top.whole("flag_state", default=0) or 0,
        cars=cars,
    )


def _kind_from_name(run_name: str) -> SessionKind:
    """2019 feeds have no run_type: "NXS Practice 1", "… Qualifying", else the race."""
    lowered = run_name.lower()
    if "practice" in lowered:
        return SessionKind.PRACTICE
    if "qualifying" in lowered:
        return SessionKind.QUALIFYING
    return SessionKind.RACE


def _live_car(vehicle: Record) -> LiveCar:
    person = Record(vehicle.value.get("driver"), vehicle.source, f"{vehicle.where}.driver")
    return LiveCar(
        car_number=vehicle.car("vehicle_number"),
        driver=feed_driver(person.text("full_name"), person.whole("driver_id")),
        make=vehicle.text("vehicle_manufacturer"),
        position=vehicle.whole("running_position") or None,
        laps_completed=vehicle.whole("laps_completed", default=0) or 0,
        last_lap_ms=vehicle.seconds_ms("last_lap_time"),
        best_lap_ms=vehicle.seconds_ms("best_lap_time"),
        best_lap_number=vehicle.whole("best_lap") or None,
    )
