"""The stored facts of a race weekend as frozen values; everything else is derived from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from uuid import UUID, uuid4

from domain.errors import ValidationError

# A car number is text: "0", "00", "01" and "11F" are different cars (DESIGN §5).
_CAR_NUMBER = re.compile(r"^[0-9]{1,3}[A-Z]?$")


def ensure_car_number(text: str) -> str:
    """Return the car number as entered (trimmed) or explain what is wrong.

    A letter suffix must be a capital ("11F"): a lower-case one ("1x") is far more often a typo.
    """
    number = text.strip()
    if not number:
        raise ValidationError("Enter a car number, e.g. 11, 07 or 00.")
    if not _CAR_NUMBER.fullmatch(number) or not number.isascii():
        raise ValidationError(
            f"“{text.strip()}” is not a car number: use up to three digits, optionally followed "
            "by one capital letter (e.g. 9, 07, 00, 11F)."
        )
    return number


def car_sort_key(number: str) -> tuple[int, str]:
    """Sort car numbers by (digits, text): 0, 1, ..., 9, 00, 01, 10, 11, 11F, 100 (DESIGN §5)."""
    return (len(number.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), number)


RACE = "Race"  # the session name of an event's points race; results of Duels name theirs
DUELS = ("Duel 1", "Duel 2")  # the Daytona 500's qualifying races (DESIGN §7)
STAGE_SLOTS = 3  # stage places a result holds (stage1..stage3): a pack scores at most this many


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_id() -> UUID:
    return uuid4()


class TrackKind(StrEnum):
    SHORT = "short"  # under a mile: two qualifying laps in 2025
    OVAL = "oval"
    SUPERSPEEDWAY = "superspeedway"
    ROAD = "road"
    STREET = "street"
    DIRT = "dirt"  # a pack without its own dirt format uses the short-track one


@dataclass(frozen=True, slots=True, kw_only=True)
class Season:
    """A series' year, bound to its rule pack `series-season`; events belong to one."""

    id: UUID = field(default_factory=new_id)
    series: str  # the series token ("cup", "xfinity", "truck" or a user's own)
    season: int  # the year
    name: str  # as shown, e.g. "NASCAR Cup Series 2027" (the pack's name unless the user's own)

    @property
    def ruleset_key(self) -> str:
        return f"{self.series}-{self.season}"


class SessionKind(StrEnum):
    PRACTICE = "practice"
    QUALIFYING = "qualifying"
    RACE = "race"


class LapFlag(StrEnum):
    """Laps with a flag are shown but left out of bests and averages."""

    OUT = "out"
    IN = "in"
    CAUTION = "caution"
    INVALID = "invalid"


class WaiverReason(StrEnum):
    MEDICAL = "medical"
    BIRTH = "birth of a child"
    AGE = "age restriction"
    OTHER = "non-medical"


class WaiverStatus(StrEnum):
    REQUESTED = "requested"
    GRANTED = "granted"
    DENIED = "denied"


@dataclass(frozen=True, slots=True, kw_only=True)
class Track:
    id: UUID = field(default_factory=new_id)
    # Edits so far: the team server refuses an edit based on an older one (DESIGN §4). Not a
    # fact of the race, so not part of equality.
    version: int = field(default=1, compare=False)
    name: str
    length_millimiles: int  # 1.25 miles = 1250; integer so speeds are exact
    kind: TrackKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A race weekend of one series and season, e.g. key `cup-2025-chicago`."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    key: str
    name: str
    series: str  # "cup", "xfinity", "truck" or a user's own series key
    season: int
    round_no: int  # the race's number in the season, 1-based
    track: Track
    start_date: date
    end_date: date
    illustrative: bool = False  # True where practice/qualifying figures are made up for the demo
    # Per-event overrides of the pack (DESIGN §3): the Coca-Cola 600 scores three stages, an
    # exhibition (the Clash, the All-Star Race) pays no points.
    stages_scored: int | None = None  # None: the pack's stages_scored
    points_paying: bool = True

    @property
    def ruleset_key(self) -> str:
        return f"{self.series}-{self.season}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """Practice, a qualifying group or round, or the race of an event."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    event_id: UUID
    kind: SessionKind
    name: str  # "Practice", "Qualifying Group A", "Qualifying Round 2", "Race"
    order: int  # position in the weekend's schedule
    group: str | None = None  # qualifying group ("A", "B") when groups are combined
    round_no: int = 1  # qualifying round (knockout rounds keep each round's bests)
    cancelled: bool = False  # a cancelled qualifying session sets the lineup by the fallback rule
    # The session clock of the newest live-feed snapshot imported: an older one is refused.
    feed_clock_ms: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Driver:
    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    name: str
    disambiguator: str = ""  # shown when two drivers share a name, e.g. "No. 34"
    # What the eligibility rules ask of a driver (domain/rules/eligibility.py): the date of
    # birth where known (the minimum age), and the seasons in which the driver counts as a Cup
    # driver, one with more than three full-time Cup seasons (start limits in O'Reilly, Truck).
    birth_date: date | None = None
    cup_seasons: frozenset[int] = frozenset()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.disambiguator})" if self.disambiguator else self.name

    def is_cup_driver(self, season: int) -> bool:
        return season in self.cup_seasons


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A car entered in an event with the driver named on the entry list."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    event_id: UUID
    car_number: str
    driver_id: UUID
    team: str
    owner: str
    make: str
    guaranteed: bool = False  # a chartered car: always starts (Cup)
    oep: bool = False  # the event's pre-approved Open Exemption Provisional (Cup 2025)
    past_champion: bool = False  # eligible for a past-champion provisional
    points_eligible: bool = True  # False: the driver is "(i)", scores no driver points here
    withdrawn: bool = False
    # The charter or team entry whose owner points this car earns and is ranked by; empty: its
    # own car number. A car renumbered mid-season (RCR's No. 8 run as the No. 33) writes "8".
    owner_key: str = ""

    @property
    def owner_identity(self) -> str:
        return self.owner_key or self.car_number


