"""The practice board: bests and averages of clean laps, windows that never span a flagged lap."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from hypothesis import given, strategies as st

from domain.model import Lap, LapFlag
from domain.rules.practice import PracticeRow, lap_trace, practice_board

SESSION = uuid4()
START = datetime(2023, 6, 2, 17, 0, tzinfo=UTC)


def laps_of(car: str, times: list[int | tuple[int, LapFlag]], first: int = 0) -> list[Lap]:
    """A car's laps, a second apart in the given order; a tuple marks a flagged lap."""
    laps = []
    for index, time in enumerate(times, start=first):
        lap_ms, flag = time if isinstance(time, tuple) else (time, None)
        logged_at = START + timedelta(seconds=index)
        laps.append(
            Lap(session_id=SESSION, car_number=car, lap_ms=lap_ms, flag=flag, logged_at=logged_at)
        )
    return laps


def test_a_car_with_five_clean_laps_has_a_best_five_but_no_best_ten():
    (row,) = practice_board(laps_of("11", [33_000, 32_500, 32_600, 32_700, 32_900]))
    assert row == PracticeRow(
        car_number="11",
        laps_run=5,
        best_lap_ms=32_500,
        average_ms=32_740,
        best_5_ms=32_740,
        best_10_ms=None,
        best_20_ms=None,
        falloff_ms=None,
        last_lap_ms=32_900,
        laps_in_run=5,
    )


def test_the_last_lap_and_the_laps_of_the_current_run_start_again_after_an_in_lap():
    laps = laps_of(
        "1",
        [(45_000, LapFlag.OUT), 33_100, (40_000, LapFlag.IN), (46_000, LapFlag.OUT), 33_000],
    )
    (row,) = practice_board(laps)
    assert (row.last_lap_ms, row.laps_in_run, row.laps_run) == (33_000, 2, 5)
    (came_in,) = practice_board(laps[:3])
    assert (came_in.last_lap_ms, came_in.laps_in_run) == (40_000, 0)


def test_flagged_laps_count_as_run_but_not_in_bests_or_averages():
    laps = laps_of("1", [(45_000, LapFlag.OUT), 33_100, 33_200, (20_000, LapFlag.INVALID)])
    (row,) = practice_board(laps)
    assert row.laps_run == 4
    assert row.best_lap_ms == 33_100
    assert row.average_ms == 33_150


def test_a_five_lap_window_may_not_span_a_caution_lap():
    times = [33_000] * 4 + [(60_000, LapFlag.CAUTION)] + [34_000] * 5
    (row,) = practice_board(laps_of("99", times))
    # The four 33.000s before the caution are not five consecutive clean laps.
    assert row.best_5_ms == 34_000


def test_averages_round_half_up_to_the_millisecond():
    (row,) = practice_board(laps_of("7", [30_000, 30_001]))
    assert row.average_ms == 30_001  # 30000.5 rounds up


def test_falloff_compares_the_last_three_laps_of_the_longest_run_with_its_first_three():
    short_run = [30_000, 30_100, 30_200, (50_000, LapFlag.IN)]
    long_run = [31_000, 31_100, 31_200, 31_500, 31_800, 32_000, 32_100, 32_300]
    (row,) = practice_board(laps_of("17", short_run + long_run))
    # (32_000 + 32_100 + 32_300) / 3 − (31_000 + 31_100 + 31_200) / 3 = 1_033.3…
    assert row.falloff_ms == 1_033


def test_falloff_needs_a_run_of_six_clean_laps():
    times = [31_000] * 5 + [(50_000, LapFlag.IN)] + [31_000] * 5
    (row,) = practice_board(laps_of("17", times))
    assert row.falloff_ms is None


def test_laps_are_taken_in_the_order_they_were_logged_not_the_order_given():
    laps = laps_of("4", [30_000] * 5 + [(50_000, LapFlag.CAUTION)] + [31_000] * 5)
    (in_order,) = practice_board(laps)
    (shuffled,) = practice_board(list(reversed(laps)))
    assert shuffled == in_order
    assert in_order.best_5_ms == 30_000


def test_the_board_is_ordered_by_best_lap_and_cars_without_a_time_go_last_by_number():
    laps = (
        laps_of("11", [32_500])
        + laps_of("01", [(40_000, LapFlag.OUT)])
        + laps_of("00", [33_000])
        + laps_of("1", [32_500])
        + laps_of("0", [(41_000, LapFlag.OUT)])
    )
    board = practice_board(laps)
    assert [row.car_number for row in board] == ["1", "11", "00", "0", "01"]
    assert board[-1].laps_run == 1
    assert board[-1].best_lap_ms is None
    assert board[-1].average_ms is None


def test_no_laps_make_an_empty_board():
    assert practice_board([]) == []


def test_a_lap_trace_numbers_every_lap_and_leaves_flagged_ones_out():
    laps = laps_of("67", [(45_000, LapFlag.OUT), 92_506, 92_400]) + laps_of("78", [92_368])
    assert lap_trace(laps, "67") == [(2, 92_506), (3, 92_400)]
    assert lap_trace(laps, "5") == []


lap_times = st.integers(min_value=10_000, max_value=200_000)
flags = st.one_of(st.none(), st.sampled_from(LapFlag))
car_laps = st.lists(st.tuples(lap_times, flags), max_size=40)


def _laps(drawn: list[tuple[int, LapFlag | None]]) -> list[Lap]:
    return laps_of("11", [ms if flag is None else (ms, flag) for ms, flag in drawn])


@given(car_laps)
def test_no_average_is_faster_than_the_best_lap_or_slower_than_the_slowest(drawn):
    clean = [ms for ms, flag in drawn if flag is None]
    for row in practice_board(_laps(drawn)):
        for figure in (row.average_ms, row.best_5_ms, row.best_10_ms, row.best_20_ms):
            assert figure is None or min(clean) <= figure <= max(clean)
        assert row.best_5_ms is None or row.best_5_ms >= row.best_lap_ms
        assert row.laps_run == len(drawn)


flagged = flags.filter(lambda flag: flag is not None)
NO_LAPS = PracticeRow("11", 0, None, None, None, None, None, None)


@given(car_laps, lap_times, flagged)
def test_adding_a_flagged_lap_at_the_end_changes_only_the_laps_run_and_the_last_lap(
    drawn, ms, flag
):
    (after,) = practice_board(_laps([*drawn, (ms, flag)]))
    (before,) = practice_board(_laps(drawn)) or [NO_LAPS]
    assert after.last_lap_ms == ms
    in_run = 0 if flag is LapFlag.IN else before.laps_in_run + 1
    assert after.laps_in_run == in_run
    same = replace(after, laps_run=after.laps_run - 1, last_lap_ms=before.last_lap_ms)
    assert replace(same, laps_in_run=before.laps_in_run) == before


@given(car_laps, lap_times, flagged, st.data())
def test_inserting_a_flagged_lap_anywhere_never_improves_a_best(drawn, ms, flag, data):
    position = data.draw(st.integers(min_value=0, max_value=len(drawn)))
    (after,) = practice_board(_laps([*drawn[:position], (ms, flag), *drawn[position:]]))
    (before,) = practice_board(_laps(drawn)) or [NO_LAPS]
    assert after.best_lap_ms == before.best_lap_ms
    assert after.average_ms == before.average_ms
    for size in ("best_5_ms", "best_10_ms", "best_20_ms"):
        old, new = getattr(before, size), getattr(after, size)
        # A flagged lap splits a run, so a window may disappear or get slower, never faster.
        assert new is None or (old is not None and new >= old)
