"""points-feed.json (season standings) and live-points.json: NASCAR's points for the cross-check."""

from __future__ import annotations

from domain.feeds import FeedKind, PointsFeed, ReportedPoints
from persistence.feeds.names import feed_driver
from persistence.feeds.record import MAX_WHOLE, Record


def parse_standings(rows: list[Record], source: str) -> PointsFeed:
    reported = tuple(
        ReportedPoints(
            car_number=_car(row, "car_no"),
            driver=feed_driver(row.text("driver_name"), row.whole("driver_id")),
            race_points=row.whole("points_earned", minimum=-MAX_WHOLE),
            season_points=row.whole("points", minimum=-MAX_WHOLE),
        )
        for row in rows
    )
    return PointsFeed(source=source, kind=FeedKind.STANDINGS, rows=reported)


def parse_live_points(rows: list[Record], source: str) -> PointsFeed:
    """`points_earned_this_race` per car; cars not in this race have car_number ""."""
    reported = tuple(
        ReportedPoints(
            car_number=_car(row, "car_number"),
            driver=feed_driver(
                f"{row.text('first_name')} {row.text('last_name')}", row.whole("driver_id")
            ),
            race_points=row.whole("points_earned_this_race", minimum=-MAX_WHOLE)
            if row.text("car_number")
            else None,
            season_points=row.whole("points", minimum=-MAX_WHOLE),
        )
        for row in rows
    )
    first = rows[0] if rows else None
    return PointsFeed(
        source=source,
        kind=FeedKind.LIVE_POINTS,
        rows=reported,
        series_id=(first.whole("series_id") or None) if first else None,
        race_id=(first.whole("race_id") or None) if first else None,
    )


def _car(row: Record, key: str) -> str:
    return row.car(key) if row.text(key) else ""
