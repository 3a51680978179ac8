"""Laps that look like typing mistakes: checks that ask the spotter, never refuse (issue 17).

A lap far faster than the session's best (31.234 at Chicago, where laps run ~1:30) would go
straight to P1; a car logged into the other qualifying group would replace another car's
time on the board; the same time twice in a row is usually Enter pressed twice. Each is
allowed, since a real lap can be any of these, but only after the spotter confirms it.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.laptime import format_lap_time
from domain.model import Lap, Session, TrackKind


class DoubtKind(StrEnum):
    TOO_FAST = "too fast"
    TOO_SLOW = "too slow"
    OTHER_GROUP = "other group"
    REPEATED = "repeated"


@dataclass(frozen=True, slots=True)
class Doubt:
    kind: DoubtKind
    question: str  # written for the spotter: what looks wrong, and what would be stored


@dataclass(frozen=True, slots=True)
class Band:
    """Per mille of the session's best (fast side) and of its median (slow side)."""

    fastest_of_best: int
    slowest_of_median: int


# A new best rarely beats the session's best by more than 3% once a few cars have run; drafting
# on superspeedways can find 5%. Road and street courses see more long laps (an off, a spin,
# traffic) than ovals, so their slow side is wider. Out and in laps are flagged, not typed
# slow: a slow unflagged lap is worth a question.
BANDS: Mapping[TrackKind, Band] = {
    TrackKind.SHORT: Band(fastest_of_best=970, slowest_of_median=1500),
    TrackKind.OVAL: Band(fastest_of_best=970, slowest_of_median=1500),
    TrackKind.SUPERSPEEDWAY: Band(fastest_of_best=950, slowest_of_median=1500),
    TrackKind.ROAD: Band(fastest_of_best=970, slowest_of_median=1600),
    TrackKind.STREET: Band(fastest_of_best=970, slowest_of_median=1600),
}
MEDIAN_NEEDS_LAPS = 5  # fewer counted laps than this make no median worth judging by


@dataclass(frozen=True, slots=True, kw_only=True)
class LapToCheck:
    car_number: str
    lap_ms: int
    session: Session
    track_kind: TrackKind


class SessionPace:
    """What the checks read of a session, kept up to date lap by lap.

    Logging a lap must not cost a pass over 5,000 laps (DESIGN §6): the counted times stay
    sorted (an insert is one memmove), each car's last lap is a dict entry.
    """

    def __init__(self, laps: Sequence[Lap] = ()) -> None:
        self.counted_ms: list[int] = []  # unflagged lap times, sorted
        self.last_of_car: dict[str, Lap] = {}
        for lap in laps:  # by logged time
            self.add(lap)

    def add(self, lap: Lap) -> None:
        """A lap logged after every lap already held."""
        if lap.flag is None:
            insort(self.counted_ms, lap.lap_ms)
        self.last_of_car[lap.car_number] = lap


def doubts_about_lap(
    lap: LapToCheck,
    session_laps: Sequence[Lap] | SessionPace,
    other_groups: Mapping[str, str],
) -> list[Doubt]:
    """What looks wrong about logging `lap`; empty when nothing does.

    `session_laps` are the session's laps by logged time (or their SessionPace); `other_groups`
    maps a car that ran in another group of this qualifying round to that group's letter.
    """
    pace = session_laps if isinstance(session_laps, SessionPace) else SessionPace(session_laps)
    doubts = [*_band_doubts(lap, pace.counted_ms), *_group_doubts(lap, other_groups)]
    previous = pace.last_of_car.get(lap.car_number)
    if previous is not None and previous.lap_ms == lap.lap_ms:
        doubts.append(
            Doubt(
                DoubtKind.REPEATED,
                f"No. {lap.car_number}'s previous lap was also {format_lap_time(lap.lap_ms)}: "
                "log the same time again?",
            )
        )
    return doubts


def _band_doubts(lap: LapToCheck, counted: Sequence[int]) -> list[Doubt]:
    if not counted:
        return []
    band = BANDS[lap.track_kind]
    shown = format_lap_time(lap.lap_ms)
    best = counted[0]
    if lap.lap_ms * 1000 < best * band.fastest_of_best:
        gap = format_lap_time(best - lap.lap_ms)
        return [
            Doubt(
                DoubtKind.TOO_FAST,
                f"{shown} is {gap} s faster than the session's best ({format_lap_time(best)}): "
                "is that the time you meant?",
            )
        ]
    if len(counted) < MEDIAN_NEEDS_LAPS:
        return []
    median = _median(counted)
    if lap.lap_ms * 1000 > median * band.slowest_of_median:
        share = lap.lap_ms * 100 // median
        return [
            Doubt(
                DoubtKind.TOO_SLOW,
                f"{shown} is {share}% of the session's typical lap ({format_lap_time(median)}): "
                "log it as a counted lap? (Flag out, in and caution laps after logging.)",
            )
        ]
    return []


def _group_doubts(lap: LapToCheck, other_groups: Mapping[str, str]) -> list[Doubt]:
    group = other_groups.get(lap.car_number)
    if group is None or lap.session.group is None or group == lap.session.group:
        return []
    return [
        Doubt(
            DoubtKind.OTHER_GROUP,
            f"No. {lap.car_number} ran in Group {group}, but this is {lap.session.name}: "
            f"log it in Group {lap.session.group}?",
        )
    ]


def _median(sorted_ms: Sequence[int]) -> int:
    """The middle lap, or the lower of the two middle laps: an integer, no averaging."""
    return sorted_ms[(len(sorted_ms) - 1) // 2]


def groups_of_cars(
    sessions: Sequence[Session], laps: Sequence[Lap], current: Session
) -> dict[str, str]:
    """Cars with laps in another group of `current`'s qualifying round, and that group."""
    others: dict[UUID, str] = {}
    for session in sessions:
        same_round = session.kind is current.kind and session.round_no == current.round_no
        if same_round and session.group is not None and session.group != current.group:
            others[session.id] = session.group
    return {lap.car_number: others[lap.session_id] for lap in laps if lap.session_id in others}
