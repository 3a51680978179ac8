"""The session clock: time since the green flag and, with a scheduled length, time left.

Trackside is not told when a session starts; the first lap logged is the first car's first
lap, so the green flag was that lap's time before it was logged. A session with a scheduled
length counts down to zero; one whose first lap is hours old is not running any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.model import Lap

LIVE_FOR = timedelta(hours=6)  # longer ago than this, the session is over: no clock
MAX_SCHEDULED_MINUTES = 600


@dataclass(frozen=True, slots=True)
class ClockReading:
    elapsed_s: int
    remaining_s: int | None  # None: no scheduled length


def session_clock(
    first_lap: Lap | None, now: datetime, scheduled_minutes: int | None
) -> ClockReading | None:
    """The clock at `now` (UTC); None before the first lap or long after the session."""
    if first_lap is None:
        return None
    green = first_lap.logged_at - timedelta(milliseconds=first_lap.lap_ms)
    elapsed = now - green
    if elapsed > LIVE_FOR:
        return None
    elapsed_s = max(0, int(elapsed.total_seconds()))
    if not scheduled_minutes:
        return ClockReading(elapsed_s, None)
    return ClockReading(elapsed_s, max(0, scheduled_minutes * 60 - elapsed_s))


def format_clock(seconds: int) -> str:
    """12:05 under an hour, 1:02:05 from an hour on."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_words(reading: ClockReading | None, *, started: bool) -> str:
    """What the clock says; `started`: the session has a lap (None then means it is over)."""
    if reading is None:
        return "Clock: session over" if started else "Clock: waiting for the first lap"
    running = format_clock(reading.elapsed_s)
    if reading.remaining_s is None:
        return f"Clock {running}"
    if reading.remaining_s == 0:
        return f"Clock {running} · time is up"
    return f"Clock {running} · {format_clock(reading.remaining_s)} left"
