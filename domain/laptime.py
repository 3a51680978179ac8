"""Lap times as integer milliseconds: reading what a spotter types, and showing times and speeds."""

from __future__ import annotations

import re

from domain.errors import InvalidLapTimeError

# Bounds of what a car can run: a lap under 10 s or over 30 min, or a speed outside 20…300 mph,
# is a typing mistake (a missing digit, a speed typed into the time box).
MIN_LAP_MS = 10_000
MAX_LAP_MS = 1_800_000
MIN_SPEED_MPH = 20
MAX_SPEED_MPH = 300
# "29:59.999" or "299.999 mph" with room for spaces: no lap time or speed is longer.
MAX_LAP_TEXT = 20

# [0-9] rather than \d: \d also matches Arabic-Indic and other digits. A decimal comma is read
# like a point (1:31,234). Minutes end with a colon, or, as typed on a number pad, with a point
# or a space before two-digit seconds that carry a fraction (1.31.234, 1 31.234): a lone
# "1.31" stays 1.31 seconds.
_TIME = re.compile(
    r"(?:(?P<minutes>[0-9]+)(?::|(?:\.|\s+)(?=[0-9]{2}[.,][0-9])))?"
    r"(?P<seconds>[0-9]+)(?:[.,](?P<fraction>[0-9]+))?"
)
_SPEED = re.compile(
    r"(?P<whole>[0-9]+)(?:[.,](?P<fraction>[0-9]+))?\s*(?P<unit>mph|km/h|kmh|kph)", re.IGNORECASE
)
_HOW = (
    "type seconds (29.876), minutes and seconds (1:32.368, or 1.32.368 on a number pad) or a "
    "speed (180.123 mph, 289.9 km/h)"
)
# A mile is 1.609344 km exactly: km/h become mph with integers, rounding only once.
_MILE_IN_MICROKM = 1_609_344
_MPH_SCALE = 1000 * _MILE_IN_MICROKM  # one mph on the scale _parse_speed compares speeds on


