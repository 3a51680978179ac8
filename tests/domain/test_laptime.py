"""Reading and showing lap times and speeds: exact integer milliseconds, clear refusals."""

import pytest
from hypothesis import given, strategies as st

from domain.errors import InvalidLapTimeError
from domain.laptime import (
    format_gap,
    format_lap_time,
    format_speed,
    parse_lap_time,
    speed_mph_thousandths,
)

WWT_RACEWAY = 1250  # World Wide Technology Raceway: 1.25 miles


@pytest.mark.parametrize(
    ("text", "expected_ms"),
    [
        ("29.876", 29_876),
        ("53.12", 53_120),
        ("92.368", 92_368),
        ("1:32.368", 92_368),
        ("92", 92_000),
        ("10.001", 10_001),  # float("10.001") * 1000 would give 10000.999...
        ("  29.876  ", 29_876),
        ("1:05", 65_000),
        ("10", 10_000),
        ("30:00", 1_800_000),
    ],
)
def test_typed_lap_times_are_read_as_exact_milliseconds(text, expected_ms):
    assert parse_lap_time(text) == expected_ms


@pytest.mark.parametrize("text", ["180.123 mph", "180.123mph", "180.123 MPH", " 180.123 Mph "])
def test_a_speed_is_converted_through_the_track_length(text):
    # 1.25 mi × 3600 / 180.123 mph = 24.9829 s, rounded half up to the millisecond.
    assert parse_lap_time(text, track_length_millimiles=WWT_RACEWAY) == 24_983


@pytest.mark.parametrize(
    "text", ["1.31.234", "1:31,234", "1 31.234", "1 31,234", "1.31,234", "91,234", "1  31.234"]
)
def test_number_pad_and_decimal_comma_times_are_read_as_minutes_and_seconds(text):
    assert parse_lap_time(text) == 91_234


@pytest.mark.parametrize(
    ("text", "expected_ms"),
    [
        ("160.9344 km/h", None),  # four decimals: refused below
        ("160.934 km/h", 36_000),  # 1 mi at 100 mph (160.9344 km/h): 36.0001 s
        ("160.934 kph", 36_000),
        ("160,934 KMH", 36_000),
        ("144.841 km/h", 40_000),  # 90 mph is 144.84096 km/h
    ],
)
def test_a_speed_in_km_per_hour_is_converted_through_the_track_length(text, expected_ms):
    if expected_ms is None:
        with pytest.raises(InvalidLapTimeError, match="at most three decimals"):
            parse_lap_time(text, track_length_millimiles=1000)
    else:
        assert parse_lap_time(text, track_length_millimiles=1000) == expected_ms


@pytest.mark.parametrize("text", ["32.186 km/h", "482.804 km/h"])
def test_km_per_hour_outside_what_a_car_can_run_is_refused_in_both_units(text):
    with pytest.raises(InvalidLapTimeError, match=r"20 to 300 mph \(32\.187 to 482\.803 km/h\)"):
        parse_lap_time(text, track_length_millimiles=1000)


def test_a_speed_is_rounded_half_up_to_the_millisecond():
    # 1 mi at 144 mph takes exactly 25 s; at 160 mph, 22.5 s exactly.
    assert parse_lap_time("144 mph", track_length_millimiles=1000) == 25_000
    assert parse_lap_time("160 mph", track_length_millimiles=1000) == 22_500
    # 1 mi at 256 mph takes 14.0625 s: the half rounds up. 2.2 mi at 86.222 mph: 91.8559 s.
    assert parse_lap_time("256 mph", track_length_millimiles=1000) == 14_063
    assert parse_lap_time("86.222 mph", track_length_millimiles=2200) == 91_856


@pytest.mark.parametrize(
    ("text", "what_is_wrong"),
    [
        ("1:2x.4", "is not a lap time"),
        ("", "Enter a lap time"),
        ("   ", "Enter a lap time"),
        ("-1", "negative"),
        ("nan", "is not a lap time"),
        ("inf", "is not a lap time"),
        ("1_0.5", "is not a lap time"),
        ("١٢.٣", "other than the digits 0–9"),
        ("1:75.000", "seconds must be under 60"),
        ("0", "is zero"),
        ("0.000", "is zero"),
        ("29.8765", "at most three decimals"),
        ("9.999", "from 10 seconds to 30 minutes"),
        ("30:00.001", "from 10 seconds to 30 minutes"),
        ("2929.876", "from 10 seconds to 30 minutes"),
        ("1:32:368", "is not a lap time"),
        ("1.3.234", "is not a lap time"),  # number-pad minutes need two-digit seconds
        ("1 31", "is not a lap time"),
        ("1.31.234.5", "is not a lap time"),
        ("1.75.000", "seconds must be under 60"),
        ("1.31", "from 10 seconds to 30 minutes"),  # 1.31 s: a lone point is a decimal point
    ],
)
def test_unreadable_lap_times_are_refused_with_what_is_wrong(text, what_is_wrong):
    with pytest.raises(InvalidLapTimeError) as refused:
        parse_lap_time(text, track_length_millimiles=WWT_RACEWAY)
    assert what_is_wrong in str(refused.value)


