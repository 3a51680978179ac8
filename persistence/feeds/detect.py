"""Which NASCAR file this is, from its shape alone (file names vary: `4973-lap-times.json`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.errors import ValidationError
from domain.feeds import FeedFile, FeedKind
from persistence.feeds import laps, older, other, points, schedule, weekend
from persistence.feeds.record import Record, records_of

_LIST_KINDS: tuple[tuple[frozenset[str], FeedKind], ...] = (
    (frozenset({"qualifying_round", "vehicle_number", "best_lap_time"}), FeedKind.LIVE_QUALIFYING),
    (frozenset({"points_earned_this_race"}), FeedKind.LIVE_POINTS),
    (frozenset({"finishing_position", "driver_fullname", "laps_completed"}), FeedKind.RACE_RESULTS),
    (
        frozenset({"run_id", "car_number", "best_lap_time", "finishing_position"}),
        FeedKind.QUALIFICATION,
    ),
    (frozenset({"vehicle_number", "driver_name", "owner_name"}), FeedKind.ENTRY_LIST),
    (frozenset({"race_season", "race_name", "track_name", "race_id"}), FeedKind.RACE_LIST),
    (frozenset({"event_name", "run_type", "race_id", "race_name"}), FeedKind.SCHEDULE),
    (frozenset({"driver_name", "points", "position"}), FeedKind.STANDINGS),
    (frozenset({"owner_name", "points"}), FeedKind.OWNER_STANDINGS),
    (frozenset({"manufacturer", "points", "position"}), FeedKind.MAKE_STANDINGS),
    (frozenset({"lap_number", "flag_state", "elapsed_time"}), FeedKind.FLAG_LOG),
    (frozenset({"pit_in_race_time", "vehicle_number"}), FeedKind.PIT_DATA),
    (frozenset({"drivers", "sch_laps"}), FeedKind.LOOP_DATA),
    (frozenset({"stage_number", "results"}), FeedKind.STAGE_POINTS),
    (frozenset({"Title", "Items"}), FeedKind.LAP_AVERAGES),
    (frozenset({"track_id", "track_name", "length"}), FeedKind.TRACKS),
)

_LIST_PARSERS: dict[FeedKind, Callable[[list[Record], str], FeedFile]] = {
    FeedKind.LIVE_QUALIFYING: older.parse_live_qualifying,
    FeedKind.LIVE_POINTS: points.parse_live_points,
    FeedKind.RACE_RESULTS: older.parse_race_results,
    FeedKind.QUALIFICATION: older.parse_qualification,
    FeedKind.ENTRY_LIST: older.parse_entry_list,
    FeedKind.RACE_LIST: schedule.parse_race_list,
    FeedKind.SCHEDULE: schedule.parse_schedule_feed,
    FeedKind.STANDINGS: points.parse_standings,
    FeedKind.FLAG_LOG: other.parse_flag_log,
    FeedKind.LAP_AVERAGES: other.parse_lap_averages,
}


def parse_feed(value: Any, source: str) -> FeedFile:
    """The file's values by its kind; a shape Trackside does not know is named by its keys."""
    if isinstance(value, dict):
        return _parse_object(Record(value, source, "the file"))
    if isinstance(value, list):
        return _parse_list(value, source)
    raise ValidationError(f"{source} is not a NASCAR file Trackside knows: it holds {value!r}.")


def _parse_object(top: Record) -> FeedFile:
    keys = set(top.value)
    if {"weekend_race", "weekend_runs"} & keys:
        return weekend.parse_weekend(top)
    if "vehicles" in keys and "run_name" in keys:
        snapshot = laps.parse_live_feed(top)
        if not snapshot.cars:
            raise ValidationError(
                f"{top.source} is an idle live feed: no cars are on it (NASCAR shows this "
                "between events). Nothing was imported; save it again during a session."
            )
        return snapshot
    if "laps" in keys and isinstance(top.value["laps"], list):
        return laps.parse_lap_times(top)
    if "laps" in keys and isinstance(top.value["laps"], dict):
        return other.unused(FeedKind.LAP_NOTES, top.source)
    if any(key.startswith("series_") for key in keys):
        rows = [
            row for key in sorted(keys) if key.startswith("series_") for row in top.records(key)
        ]
        return schedule.parse_race_list(rows, top.source)
    if "FlagStates" in keys:  # the flag log as one client wrapped it
        return other.parse_flag_log(list(top.records("FlagStates")), top.source)
    if any(key.endswith("-Lap-Average") for key in keys):
        return other.unused(FeedKind.LAP_AVERAGES, top.source)
    raise _unknown(top.source, keys)


def _parse_list(value: list[Any], source: str) -> FeedFile:
    if not value:
        raise ValidationError(f"{source} is an empty list: there is nothing in it to import.")
    rows = list(records_of(value, source))
    keys = set(rows[0].value)
    for needed, kind in _LIST_KINDS:
        if needed <= keys:
            parser = _LIST_PARSERS.get(kind)
            return parser(rows, source) if parser else other.unused(kind, source)
    raise _unknown(source, keys)


def _unknown(source: str, keys: set[str]) -> ValidationError:
    shown = ", ".join(sorted(keys)[:8]) + (", …" if len(keys) > 8 else "")
    return ValidationError(
        f"{source} is not a NASCAR file Trackside knows: it has keys {shown}. "
        "docs/FEEDS.md lists the files Trackside reads."
    )