def _divide_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half up, for positive values."""
    return (2 * numerator + denominator) // (2 * denominator)


def _thousandths(fraction: str | None, text: str) -> int:
    """Three decimals at most: a lap is timed to the millisecond."""
    digits = fraction or ""
    if len(digits) > 3:
        raise InvalidLapTimeError(
            f"“{text}” has {len(digits)} decimals: times and speeds are kept to the thousandth, "
            "so type at most three decimals."
        )
    return int(digits.ljust(3, "0"))


def _ensure_lap_in_range(lap_ms: int, text: str) -> int:
    if lap_ms == 0:
        raise InvalidLapTimeError(f"“{text}” is zero: type the lap time, e.g. 29.876.")
    if not MIN_LAP_MS <= lap_ms <= MAX_LAP_MS:
        raise InvalidLapTimeError(
            f"“{text}” is {format_lap_time(lap_ms)}, not a lap a car could run: a lap time must "
            "be from 10 seconds to 30 minutes. Check for a missing or extra digit."
        )
    return lap_ms


def _parse_speed(match: re.Match[str], text: str, track_length_millimiles: int | None) -> int:
    if track_length_millimiles is None:
        raise InvalidLapTimeError(
            f"“{text}” is a speed, but this track's length is not known: type the lap time "
            "instead, or set the track length first."
        )
    speed = int(match["whole"]) * 1000 + _thousandths(match["fraction"], text)
    # Thousandths of a mph times 1,609,344, or thousandths of a km/h times 1,000,000: the same
    # scale for both units, so neither is rounded before the lap time is.
    scaled = speed * (_MILE_IN_MICROKM if match["unit"].lower() == "mph" else 1_000_000)
    if not MIN_SPEED_MPH * _MPH_SCALE <= scaled <= MAX_SPEED_MPH * _MPH_SCALE:
        raise InvalidLapTimeError(
            f"“{text}” is not a speed a car could run: a speed must be from {MIN_SPEED_MPH} to "
            f"{MAX_SPEED_MPH} mph (32.187 to 482.803 km/h). Check for a missing or extra digit."
        )
    # seconds = miles × 3600 / mph, so ms = millimiles × 3600 × 1000 / thousandths of a mph
    # (both sides of the division carry the same 1,609,344 for a speed in mph).
    lap_ms = _divide_half_up(track_length_millimiles * 3_600_000 * _MILE_IN_MICROKM, scaled)
    return _ensure_lap_in_range(lap_ms, text)


def _parse_time(match: re.Match[str], text: str) -> int:
    seconds = int(match["seconds"])
    minutes = match["minutes"]
    if minutes is not None and seconds >= 60:
        raise InvalidLapTimeError(
            f"“{text}” has {seconds} seconds after the minutes: seconds must be under 60 when "
            "minutes are given (1:32.368), or type the time in seconds alone (92.368)."
        )
    total_seconds = int(minutes or 0) * 60 + seconds
    lap_ms = total_seconds * 1000 + _thousandths(match["fraction"], text)
    return _ensure_lap_in_range(lap_ms, text)


def parse_lap_time(text: str, *, track_length_millimiles: int | None = None) -> int:
    """Read a lap time or a speed in mph as milliseconds, with integer arithmetic only.

    Floats are never used: float("1.001") * 1000 truncates to 1000 (DESIGN §5).
    """
    shown = text.strip()
    if not shown:
        raise InvalidLapTimeError(f"Enter a lap time: {_HOW}.")
    if len(shown) > MAX_LAP_TEXT:  # before any int(): a 4,301-digit time makes int() raise
        raise InvalidLapTimeError(
            f"“{shown[:MAX_LAP_TEXT]}…” ({len(shown):,} characters) is too long to be a lap time: "
            f"{_HOW}."
        )
    if not shown.isascii():
        raise InvalidLapTimeError(
            f"“{shown}” contains characters other than the digits 0–9: {_HOW}."
        )
    if shown.startswith("-"):
        raise InvalidLapTimeError(f"“{shown}” is negative: a lap time must be more than zero.")
    if speed := _SPEED.fullmatch(shown):
        return _parse_speed(speed, shown, track_length_millimiles)
    if time := _TIME.fullmatch(shown):
        return _parse_time(time, shown)
    raise InvalidLapTimeError(f"“{shown}” is not a lap time: {_HOW}.")


def format_lap_time(lap_ms: int) -> str:
    """29.876 below a minute, 1:32.368 from a minute on."""
    if lap_ms < 0:
        raise ValueError(f"a lap time cannot be negative: {lap_ms} ms")
    minutes, rest = divmod(lap_ms, 60_000)
    seconds, thousandths = divmod(rest, 1000)
    if minutes:
        return f"{minutes}:{seconds:02d}.{thousandths:03d}"
    return f"{seconds}.{thousandths:03d}"


def format_gap(gap_ms: int) -> str:
    """A signed gap in seconds: +0.138 behind, -0.138 ahead, 0.000 level."""
    sign = "+" if gap_ms > 0 else "-" if gap_ms < 0 else ""
    seconds, thousandths = divmod(abs(gap_ms), 1000)
    return f"{sign}{seconds}.{thousandths:03d}"


def speed_mph_thousandths(lap_ms: int, length_millimiles: int) -> int:
    """Average speed in thousandths of a mph, rounded half up: length × 3600 / seconds."""
    if lap_ms <= 0:
        raise ValueError(f"a speed needs a positive lap time, not {lap_ms} ms")
    return _divide_half_up(length_millimiles * 3_600_000, lap_ms)


def format_speed(lap_ms: int, length_millimiles: int) -> str:
    """The speed in mph to three decimals, e.g. 97.421."""
    whole, thousandths = divmod(speed_mph_thousandths(lap_ms, length_millimiles), 1000)
    return f"{whole}.{thousandths:03d}"
