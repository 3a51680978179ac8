"""The session clock runs from the green flag (the first lap before it was logged)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from domain.model import Lap
from domain.rules.session_clock import ClockReading, clock_words, format_clock, session_clock

LOGGED = datetime(2025, 7, 5, 15, 0, 0, tzinfo=UTC)
FIRST = Lap(session_id=uuid4(), car_number="5", lap_ms=92_000, logged_at=LOGGED)


def test_the_clock_starts_at_the_green_flag_one_lap_before_the_first_lap_was_logged():
    reading = session_clock(FIRST, LOGGED + timedelta(minutes=10), None)
    assert reading == ClockReading(elapsed_s=692, remaining_s=None)
    assert clock_words(reading, started=True) == "Clock 11:32"


def test_a_scheduled_length_counts_down_to_time_up():
    reading = session_clock(FIRST, LOGGED + timedelta(minutes=10), 50)
    assert reading == ClockReading(elapsed_s=692, remaining_s=2_308)
    assert clock_words(reading, started=True) == "Clock 11:32 · 38:28 left"
    late = session_clock(FIRST, LOGGED + timedelta(minutes=55), 50)
    assert clock_words(late, started=True) == "Clock 56:32 · time is up"


def test_no_lap_no_clock_and_an_old_session_is_not_running():
    waiting = session_clock(None, LOGGED, 50)
    assert clock_words(waiting, started=False) == "Clock: waiting for the first lap"
    over = session_clock(FIRST, LOGGED + timedelta(hours=7), 50)
    assert over is None and clock_words(over, started=True) == "Clock: session over"


def test_an_hour_or_more_shows_hours():
    assert (format_clock(59), format_clock(3_725)) == ("0:59", "1:02:05")
