"""Qualifying order from laps: groups combined by time, knockout rounds, flags and ties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from domain.model import Lap, LapFlag, Session, SessionKind
from domain.rules.qualifying import qualifying_order
from domain.ruleset import TieBreak

EVENT = uuid4()
T0 = datetime(2025, 7, 5, 15, 0, tzinfo=UTC)


def _session(kind: SessionKind = SessionKind.QUALIFYING, **fields: object) -> Session:
    return Session(event_id=EVENT, kind=kind, name=str(kind), order=1, **fields)


def _lap(session: Session, car: str, lap_ms: int, minute: int = 0, **fields: object) -> Lap:
    logged_at = T0 + timedelta(minutes=minute)
    return Lap(session_id=session.id, car_number=car, lap_ms=lap_ms, logged_at=logged_at, **fields)


def _cars(runs: list) -> list[str]:
    return [run.car_number for run in runs]


def test_each_car_ranks_by_its_best_unflagged_lap() -> None:
    qualifying = _session()
    laps = [
        _lap(qualifying, "78", 92_368),
        _lap(qualifying, "67", 91_000, flag=LapFlag.INVALID),  # bent toe link: not a lap
        _lap(qualifying, "67", 92_506, minute=1),
        _lap(qualifying, "13", 92_900),
        _lap(qualifying, "13", 92_100, minute=2),
    ]
    runs = qualifying_order([qualifying], laps, TieBreak.OWNER_POINTS, {})
    assert _cars(runs) == ["13", "78", "67"]
    assert [run.best_lap_ms for run in runs] == [92_100, 92_368, 92_506]
    assert runs[0].set_at == T0 + timedelta(minutes=2)


def test_practice_and_cancelled_sessions_do_not_count() -> None:
    practice = _session(SessionKind.PRACTICE)
    cancelled = _session(cancelled=True)
    qualifying = _session()
    laps = [
        _lap(practice, "5", 80_000),
        _lap(cancelled, "9", 80_000),
        _lap(qualifying, "5", 90_000),
    ]
    runs = qualifying_order([practice, cancelled, qualifying], laps, TieBreak.OWNER_POINTS, {})
    assert _cars(runs) == ["5"]
    assert runs[0].best_lap_ms == 90_000


def test_two_groups_combine_by_time_and_keep_their_group() -> None:
    group_a, group_b = _session(group="A"), _session(group="B")
    laps = [
        _lap(group_a, "45", 90_100),
        _lap(group_a, "23", 90_400),
        _lap(group_b, "88", 90_000),
        _lap(group_b, "35", 90_300),
    ]
    runs = qualifying_order([group_a, group_b], laps, TieBreak.OWNER_POINTS, {})
    assert _cars(runs) == ["88", "45", "35", "23"]
    assert [run.group for run in runs] == ["B", "A", "B", "A"]


def test_knockout_finalists_rank_ahead_of_faster_first_round_times() -> None:
    first, final = _session(round_no=1), _session(round_no=2)
    laps = [
        _lap(first, "1", 90_000),
        _lap(first, "2", 90_100),
        _lap(first, "3", 90_200),
        _lap(final, "1", 90_500),  # slower in the final than in round 1: the final's best counts
        _lap(final, "2", 90_300),
    ]
    runs = qualifying_order([first, final], laps, TieBreak.OWNER_POINTS, {})
    assert _cars(runs) == ["2", "1", "3"]
    assert [(run.round_reached, run.best_lap_ms) for run in runs] == [
        (2, 90_300),
        (2, 90_500),
        (1, 90_200),
    ]


def test_a_finalist_without_a_final_time_ranks_first_among_the_eliminated_by_round_one() -> None:
    first, final = _session(round_no=1), _session(round_no=2)
    laps = [
        _lap(first, "1", 90_000),
        _lap(first, "2", 90_100),
        _lap(first, "3", 90_200),
        _lap(final, "2", 90_300),
        _lap(final, "1", 89_000, flag=LapFlag.CAUTION),
    ]
    runs = qualifying_order([first, final], laps, TieBreak.OWNER_POINTS, {})
    assert _cars(runs) == ["2", "1", "3"]
    assert runs[1].round_reached == 1


def test_identical_times_go_to_the_better_owner_points_rank() -> None:
    qualifying = _session()
    laps = [_lap(qualifying, "66", 92_000), _lap(qualifying, "33", 92_000, minute=1)]
    runs = qualifying_order([qualifying], laps, TieBreak.OWNER_POINTS, {"33": 30, "66": 38})
    assert _cars(runs) == ["33", "66"]


def test_identical_times_go_to_the_car_that_set_it_first_when_the_pack_says_so() -> None:
    qualifying = _session()
    laps = [_lap(qualifying, "33", 92_000, minute=5), _lap(qualifying, "66", 92_000, minute=1)]
    runs = qualifying_order([qualifying], laps, TieBreak.FIRST_SET, {"33": 30, "66": 38})
    assert _cars(runs) == ["66", "33"]


def test_an_unranked_car_loses_an_owner_points_tie_to_a_ranked_one() -> None:
    qualifying = _session()
    laps = [_lap(qualifying, "67", 92_000), _lap(qualifying, "78", 92_000)]
    runs = qualifying_order([qualifying], laps, TieBreak.OWNER_POINTS, {"78": 37})
    assert _cars(runs) == ["78", "67"]


def test_cars_with_only_flagged_laps_come_last_by_owner_rank_then_car_number() -> None:
    qualifying = _session()
    flagged = {"flag": LapFlag.OUT}
    laps = [
        _lap(qualifying, "9", 95_000, **flagged),
        _lap(qualifying, "01", 95_000, **flagged),
        _lap(qualifying, "1", 95_000, **flagged),
        _lap(qualifying, "23", 95_000, **flagged),
        _lap(qualifying, "5", 93_000),
    ]
    runs = qualifying_order([qualifying], laps, TieBreak.OWNER_POINTS, {"23": 4})
    assert _cars(runs) == ["5", "23", "1", "9", "01"]  # car_sort_key: (length, text)
    assert [run.best_lap_ms for run in runs[1:]] == [None, None, None, None]