@pytest.mark.parametrize(
    ("text", "length", "what_is_wrong"),
    [
        ("180.123 mph", None, "track's length is not known"),
        ("19.999 mph", WWT_RACEWAY, "from 20 to 300 mph"),
        ("300.001 mph", WWT_RACEWAY, "from 20 to 300 mph"),
        ("0 mph", WWT_RACEWAY, "from 20 to 300 mph"),
        ("180.1234 mph", WWT_RACEWAY, "at most three decimals"),
        ("290 mph", 500, "from 10 seconds to 30 minutes"),  # 6.2 s on a half-mile
    ],
)
def test_impossible_speeds_are_refused_with_what_is_wrong(text, length, what_is_wrong):
    with pytest.raises(InvalidLapTimeError) as refused:
        parse_lap_time(text, track_length_millimiles=length)
    assert what_is_wrong in str(refused.value)


def test_a_refusal_says_how_to_type_a_lap_time():
    with pytest.raises(
        InvalidLapTimeError,
        match=r"minutes and seconds \(1:32\.368, or 1\.32\.368 on a number pad\)",
    ):
        parse_lap_time("fast")


@pytest.mark.parametrize(
    ("lap_ms", "shown"),
    [
        (29_876, "29.876"),
        (53_120, "53.120"),
        (59_999, "59.999"),
        (60_000, "1:00.000"),
        (92_368, "1:32.368"),
        (605_001, "10:05.001"),
    ],
)
def test_lap_times_show_minutes_only_from_a_minute_on(lap_ms, shown):
    assert format_lap_time(lap_ms) == shown


@pytest.mark.parametrize(
    ("gap_ms", "shown"),
    [(138, "+0.138"), (-138, "-0.138"), (0, "0.000"), (61_234, "+61.234"), (-5, "-0.005")],
)
def test_gaps_are_signed_seconds(gap_ms, shown):
    assert format_gap(gap_ms) == shown


@pytest.mark.parametrize(
    ("lap_ms", "length", "shown"),
    [
        (92_368, 2200, "85.744"),  # Legge at Chicago: 2.2 mi in 1:32.368
        (53_120, 1500, "101.657"),  # Heim's pole at Lime Rock
        (25_000, 1000, "144.000"),
        (46_191, 1250, "97.422"),  # 97.4215... rounds half up
    ],
)
def test_speeds_show_mph_to_three_decimals_rounded_half_up(lap_ms, length, shown):
    assert format_speed(lap_ms, length) == shown


def test_speed_thousandths_are_exact_integers():
    assert speed_mph_thousandths(25_000, 1000) == 144_000


@given(st.integers(min_value=10_000, max_value=1_800_000))
def test_a_formatted_lap_time_reads_back_to_the_same_milliseconds(lap_ms):
    assert parse_lap_time(format_lap_time(lap_ms)) == lap_ms


@given(st.integers(min_value=60_000, max_value=1_800_000), st.sampled_from([".", " ", ":"]))
def test_a_lap_typed_on_a_number_pad_reads_back_to_the_same_milliseconds(lap_ms, minutes_mark):
    shown = format_lap_time(lap_ms)
    minutes, rest = shown.split(":")
    assert parse_lap_time(f"{minutes}{minutes_mark}{rest.replace('.', ',')}") == lap_ms


@st.composite
def laps_on_tracks(draw):
    """A track length and a lap time whose speed a car could run there."""
    length = draw(st.integers(min_value=500, max_value=2660))
    fastest = max(10_000, -(-length * 3_600_000 // (300 * 1000)))
    slowest = min(1_800_000, length * 3_600_000 // (20 * 1000))
    return length, draw(st.integers(min_value=fastest, max_value=slowest))


@given(laps_on_tracks())
def test_a_lap_shown_as_a_speed_reads_back_within_the_speeds_precision(lap):
    length, lap_ms = lap
    speed = speed_mph_thousandths(lap_ms, length)
    back = parse_lap_time(f"{format_speed(lap_ms, length)} mph", track_length_millimiles=length)
    # A thousandth of a mph is worth lap_ms / speed ms; both roundings add at most half a step.
    assert 2 * speed * abs(back - lap_ms) <= lap_ms + speed


@given(laps_on_tracks())
def test_a_speed_turned_into_a_lap_time_gives_back_nearly_the_same_speed(lap):
    length, lap_ms = lap
    speed = speed_mph_thousandths(lap_ms, length)
    again = speed_mph_thousandths(
        parse_lap_time(f"{format_speed(lap_ms, length)}mph", track_length_millimiles=length),
        length,
    )
    # A millisecond is worth speed / lap_ms thousandths of a mph.
    assert lap_ms * abs(again - speed) <= speed + lap_ms