@dataclass(frozen=True, slots=True, kw_only=True)
class Substitution:
    """From session `from_session_order` on, `driver_id` drives the entry instead."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    entry_id: UUID
    replaced_driver_id: UUID
    driver_id: UUID
    from_session_order: int  # 0: before the first session (the whole weekend)
    reason: str = ""
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True, slots=True, kw_only=True)
class Lap:
    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    session_id: UUID
    car_number: str
    lap_ms: int
    flag: LapFlag | None = None
    note: str = ""
    logged_at: datetime = field(default_factory=utc_now)  # UTC; orders a car's laps
    # NASCAR's lap number for a feed lap: (session, car, lap number) identifies it (DESIGN §7).
    lap_number: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RaceResult:
    """One car's result in a race. Points are never stored: the rules derive them."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    event_id: UUID
    car_number: str
    driver_id: UUID
    finish: int
    start: int | None = None
    status: str = "running"  # running, accident, engine, ...
    laps: int = 0
    laps_led: int = 0
    stage1: int | None = None  # finishing position at the end of stage 1
    stage2: int | None = None
    stage3: int | None = None  # a third scored stage (the Coca-Cola 600)
    fastest_lap: bool = False
    # Repaired in the garage under the Damaged Vehicle Policy: 2026 packs with the garage
    # clause deny such a car the fastest-lap point.
    garage_repair: bool = False
    # Imported sheets often give only stage points and playoff points, not stage positions;
    # these are used when stage1/stage2 are unknown.
    reported_stage_points: int | None = None
    reported_stage_wins: int | None = None
    official: bool = False
    session_name: str = RACE  # "Duel 1" / "Duel 2": a Daytona Duel's result, scored apart
    # It failed to qualify but started in place of a qualified car that could not.
    replacement_start: bool = False

    @property
    def stages(self) -> tuple[int | None, ...]:
        """Stage positions in stage order (a stage the car was outside the top of is None)."""
        return (self.stage1, self.stage2, self.stage3)

    @property
    def is_race(self) -> bool:
        return self.session_name == RACE


@dataclass(frozen=True, slots=True, kw_only=True)
class Penalty:
    """Points taken away after a race, or a disqualification; amounts are positive deductions."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    event_id: UUID
    car_number: str
    driver_id: UUID | None = None
    driver_points: int = 0
    owner_points: int = 0
    playoff_points: int = 0
    disqualified: bool = False
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiver:
    """A request that a driver stay playoff-eligible despite missing races of a season."""

    id: UUID = field(default_factory=new_id)
    version: int = field(default=1, compare=False)
    series: str
    season: int
    driver_id: UUID
    reason: WaiverReason
    status: WaiverStatus = WaiverStatus.REQUESTED
    note: str = ""
    # NASCAR initiated or approved the absence (medical, a suspension): from 2026 the driver is
    # seeded by points; any other waived absence starts the Chase at the pack's base (2,000).
    approved: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NascarPoints:
    """NASCAR's own points for a driver at an event, kept only to compare with Trackside's.

    Never used to score: the rules derive points from results (DESIGN §4); a difference is
    shown to the user by the cross-check, not copied.
    """

    id: UUID = field(default_factory=new_id)
    event_id: UUID
    driver_name: str
    car_number: str = ""  # "" where the file names no car (standings of a driver not racing)
    race_points: int | None = None  # points earned at this event
    season_points: int | None = None  # the standings total after this event
    source: str = ""  # the file it came from


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRecord:
    """One edit to results, penalties, waivers or entries: what, old, new, when and why."""

    id: UUID = field(default_factory=new_id)
    at: datetime = field(default_factory=utc_now)
    event_id: UUID | None
    subject: str  # "Result No. 11", "Penalty No. 51", "Waiver Corey Heim"
    field_name: str
    old_value: str
    new_value: str
    why: str = ""
