"""Every whole number has a documented range, checked on the text before it becomes an int."""

from __future__ import annotations

import pytest

from domain import bounds
from domain.errors import ValidationError
from domain.services import add_penalty
from tests.domain.services_world import make_world


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("200", 200), ("0200", 200), ("2000", 2000), (" 45 ", 45), ("0" * 5000, 0)],
)
def test_laps_within_the_range_are_read_whatever_their_leading_zeros(text, expected):
    assert bounds.LAPS.read(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2001", "9223372036854775808", "3000000000", "9" * 4301, "1" + "0" * 100_000],
)
def test_a_number_beyond_the_range_is_refused_before_conversion_with_the_range(text):
    with pytest.raises(ValidationError) as refused:
        bounds.LAPS.read(text, "laps")
    message = str(refused.value)
    assert "is out of range: it must be from 0 to 2,000" in message
    assert len(message) < 200  # a huge cell is shown by its start and length


@pytest.mark.parametrize("text", ["-1", "1.5", "1e3", "١٢", "12 laps", "0x10", "+3"])
def test_anything_but_the_digits_0_to_9_is_not_a_whole_number(text):
    with pytest.raises(ValidationError, match="is not a whole number; write digits only"):
        bounds.POSITION.read(text, "finish")


def test_a_position_of_zero_is_below_the_range():
    with pytest.raises(ValidationError, match="finish '0' is out of range: it must be from 1"):
        bounds.POSITION.read("0", "finish")


def test_a_huge_cell_is_shown_cut_short_with_its_length():
    assert bounds.shown("7" * 4301) == f"'{'7' * 24}…' (4,301 characters)"


def test_a_typed_deduction_beyond_the_points_range_is_refused():
    world = make_world()
    with pytest.raises(ValidationError, match="at most 10,000 points"):
        add_penalty(world.uow(), world.event.id, "98", reason="L2", driver_points=2**63)
