"""NASCAR's own files as plain values: persistence/feeds/ reads them, the feed use cases store them.

Every number here is already checked (car numbers are text, lap times integer milliseconds,
`None` where the file says "no time"); names are stripped of NASCAR's decorations, which are
kept as flags on `FeedDriver` (FEEDS.md §2.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from domain.errors import DomainError
from domain.model import SessionKind


class FeedSourceError(DomainError):
    """A followed feed could not be fetched (offline, 403, a missing file); following goes on."""


class FeedKind(StrEnum):
    """What a file is, as the import report names it."""

    WEEKEND = "weekend feed"
    LIVE = "live feed snapshot"
    LAP_TIMES = "lap times"
    LIVE_QUALIFYING = "live qualifying (2019)"
    QUALIFICATION = "qualifying results (2019)"
    ENTRY_LIST = "entry list (2019)"
    RACE_RESULTS = "race results (2019)"
    RACE_LIST = "race list"
    SCHEDULE = "schedule feed"
    STANDINGS = "points standings"
    LIVE_POINTS = "live points"
    LAP_AVERAGES = "lap averages"
    FLAG_LOG = "flag log"
    PIT_DATA = "pit data"
    LOOP_DATA = "loop data"
    LAP_NOTES = "lap notes"
    STAGE_POINTS = "stage points"
    TRACKS = "tracks"
    OWNER_STANDINGS = "owner standings"
    MAKE_STANDINGS = "manufacturer standings"


# NASCAR's series ids (FEEDS.md §1): 999 and 9999 are ARCA, K&N and the Modifieds.
SERIES_BY_ID = {1: "cup", 2: "xfinity", 3: "truck"}


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedDriver:
    """A driver as a file names them, decorations taken off and kept as flags."""

    name: str
    nascar_id: int | None = None
    rookie: bool = False  # "#"
    ineligible: bool = False  # "(i)": scores no driver points in this series
    playoff: bool = False  # "(P)" or "(C)"
    open_marker: bool = False  # a leading "* ": a hint of an open car, never proof (FEEDS §2.1)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    car_number: str
    driver: FeedDriver
    team: str = ""
    owner: str = ""
    make: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedRunResult:
    """One car's line in a practice or qualifying run: its rank and best lap."""

    car_number: str
    driver: FeedDriver
    position: int | None
    best_lap_ms: int | None  # None: no time (the file's 0)
    best_lap_number: int | None
    laps: int = 0
    make: str = ""
    comment: str = ""  # "OP": in on owner points (2019 live qualifying)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedRun:
    """A practice or qualifying run as NASCAR names it, and its results."""

    run_name: str
    kind: SessionKind
    results: tuple[FeedRunResult, ...]
    round_no: int | None = None
    group: str | None = None
    final: bool = False

    @property
    def cancelled(self) -> bool:
        """Cancelled qualifying keeps its rows in grid order with every time 0 (FEEDS §2.6)."""
        return bool(self.results) and all(r.best_lap_ms is None for r in self.results)


_ROUND = re.compile(r"round\s*(\d+)", re.IGNORECASE)
_GROUP = re.compile(r"group\s*([A-Z])\b", re.IGNORECASE)
_FINAL = re.compile(r"\bfinal\b", re.IGNORECASE)
_PRACTICE_NO = re.compile(r"practice\s*(\d+)", re.IGNORECASE)


