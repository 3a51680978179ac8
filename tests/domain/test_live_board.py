"""Live boards: laps applied one by one (and edited, deleted) agree with the rules over all laps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from hypothesis import given, strategies as st

from domain.model import Lap, LapFlag, Session, SessionKind
from domain.rules.field import FieldStatus, set_field
from domain.rules.live_board import LivePracticeBoard, LiveQualifyingBoard
from domain.rules.practice import lap_trace, practice_board
from domain.rules.qualifying import qualifying_order
from domain.ruleset import TieBreak
from tests.domain.chicago import chicago_entries
from tests.domain.rulesets_for_tests import CUP_2025

EVENT = uuid4()
T0 = datetime(2025, 7, 5, 15, 0, tzinfo=UTC)
SESSIONS = [
    Session(event_id=EVENT, kind=SessionKind.PRACTICE, name="Practice", order=1),
    Session(event_id=EVENT, kind=SessionKind.QUALIFYING, name="Group A", order=2, group="A"),
    Session(event_id=EVENT, kind=SessionKind.QUALIFYING, name="Group B", order=3, group="B"),
    Session(event_id=EVENT, kind=SessionKind.QUALIFYING, name="Final", order=4, round_no=2),
    Session(event_id=EVENT, kind=SessionKind.QUALIFYING, name="Off", order=5, cancelled=True),
]
CARS = ("0", "00", "01", "1", "11F")
OWNER_RANK = {"00": 1, "1": 2, "0": 3}

# Few times and few minutes, so ties in time and in the moment logged are common.
new_laps = st.builds(
    lambda session, car, lap_ms, minute, flag: Lap(
        session_id=session.id,
        car_number=car,
        lap_ms=lap_ms,
        flag=flag,
        logged_at=T0 + timedelta(minutes=minute),
    ),
    st.sampled_from(SESSIONS),
    st.sampled_from(CARS),
    st.integers(min_value=90_000, max_value=90_004),
    st.integers(min_value=0, max_value=3),
    st.one_of(st.none(), st.sampled_from(LapFlag)),
)
# An edit: (which held lap, new time, new car, new flag); a delete: which held lap.
edits = st.tuples(
    st.integers(min_value=0),
    st.integers(min_value=90_000, max_value=90_004),
    st.sampled_from(CARS),
    st.one_of(st.none(), st.sampled_from(LapFlag)),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), new_laps),
        st.tuples(st.just("edit"), edits),
        st.tuples(st.just("delete"), st.integers(min_value=0)),
    ),
    max_size=30,
)


def _apply(board, held: list[Lap], step: tuple) -> None:
    """One lap-log step on the live board and on the plain list of laps it must agree with."""
    kind, what = step
    if kind == "add":
        held.append(what)
        board.lap_added(what)
    elif held and kind == "edit":
        index, lap_ms, car, flag = what
        index %= len(held)
        held[index] = replace(held[index], lap_ms=lap_ms, car_number=car, flag=flag)
        board.lap_changed(held[index])
    elif held and kind == "delete":
        board.lap_removed(held.pop(what % len(held)))


def _qualifying_board(laps: list[Lap], tie_break: TieBreak) -> LiveQualifyingBoard:
    entries = chicago_entries()
    return LiveQualifyingBoard(
        sessions=SESSIONS,
        laps=laps,
        entries=entries.entries,
        driver_names=entries.driver_names,
        owner_rank=OWNER_RANK,
        ruleset=replace(CUP_2025, field=replace(CUP_2025.field, tie_break=tie_break)),
    )


@given(steps, st.sampled_from(TieBreak))
def test_laps_applied_one_by_one_give_the_qualifying_order_of_all_laps(steps, tie_break):
    board, held = _qualifying_board([], tie_break), []
    for step in steps:
        _apply(board, held, step)
        assert board.runs() == qualifying_order(SESSIONS, held, tie_break, OWNER_RANK)


@given(st.lists(new_laps, max_size=30), st.randoms(use_true_random=False))
def test_the_order_laps_arrive_in_never_changes_the_qualifying_order(laps, random):
    shuffled = list(laps)
    random.shuffle(shuffled)
    assert qualifying_order(SESSIONS, shuffled, TieBreak.FIRST_SET, OWNER_RANK) == (
        qualifying_order(SESSIONS, laps, TieBreak.FIRST_SET, OWNER_RANK)
    )


def test_the_live_board_sets_the_field_as_set_field_does_and_heim_goes_home():
    group_a = SESSIONS[1]
    open_laps = [("13", 91_902), ("33", 91_515), ("66", 92_299), ("78", 92_368), ("67", 92_506)]
    laps = [
        Lap(session_id=group_a.id, car_number=car, lap_ms=ms, logged_at=T0 + timedelta(minutes=i))
        for i, (car, ms) in enumerate(open_laps)
    ]
    board = _qualifying_board(laps[:2], TieBreak.OWNER_POINTS)
    for lap in laps[2:]:
        board.lap_added(lap)

    entries = chicago_entries()
    runs = qualifying_order(SESSIONS, laps, TieBreak.OWNER_POINTS, OWNER_RANK)
    expected = set_field(
        entries.entries, runs, CUP_2025, OWNER_RANK, driver_names=entries.driver_names
    )
    result = board.result()
    assert [row.car_number for row in result.rows] == [row.car_number for row in expected.rows]
    assert [row.status for row in result.rows] == [row.status for row in expected.rows]
    assert {row.car_number: row.status for row in result.dnq} == {"67": FieldStatus.DNQ}


@given(steps)
def test_practice_laps_applied_one_by_one_give_the_practice_board_of_all_laps(steps):
    practice = SESSIONS[0]
    board, held = LivePracticeBoard(practice.id, []), []
    for step in steps:
        _apply(board, held, step)
        own = [lap for lap in held if lap.session_id == practice.id]
        assert board.rows() == practice_board(own)
        for car in CARS:
            assert board.trace(car) == lap_trace(own, car)


def test_a_practice_board_built_from_stored_laps_leaves_other_sessions_out():
    practice, group_a = SESSIONS[0], SESSIONS[1]
    laps = [
        Lap(session_id=practice.id, car_number="5", lap_ms=91_000, logged_at=T0),
        Lap(session_id=group_a.id, car_number="5", lap_ms=80_000, logged_at=T0),
    ]

    (row,) = LivePracticeBoard(practice.id, laps).rows()

    assert (row.car_number, row.laps_run, row.best_lap_ms) == ("5", 1, 91_000)
