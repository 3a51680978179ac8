"""race_list_basic.json and schedule-feed.json: a season's races, to create its events."""

from __future__ import annotations

from domain.errors import ValidationError
from domain.feeds import ScheduledRace, ScheduleFeed
from persistence.feeds.record import Record
from persistence.feeds.weekend import feed_date, feed_event

RACE_RUN_TYPE = 3


def parse_race_list(races: list[Record], source: str) -> ScheduleFeed:
    """Every series' rows (`series_1` … or one series' array) as scheduled races."""
    scheduled = []
    for row in races:
        event = feed_event(row)
        if event.race_date is None:
            raise row.fail("it has no race_date or date_scheduled")
        scheduled.append(
            ScheduledRace(
                series_id=event.series_id,
                season=event.season,
                name=event.name,
                track_name=event.track_name,
                race_id=event.race_id,
                race_date=event.race_date,
                track_length_millimiles=event.track_length_millimiles,
                points_race=event.points_race,
                stage_laps=event.stage_laps,
            )
        )
    return ScheduleFeed(source=source, races=tuple(scheduled))


def parse_schedule_feed(rows: list[Record], source: str) -> ScheduleFeed:
    """One row per session: the race rows (run_type 3) are the events."""
    races = []
    for row in rows:
        if row.whole("run_type") != RACE_RUN_TYPE:
            continue
        when = feed_date(row, "start_time") or feed_date(row, "start_time_utc")
        series_id = row.whole("series_id")
        if when is None or series_id is None:
            raise row.fail("a race row needs series_id and start_time")
        races.append(
            ScheduledRace(
                series_id=series_id,
                season=when.year,
                name=row.text("race_name"),
                track_name=row.text("track_name"),
                race_id=row.whole("race_id"),
                race_date=when,
            )
        )
    if not races and rows:
        raise ValidationError(
            f"{source} lists sessions but no race (run_type 3): nothing to import."
        )
    return ScheduleFeed(source=source, races=tuple(races))
