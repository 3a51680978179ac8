"""Laps that look like typing mistakes are questioned, by the session's own pace and the track."""

from __future__ import annotations

from uuid import uuid4

import pytest
from hypothesis import given, strategies as st

from domain import services
from domain.model import Lap, LapFlag, Session, SessionKind, TrackKind
from domain.rules.plausibility import (
    DoubtKind,
    LapToCheck,
    SessionPace,
    doubts_about_lap,
    groups_of_cars,
)
from tests.domain.services_world import make_world

QUALIFYING = Session(event_id=uuid4(), kind=SessionKind.QUALIFYING, name="Qualifying", order=1)
GROUP_A = Session(
    event_id=QUALIFYING.event_id,
    kind=SessionKind.QUALIFYING,
    name="Qualifying Group A",
    order=2,
    group="A",
)
GROUP_B = Session(
    event_id=QUALIFYING.event_id,
    kind=SessionKind.QUALIFYING,
    name="Qualifying Group B",
    order=3,
    group="B",
)


def _laps(session: Session, *times: tuple[str, int]) -> list[Lap]:
    return [Lap(session_id=session.id, car_number=car, lap_ms=ms) for car, ms in times]


def _check(car: str, lap_ms: int, kind: TrackKind = TrackKind.STREET, session=QUALIFYING):
    return LapToCheck(car_number=car, lap_ms=lap_ms, session=session, track_kind=kind)


# Chicago's street course: laps around 1:30 to 1:33.
CHICAGO = _laps(
    QUALIFYING,
    ("45", 90_400),
    ("78", 92_368),
    ("67", 92_506),
    ("23", 91_100),
    ("88", 91_900),
    ("5", 90_950),
)


def _kinds(doubts) -> list[DoubtKind]:
    return [doubt.kind for doubt in doubts]


def test_a_lap_a_minute_faster_than_the_session_best_asks_before_it_takes_pole() -> None:
    doubts = doubts_about_lap(_check("5", 31_234), CHICAGO, {})
    assert _kinds(doubts) == [DoubtKind.TOO_FAST]
    assert doubts[0].question == (
        "31.234 is 59.166 s faster than the session's best (1:30.400): is that the time you meant?"
    )


def test_a_new_best_within_three_percent_of_the_session_best_goes_in_without_a_question() -> None:
    assert doubts_about_lap(_check("5", 87_700), CHICAGO, {}) == []  # 97.0% of 1:30.400
    assert _kinds(doubts_about_lap(_check("5", 87_687), CHICAGO, {})) == [DoubtKind.TOO_FAST]


@pytest.mark.parametrize(
    ("kind", "asked"),
    [(TrackKind.OVAL, True), (TrackKind.SUPERSPEEDWAY, False)],
)
def test_the_fast_side_of_the_band_is_tuned_by_the_track(kind, asked) -> None:
    # 96% of the best: a typing mistake on an oval, a draft on a superspeedway.
    laps = _laps(QUALIFYING, ("1", 50_000))
    assert bool(doubts_about_lap(_check("2", 48_000, kind), laps, {})) is asked


def test_a_lap_far_slower_than_the_typical_lap_asks() -> None:
    # Median of six: 1:31.100; a street course allows 160% of it (2:25.760).
    assert doubts_about_lap(_check("5", 145_760), CHICAGO, {}) == []
    doubts = doubts_about_lap(_check("5", 145_761), CHICAGO, {})
    assert _kinds(doubts) == [DoubtKind.TOO_SLOW]
    assert "160% of the session's typical lap (1:31.100)" in doubts[0].question


def test_an_oval_asks_sooner_about_a_slow_lap_than_a_road_course() -> None:
    assert _kinds(doubts_about_lap(_check("5", 140_000, TrackKind.OVAL), CHICAGO, {})) == [
        DoubtKind.TOO_SLOW
    ]
    assert doubts_about_lap(_check("5", 140_000, TrackKind.ROAD), CHICAGO, {}) == []