def describe_run(name: str, kind: SessionKind, results: tuple[FeedRunResult, ...] = ()) -> FeedRun:
    """The round, group and final a run's name states ("… Round 1 Group A", "NXS Practice 2").

    pynascar reads rounds with the same `round\\s*(\\d+)` (FEEDS.md §2.6).
    """
    number = _ROUND.search(name) or (
        _PRACTICE_NO.search(name) if kind is SessionKind.PRACTICE else None
    )
    group = _GROUP.search(name) if kind is SessionKind.QUALIFYING else None
    return FeedRun(
        run_name=name,
        kind=kind,
        results=results,
        round_no=int(number.group(1)) if number else None,
        group=group.group(1).upper() if group else None,
        final=bool(_FINAL.search(name)) and kind is SessionKind.QUALIFYING,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedRaceResult:
    car_number: str
    driver: FeedDriver
    finish: int
    start: int | None
    laps: int
    laps_led: int
    status: str
    stage1: int | None = None  # position in stage 1's top ten
    stage2: int | None = None
    points_earned: int | None = None  # NASCAR's own points for the race (the cross-check)
    team: str = ""
    owner: str = ""
    make: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEvent:
    """A race weekend as a feed describes it: enough to find or create the event."""

    series_id: int
    season: int
    name: str
    track_name: str
    race_id: int | None = None
    race_date: date | None = None
    track_length_millimiles: int | None = None
    points_race: bool = True  # race_type_id 1; 2 is an exhibition
    stage_laps: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekendFeed:
    """weekend-feed.json (and the 2019 files that carry one part of it)."""

    source: str
    kind: FeedKind
    event: FeedEvent | None = None  # None: the file does not say which race (2019 files)
    entries: tuple[FeedEntry, ...] = ()
    runs: tuple[FeedRun, ...] = ()
    results: tuple[FeedRaceResult, ...] = ()
    series_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedCarLaps:
    car_number: str
    driver: FeedDriver
    make: str
    laps: tuple[tuple[int, int], ...]  # (lap number, lap ms), timed laps only


@dataclass(frozen=True, slots=True, kw_only=True)
class LapTimesFeed:
    """lap-times.json: every car's every race lap, and the laps run under caution."""

    source: str
    cars: tuple[FeedCarLaps, ...]
    caution_laps: frozenset[int] = frozenset()
    skipped_laps: int = 0  # "no time" sentinels and impossible values, reported


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveCar:
    car_number: str
    driver: FeedDriver
    make: str
    position: int | None
    laps_completed: int
    last_lap_ms: int | None
    best_lap_ms: int | None
    best_lap_number: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveSnapshot:
    """One live-feed.json: the session's clock and each car's best and last laps."""

    source: str
    series_id: int
    race_id: int | None
    run_name: str
    kind: SessionKind
    track_name: str
    track_length_millimiles: int | None
    lap_number: int
    elapsed_ms: int
    flag_state: int
    cars: tuple[LiveCar, ...]

    @property
    def caution(self) -> bool:
        return self.flag_state == 2


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduledRace:
    """One race of a season's schedule (race_list_basic.json or schedule-feed.json)."""

    series_id: int
    season: int
    name: str
    track_name: str
    race_id: int | None
    race_date: date
    track_length_millimiles: int | None = None
    points_race: bool = True
    stage_laps: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleFeed:
    source: str
    races: tuple[ScheduledRace, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedPoints:
    """NASCAR's points for one car in one race, or one driver's season total."""

    car_number: str  # "" where the file names none
    driver: FeedDriver
    race_points: int | None = None  # points earned in the race the file is about
    season_points: int | None = None  # the standings total


@dataclass(frozen=True, slots=True, kw_only=True)
class PointsFeed:
    """points-feed.json (season standings) or live-points.json (a race's running points)."""

    source: str
    kind: FeedKind
    rows: tuple[ReportedPoints, ...]
    series_id: int | None = None
    race_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagLog:
    """live-flag-data.json: which laps ran under caution (green 1, yellow 2)."""

    source: str
    caution_laps: frozenset[int]


@dataclass(frozen=True, slots=True, kw_only=True)
class UnusedFeed:
    """A NASCAR file Trackside recognises but takes nothing from; the report says why."""

    source: str
    kind: FeedKind
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LapAverages:
    """lap-averages.json: a practice's best lap per car (the averages are derived here)."""

    source: str
    run: FeedRun


FeedFile = (
    WeekendFeed
    | LapTimesFeed
    | LiveSnapshot
    | ScheduleFeed
    | PointsFeed
    | FlagLog
    | LapAverages
    | UnusedFeed
)


def kind_of(feed: FeedFile) -> FeedKind:
    """What the file is, in the report's words."""
    if isinstance(feed, WeekendFeed | PointsFeed | UnusedFeed):
        return feed.kind
    if isinstance(feed, LapTimesFeed):
        return FeedKind.LAP_TIMES
    if isinstance(feed, LiveSnapshot):
        return FeedKind.LIVE
    if isinstance(feed, ScheduleFeed):
        return FeedKind.RACE_LIST
    if isinstance(feed, FlagLog):
        return FeedKind.FLAG_LOG
    return FeedKind.LAP_AVERAGES


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What one file brought in, line by line, for the status line and the command line."""

    source: str
    kind: FeedKind
    event_key: str | None = None
    lines: tuple[str, ...] = field(default=())
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def summary(self) -> str:
        where = f" → {self.event_key}" if self.event_key else ""
        head = (
            f"{self.source} ({self.kind}{where}): {self.added} added, {self.updated} updated, "
            f"{self.unchanged} already there"
        )
        return "\n".join([head, *(f"  {line}" for line in self.lines)])


class SnapshotSource(Protocol):
    """A followed live feed: NASCAR's URL or a file another program rewrites."""

    @property
    def label(self) -> str: ...

    def fetch(self) -> bytes | None: ...  # None: unchanged since the last call


class FeedReader(Protocol):
    """What the app needs from persistence/feeds (ui/ cannot import it; main.py hands it in)."""

    def read(self, path: Path) -> FeedFile: ...
    def parse(self, data: bytes, source: str) -> FeedFile: ...
    def source(self, text: str) -> SnapshotSource: ...
