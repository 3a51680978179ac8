"""The cutoff in one set of words: the gap, what was needed, and the last car in's margin."""

from __future__ import annotations

from domain.rules.cutoff_words import OpenCar, behind_words, cutoff_notes


def _car(car: str, gap: int, *, starts: bool = True, needed: int | None = None) -> OpenCar:
    return OpenCar(car_number=car, gap_to_cutoff_ms=gap, starts=starts, needed_ms=needed)


CHICAGO_OPEN_CARS = [
    _car("13", -1_200),
    _car("33", -400),
    _car("66", -90),
    _car("78", 0),
    _car("67", 138, starts=False, needed=139),
]


def test_every_open_car_is_placed_against_the_cutoff_car_in_words() -> None:
    assert cutoff_notes(CHICAGO_OPEN_CARS, "78") == {
        "13": "1.200 s faster than No. 78, the cutoff",
        "33": "0.400 s faster than No. 78, the cutoff",
        "66": "0.090 s faster than No. 78, the cutoff",
        "78": "0.138 s faster than No. 67, the first car out",
        "67": "0.138 s slower than No. 78; needed 0.139 s to beat it",
    }


def test_a_car_level_with_the_cutoff_and_beaten_on_the_tie_break_needed_a_thousandth() -> None:
    notes = cutoff_notes([_car("78", 0), _car("67", 0, starts=False, needed=1)], "78")
    assert notes["67"] == "level with No. 78; needed 0.001 s to beat it"
    assert notes["78"] == "level with No. 67, the first car out, and ahead on the tie-break"


def test_a_car_behind_the_cutoff_that_starts_on_a_provisional_is_out_on_speed_only() -> None:
    notes = cutoff_notes([_car("33", 0), _car("34", 250), _car("37", 400, needed=400)], "33")
    assert notes["33"] == "0.250 s faster than No. 34, the fastest car out on speed"
    assert notes["34"] == "0.250 s slower than No. 33"
    assert notes["37"] == "0.400 s slower than No. 33; needed 0.400 s to beat it"


def test_no_cutoff_no_words_and_a_cutoff_car_with_nobody_behind_has_no_margin() -> None:
    assert cutoff_notes(CHICAGO_OPEN_CARS, None) == {}
    assert "78" not in cutoff_notes(CHICAGO_OPEN_CARS[:4], "78")


def test_the_reason_and_the_board_share_the_behind_words() -> None:
    assert behind_words(1_506, "No. 78 (Katherine Legge)", 1_507) == (
        "1.506 s slower than No. 78 (Katherine Legge); needed 1.507 s to beat it"
    )