def test_too_few_laps_make_no_typical_lap_and_no_slow_question() -> None:
    assert doubts_about_lap(_check("5", 300_000), CHICAGO[:4], {}) == []


def test_flagged_laps_neither_set_the_best_nor_the_typical_lap() -> None:
    laps = [Lap(session_id=QUALIFYING.id, car_number="9", lap_ms=40_000, flag=LapFlag.INVALID)]
    assert doubts_about_lap(_check("5", 41_000), laps, {}) == []
    assert doubts_about_lap(_check("5", 41_000), [*laps, *CHICAGO], {})[0].kind is (
        DoubtKind.TOO_FAST
    )


def test_the_first_lap_of_a_session_is_never_questioned() -> None:
    assert doubts_about_lap(_check("5", 31_234), [], {}) == []


def test_the_same_time_as_the_cars_previous_lap_asks() -> None:
    laps = [*CHICAGO, *_laps(QUALIFYING, ("5", 91_234), ("45", 91_234))]
    assert doubts_about_lap(_check("45", 91_234), laps, {})[0].question == (
        "No. 45's previous lap was also 1:31.234: log the same time again?"
    )
    # Only the car's own last lap counts: No. 5 ran 1:31.234 before, then 1:30.950.
    assert doubts_about_lap(_check("5", 90_950), laps, {}) == []


def test_a_car_that_ran_in_group_b_asks_before_a_lap_in_group_a() -> None:
    doubts = doubts_about_lap(_check("67", 92_000, session=GROUP_A), CHICAGO, {"67": "B"})
    assert _kinds(doubts) == [DoubtKind.OTHER_GROUP]
    assert doubts[0].question == (
        "No. 67 ran in Group B, but this is Qualifying Group A: log it in Group A?"
    )


def test_groups_of_cars_are_read_from_the_other_groups_of_the_same_round() -> None:
    final = Session(
        event_id=QUALIFYING.event_id,
        kind=SessionKind.QUALIFYING,
        name="Qualifying Final",
        order=4,
        round_no=2,
        group="F",
    )
    laps = [
        *_laps(GROUP_B, ("67", 92_000)),
        *_laps(GROUP_A, ("78", 92_100)),
        *_laps(final, ("5", 90_000)),
    ]
    sessions = [GROUP_A, GROUP_B, final]
    assert groups_of_cars(sessions, laps, GROUP_A) == {"67": "B"}
    assert groups_of_cars(sessions, laps, GROUP_B) == {"78": "A"}


def test_other_group_cars_reads_the_event_without_saving_anything() -> None:
    world = make_world()
    group_a, _ = services.add_session(
        world.uow(), world.event.id, SessionKind.QUALIFYING, "Qualifying Group A", group="A"
    )
    group_b, _ = services.add_session(
        world.uow(), world.event.id, SessionKind.QUALIFYING, "Qualifying Group B", group="B"
    )
    services.log_lap(world.uow(), group_b.id, "11", "31.100")
    services.log_lap(world.uow(), group_a.id, "1", "31.000")
    assert services.other_group_cars(world.uow(), group_a.id) == {"11": "B"}
    assert services.other_group_cars(world.uow(), group_b.id) == {"1": "A"}
    assert services.other_group_cars(world.uow(), world.practice.id) == {}


@given(
    st.lists(
        st.tuples(st.sampled_from(["5", "24", "78"]), st.integers(80_000, 100_000), st.booleans()),
        max_size=30,
    ),
    st.integers(20_000, 200_000),
)
def test_a_pace_kept_lap_by_lap_asks_what_the_whole_list_would(drawn, lap_ms) -> None:
    laps = [
        Lap(
            session_id=QUALIFYING.id,
            car_number=car,
            lap_ms=ms,
            flag=LapFlag.OUT if flagged else None,
        )
        for car, ms, flagged in drawn
    ]
    pace = SessionPace()
    for lap in laps:
        pace.add(lap)
    check = _check("5", lap_ms)
    assert doubts_about_lap(check, pace, {}) == doubts_about_lap(check, laps, {})
