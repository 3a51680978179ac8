"""Drivers level on points: countback (most wins, 2nds…) or the better latest finish."""

from __future__ import annotations

from uuid import uuid4

from domain.rules.standings import RaceLine
from domain.rules.tiebreaks import rank
from domain.ruleset import StandingsTiebreak


def _line(round_no: int, position: int | None) -> RaceLine:
    return RaceLine(
        event_id=uuid4(), round_no=round_no, car_number="1", position=position, stage1=None,
        stage2=None, stages=0, finish=0, bonus=0, penalty=0, total=0,
    )  # fmt: skip


# Level on points: A won race 1 and was 9th in race 3; B was 2nd twice, then 3rd in race 3.
LINES = {
    "A": [_line(1, 1), _line(2, 20), _line(3, 9)],
    "B": [_line(1, 2), _line(2, 2), _line(3, 3)],
    "C": [_line(1, 30), _line(3, 1)],
}


def _ranked(tiebreak: StandingsTiebreak, points: dict[str, int]) -> list[str]:
    return rank(list(points), points.__getitem__, LINES.__getitem__, str, tiebreak)


def test_countback_puts_the_driver_with_more_wins_first():
    assert _ranked(StandingsTiebreak.COUNTBACK, {"A": 50, "B": 50}) == ["A", "B"]


def test_latest_finish_puts_the_better_finish_in_the_latest_race_first():
    assert _ranked(StandingsTiebreak.LATEST_FINISH, {"A": 50, "B": 50}) == ["B", "A"]


def test_a_race_not_run_counts_behind_every_finish():
    points = {"A": 50, "C": 50}
    assert _ranked(StandingsTiebreak.LATEST_FINISH, points) == ["C", "A"]  # C won race 3
    lines_without_race_3 = {"A": LINES["A"][:2], "C": LINES["C"][:1]}
    ordered = rank(
        list(points), points.__getitem__, lines_without_race_3.__getitem__, str,
        StandingsTiebreak.LATEST_FINISH,
    )  # fmt: skip
    assert ordered == ["A", "C"]  # race 2: A 20th, C did not race


def test_points_come_before_any_tiebreak():
    assert _ranked(StandingsTiebreak.LATEST_FINISH, {"A": 51, "B": 50, "C": 49}) == ["A", "B", "C"]
