"""The pack's qualifying format, laps and final-round size decide how the board ranks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from hypothesis import given, strategies as st

from domain.model import Lap, LapFlag, Session, SessionKind
from domain.rules.live_board import LiveQualifyingBoard
from domain.rules.qualifying import RoundPlan, qualifying_order
from domain.ruleset import QualifyingFormat, TieBreak
from tests.domain.rulesets_for_tests import CUP_2025

T0 = datetime(2026, 3, 7, 18, 0, tzinfo=UTC)
EVENT = uuid4()
ROUND_1 = Session(
    event_id=EVENT, kind=SessionKind.QUALIFYING, name="Qualifying Round 1", order=1, round_no=1
)
FINAL = Session(
    event_id=EVENT, kind=SessionKind.QUALIFYING, name="Qualifying Final", order=2, round_no=2
)
GROUP_A = Session(
    event_id=EVENT, kind=SessionKind.QUALIFYING, name="Qualifying Group A", order=1, group="A"
)
GROUP_B = Session(
    event_id=EVENT, kind=SessionKind.QUALIFYING, name="Qualifying Group B", order=2, group="B"
)


def _lap(session: Session, car: str, ms: int, second: int, flag: LapFlag | None = None) -> Lap:
    return Lap(
        session_id=session.id,
        car_number=car,
        lap_ms=ms,
        flag=flag,
        logged_at=T0 + timedelta(seconds=second),
    )


def _order(sessions, laps, plan: RoundPlan) -> list[tuple[str, int | None, int]]:
    runs = qualifying_order(sessions, laps, TieBreak.OWNER_POINTS, {}, plan)
    return [(run.car_number, run.best_lap_ms, run.round_reached) for run in runs]


def test_at_a_short_track_only_a_cars_first_two_timed_laps_count() -> None:
    plan = RoundPlan(QualifyingFormat.SINGLE_ROUND, laps=2, final_round_cars=10)
    laps = [
        _lap(ROUND_1, "11", 20_000, 0, LapFlag.OUT),  # a warm-up lap uses up no attempt
        _lap(ROUND_1, "11", 19_900, 1),
        _lap(ROUND_1, "11", 19_950, 2),
        _lap(ROUND_1, "11", 19_500, 3),  # a third timed lap: not part of the run
        _lap(ROUND_1, "24", 19_800, 4),
    ]
    assert _order([ROUND_1], laps, plan) == [("24", 19_800, 1), ("11", 19_900, 1)]


def test_the_lap_allowance_does_not_depend_on_the_order_laps_arrive_in() -> None:
    plan = RoundPlan(QualifyingFormat.SINGLE_ROUND, laps=1, final_round_cars=10)
    first, second = _lap(ROUND_1, "5", 30_100, 0), _lap(ROUND_1, "5", 29_900, 5)
    assert _order([ROUND_1], [second, first], plan) == [("5", 30_100, 1)]


def test_only_the_fastest_of_round_1_carry_a_final_round_time() -> None:
    plan = RoundPlan(QualifyingFormat.TWO_ROUNDS, laps=1, final_round_cars=2)
    laps = [
        _lap(ROUND_1, "8", 49_000, 0),
        _lap(ROUND_1, "19", 49_010, 1),
        _lap(ROUND_1, "24", 49_020, 2),
        _lap(FINAL, "19", 48_900, 10),
        _lap(FINAL, "8", 48_950, 11),
        _lap(FINAL, "24", 48_800, 12),  # 3rd in round 1: not in a final of 2
    ]
    assert _order([ROUND_1, FINAL], laps, plan) == [
        ("19", 48_900, 2),
        ("8", 48_950, 2),
        ("24", 49_020, 1),
    ]


def test_groups_then_final_takes_an_even_share_of_each_group_to_the_final() -> None:
    plan = RoundPlan(QualifyingFormat.GROUPS_THEN_FINAL, laps=1, final_round_cars=2)
    final = Session(event_id=EVENT, kind=SessionKind.QUALIFYING, name="Final", order=3, round_no=2)
    laps = [
        _lap(GROUP_A, "1", 90_000, 0),
        _lap(GROUP_A, "2", 90_010, 1),  # second in group A, but faster than group B's best
        _lap(GROUP_B, "3", 90_100, 2),
        _lap(GROUP_B, "4", 90_200, 3),
        _lap(final, "2", 89_000, 10),  # not a finalist: only group A's best goes
        _lap(final, "3", 89_500, 11),
        _lap(final, "1", 89_600, 12),
    ]
    order = _order([GROUP_A, GROUP_B, final], laps, plan)
    assert [car for car, _ms, _round in order] == ["3", "1", "2", "4"]


@given(st.permutations(range(8)), st.sampled_from(QualifyingFormat), st.integers(1, 3))
def test_the_live_board_ranks_as_the_rules_whatever_order_laps_are_applied_in(
    order: list[int], format_: QualifyingFormat, allowed: int
) -> None:
    plan = RoundPlan(format_, laps=allowed, final_round_cars=2)
    laps = [
        _lap(ROUND_1, "1", 50_000, 0),
        _lap(ROUND_1, "1", 49_900, 1),
        _lap(ROUND_1, "2", 49_950, 2, LapFlag.INVALID),
        _lap(ROUND_1, "2", 49_990, 3),
        _lap(ROUND_1, "3", 49_800, 4),
        _lap(FINAL, "2", 49_000, 10),
        _lap(FINAL, "3", 49_100, 11),
        _lap(FINAL, "1", 48_000, 12),
    ]
    shuffled = [laps[i] for i in order]
    board = LiveQualifyingBoard(
        sessions=[ROUND_1, FINAL],
        laps=shuffled,
        entries=[],
        driver_names={},
        owner_rank={},
        ruleset=CUP_2025,
        plan=plan,
    )
    assert board.runs() == qualifying_order([ROUND_1, FINAL], laps, TieBreak.OWNER_POINTS, {}, plan)


def test_a_finalist_without_a_final_time_ranks_behind_the_final_and_ahead_of_the_rest() -> None:
    plan = RoundPlan(QualifyingFormat.TWO_ROUNDS, laps=1, final_round_cars=2)
    laps = [
        _lap(ROUND_1, "8", 49_000, 0),
        _lap(ROUND_1, "19", 49_010, 1),
        _lap(ROUND_1, "24", 49_005, 2),  # 2nd in round 1, then no final lap
        _lap(ROUND_1, "5", 49_020, 3),
        _lap(FINAL, "8", 48_950, 10),
    ]
    before_final = _order([ROUND_1, FINAL], laps[:4], plan)
    assert [car for car, _ms, _round in before_final] == ["8", "24", "19", "5"]
    assert [car for car, _ms, _round in _order([ROUND_1, FINAL], laps, plan)] == [
        "8",
        "24",
        "19",
        "5",
    ]
    plan_of_three = RoundPlan(QualifyingFormat.TWO_ROUNDS, laps=1, final_round_cars=3)
    order = _order([ROUND_1, FINAL], [*laps, _lap(FINAL, "19", 48_990, 11)], plan_of_three)
    # No. 24 set no final time: behind Nos. 8 and 19, ahead of No. 5 (not in the final).
    assert [car for car, _ms, _round in order] == ["8", "19", "24", "5"]
