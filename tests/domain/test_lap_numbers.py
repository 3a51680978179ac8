"""Lap numbers within a car's run of a session: feed laps keep NASCAR's, typed laps follow on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from domain.model import Lap
from domain.rules.lap_numbers import lap_name, lap_numbers

SESSION = uuid4()
START = datetime(2025, 7, 5, 15, tzinfo=UTC)


def _lap(car: str, second: int, number: int | None = None) -> Lap:
    return Lap(session_id=SESSION, car_number=car, lap_ms=90_000,
               logged_at=START + timedelta(seconds=second), lap_number=number)  # fmt: skip


def test_typed_laps_are_numbered_in_the_order_logged_for_each_car_apart() -> None:
    laps = [_lap("48", 3), _lap("5", 1), _lap("48", 1), _lap("48", 2)]
    numbers = lap_numbers(laps)
    assert [numbers[lap.id] for lap in laps] == [3, 1, 1, 2]
    assert lap_name(laps[0], numbers[laps[0].id]) == "No. 48's lap 3"


def test_a_typed_lap_after_feed_laps_takes_the_next_number_after_the_feeds() -> None:
    feed = [_lap("48", 1, 10), _lap("48", 2, 11)]
    typed = _lap("48", 3)
    assert lap_numbers([typed, *feed])[typed.id] == 12


def test_two_laps_typed_on_two_laptops_at_one_moment_are_numbered_the_same_everywhere() -> None:
    first, second = _lap("48", 5), _lap("48", 5)
    forward, backward = lap_numbers([first, second]), lap_numbers([second, first])
    assert forward == backward and sorted(forward.values()) == [1, 2]


def test_a_lap_no_longer_stored_is_named_by_its_car() -> None:
    assert lap_name(_lap("48", 1), None) == "No. 48's lap"
