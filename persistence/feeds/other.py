"""The kinds that add little: lap averages (practice bests), flag logs (caution laps), the rest."""

from __future__ import annotations

from domain.feeds import FeedKind, FeedRunResult, FlagLog, LapAverages, UnusedFeed
from persistence.feeds.laps import caution_laps
from persistence.feeds.names import feed_driver
from persistence.feeds.record import Record
from persistence.feeds.weekend import run_shape

# 999 in a best-N-laps column means "not enough laps" (FEEDS §2.9).
NOT_ENOUGH_LAPS = 999

WHY_UNUSED = {
    FeedKind.PIT_DATA: "pit stops are not kept by Trackside",
    FeedKind.LOOP_DATA: "loop statistics are not kept by Trackside",
    FeedKind.LAP_NOTES: "commentary is not kept by Trackside",
    FeedKind.STAGE_POINTS: "stage positions come from the weekend feed's stage results",
    FeedKind.TRACKS: "tracks are created with their events",
    FeedKind.OWNER_STANDINGS: "owner points are computed from the results",
    FeedKind.MAKE_STANDINGS: "manufacturer points are not kept by Trackside",
    FeedKind.LAP_AVERAGES: "2019 lap averages carry speeds over laps, not a best lap",
}


def unused(kind: FeedKind, source: str) -> UnusedFeed:
    return UnusedFeed(source=source, kind=kind, reason=WHY_UNUSED[kind])


def parse_lap_averages(sessions: list[Record], source: str) -> LapAverages:
    """The first session's best lap per car, as that practice's best laps."""
    session = sessions[0]
    results = []
    for item in session.records("Items"):
        best = item.seconds_ms("BestLapTime")
        results.append(
            FeedRunResult(
                car_number=item.car("Number"),
                driver=feed_driver(item.text("FullName"), item.whole("NASCARDriverID")),
                position=item.whole("BestLapRank") or None,
                best_lap_ms=None if best == NOT_ENOUGH_LAPS * 1000 else best,
                best_lap_number=None,
                make=item.text("Manufacturer"),
            )
        )
    run = run_shape(session.text("Title") or "Practice", 1, tuple(results))
    return LapAverages(source=source, run=run)


def parse_flag_log(rows: list[Record], source: str) -> FlagLog:
    return FlagLog(source=source, caution_laps=caution_laps(rows, "lap_number", "flag_state"))
