"""Setting the field: the 2025 Chicago street race, the OEP, provisionals, cancelled qualifying."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.errors import DuplicateError, RuleSetError, ValidationError
from domain.model import Entry, Lap, LapFlag, Session, SessionKind
from domain.rules.field import CancelledInputs, FieldResult, FieldStatus, bubble_index, set_field
from domain.rules.qualifying import qualifying_order
from domain.ruleset import RuleSet
from tests.domain.chicago import chicago_entries
from tests.domain.rulesets_for_tests import CUP_2023, CUP_2025, TRUCK_2023, XFINITY_2023

T0 = datetime(2025, 7, 5, 15, 0, tzinfo=UTC)

# Illustrative Chicago times (only Legge's and Heim's were reported): pole 1:31.000, 30 ms a
# place; Reddick 4th, Herbst 21st, Wallace crashed to 37th; No. 51 sets no time, No. 7 is slow.
_FAST = ["88", "9", "5", "45", "1", "24", "20", "11", "12", "19", "22", "16", "2", "48", "6"]
_FAST += ["17", "13", "54", "33", "60", "35", "66", "3", "4", "8", "10", "21", "34", "38"]
_FAST += ["41", "42", "43", "47", "71", "77", "99", "23"]
CHICAGO_TIMES = {car: 91_000 + 30 * place for place, car in enumerate(_FAST)}
CHICAGO_TIMES |= {"78": 92_368, "67": 92_506, "7": 93_100}


def _laps(session: Session, times: dict[str, int]) -> list[Lap]:
    return [
        Lap(session_id=session.id, car_number=car, lap_ms=ms, logged_at=T0 + timedelta(seconds=i))
        for i, (car, ms) in enumerate(times.items())
    ]


def _field(
    entries: list[Entry],
    times: dict[str, int],
    ruleset: RuleSet = CUP_2025,
    owner_rank: dict[str, int] | None = None,
    names: dict[str, str] | None = None,
) -> FieldResult:
    session = Session(event_id=uuid4(), kind=SessionKind.QUALIFYING, name="Qualifying", order=2)
    laps = _laps(session, times)
    # Heim bent a toe link on his first lap: flagged, it does not count.
    laps.append(Lap(session_id=session.id, car_number="67", lap_ms=91_000, flag=LapFlag.INVALID))
    ranks = owner_rank or {}
    runs = qualifying_order([session], laps, ruleset.field.tie_break, ranks)
    return set_field(entries, runs, ruleset, ranks, driver_names=names or {})


def _chicago(times: dict[str, int] = CHICAGO_TIMES, **changes: dict[str, object]) -> FieldResult:
    weekend = chicago_entries()
    entries = [dataclasses.replace(e, **changes.get(e.car_number, {})) for e in weekend.entries]
    return _field(entries, times, names=weekend.driver_names)


def _row(result: FieldResult, car: str):
    return next(row for row in result.rows if row.car_number == car)


def test_legge_takes_the_last_open_spot_and_heim_goes_home_needing_0_139_s() -> None:
    result = _chicago()
    legge, heim = _row(result, "78"), _row(result, "67")
    assert legge.status is FieldStatus.ON_SPEED
    assert legge.reason == "In on speed: 4th-fastest of 5 open cars for 4 open spots."
    assert heim.status is FieldStatus.DNQ
    assert heim.needed_ms == 139
    assert heim.reason == (
        "No. 67 (Corey Heim) is the 5th-fastest of 5 open cars for 4 open spots: 0.138 s slower "
        "than No. 78 (Katherine Legge); needed 0.139 s to beat it."
    )
    # The board says the same in its own words, and the last car in shows its margin.
    assert heim.cutoff_note == "0.138 s slower than No. 78; needed 0.139 s to beat it"
    assert legge.cutoff_note == "0.138 s faster than No. 67, the first car out"
    assert (legge.cutoff_margin_ms, heim.cutoff_margin_ms) == (138, None)
    assert _row(result, "23").cutoff_note == ""  # chartered: the cutoff is not its race
    assert [row.car_number for row in result.dnq] == ["67"]
    assert result.cutoff_ms == 92_368
    assert result.summary == "41 entered for 40 spots: 1 will go home"


def test_forty_start_at_chicago_in_qualifying_order() -> None:
    result = _chicago()
    assert (result.entered, result.starting_field, result.open_spots) == (41, 40, 4)
    starts = {row.car_number: row.starting_position for row in result.lineup}
    assert (starts["45"], starts["35"], starts["23"], starts["78"]) == (4, 21, 37, 38)
    assert [row.starting_position for row in result.lineup] == list(range(1, 41))
    assert _row(result, "67").starting_position is None


def test_a_chartered_car_with_no_time_starts_at_the_rear() -> None:
    result = _chicago()
    ware = result.lineup[-1]
    assert ware.car_number == "51"
    assert (ware.status, ware.position, ware.best_lap_ms) == (FieldStatus.GUARANTEED, None, None)
    assert ware.reason == "Chartered, no time set: starts at the rear."
    assert _row(result, "7").reason == "Chartered: starts regardless of speed."
    assert _row(result, "7").starting_position == 39


def test_chicago_has_no_open_exemption_provisional() -> None:
    result = _chicago()
    assert all(row.status is not FieldStatus.OEP for row in result.rows)


def test_gaps_are_to_pole_to_the_car_ahead_and_to_the_cutoff() -> None:
    result = _chicago()
    heim, legge, wallace = _row(result, "67"), _row(result, "78"), _row(result, "23")
    assert (heim.gap_to_pole_ms, heim.gap_to_ahead_ms, heim.gap_to_cutoff_ms) == (1506, 138, 138)
    assert legge.gap_to_cutoff_ms == 0
    assert _row(result, "13").gap_to_cutoff_ms < 0
    assert wallace.gap_to_cutoff_ms is None  # chartered: the cutoff is not its race
    assert result.rows[0].gap_to_pole_ms == 0 and result.rows[0].gap_to_ahead_ms is None


def test_the_bubble_line_goes_under_the_last_open_car_in() -> None:
    result = _chicago()
    assert result.rows[bubble_index(result)].car_number == "78"


def test_the_oep_car_starts_where_it_qualified_and_makes_the_field_41() -> None:
    result = _chicago(**{"67": {"oep": True}})
    heim = _row(result, "67")
    assert heim.status is FieldStatus.OEP
    assert heim.reason == (
        "In on the Open Exemption Provisional: it raced for an open spot and missed "
        "(41 entered for 40 spots)."
    )
    assert (result.starting_field, result.dnq) == (41, [])
    assert heim.starting_position == 39  # between Legge (38th) and the slow No. 7
    assert (
        result.summary
        == "41 entered for 40 spots and the Open Exemption Provisional: everyone starts"
    )


def test_a_2025_oep_car_fast_enough_takes_an_open_spot_and_the_field_stays_40() -> None:
    # 2025: the OEP car races for an open spot first; Heim on Legge's time beats Legge.
    weekend = chicago_entries()
    entries = [dataclasses.replace(e, oep=e.car_number == "67") for e in weekend.entries]
    result = _field(entries, CHICAGO_TIMES | {"67": 92_000})
    assert _row(result, "67").status is FieldStatus.ON_SPEED
    assert result.starting_field == 40
    assert [row.car_number for row in result.dnq] == ["78"]


def test_with_42_entries_the_oep_car_is_in_and_the_slowest_other_open_car_goes_home() -> None:
    weekend = chicago_entries()
    extra = dataclasses.replace(weekend.entries[0], id=uuid4(), car_number="15", guaranteed=False)
    entries = [dataclasses.replace(e, oep=e.car_number == "67") for e in weekend.entries]
    result = _field([*entries, extra], CHICAGO_TIMES | {"15": 93_500})
    assert result.starting_field == 41
    assert [row.car_number for row in result.dnq] == ["15"]
    assert _row(result, "67").status is FieldStatus.OEP


def test_with_forty_entries_the_oep_is_an_ordinary_entry() -> None:
    result = _chicago(**{"67": {"oep": True}, "13": {"withdrawn": True}})
    assert (result.entered, result.starting_field) == (40, 40)
    assert _row(result, "67").status is FieldStatus.ON_SPEED
    assert result.summary == "40 entered for 40 spots: everyone starts"
    assert all(row.car_number != "13" for row in result.rows)


def test_the_2023_cup_pack_has_no_oep_so_the_field_stays_at_40() -> None:
    weekend = chicago_entries()
    entries = [dataclasses.replace(e, oep=e.car_number == "67") for e in weekend.entries]
    result = _field(entries, CHICAGO_TIMES, CUP_2023)
    assert result.starting_field == 40
    assert [row.car_number for row in result.dnq] == ["67"]


@pytest.mark.parametrize(
    ("owner_rank", "in_car", "out_car"),
    [({"78": 37}, "78", "67"), ({"78": 37, "67": 20}, "67", "78")],
)
def test_identical_times_at_the_cutoff_go_to_the_better_owner_rank(
    owner_rank: dict[str, int], in_car: str, out_car: str
) -> None:
    weekend = chicago_entries()
    times = CHICAGO_TIMES | {"67": 92_368}
    result = _field(weekend.entries, times, owner_rank=owner_rank, names=weekend.driver_names)
    assert _row(result, in_car).status is FieldStatus.ON_SPEED
    assert _row(result, out_car).status is FieldStatus.DNQ
    assert _row(result, out_car).needed_ms == 1  # level is not enough: the tie-break lost


def _series_entries(count: int, past_champions: tuple[str, ...] = ()) -> list[Entry]:
    event = uuid4()
    return [
        Entry(
            event_id=event,
            car_number=str(n),
            driver_id=uuid4(),
            team=f"Team {n}",
            owner=f"Owner {n}",
            make="Ford",
            past_champion=str(n) in past_champions,
        )
        for n in range(1, count + 1)
    ]


# Cars 1..40 qualify in number order; the slow ones are strong in owner points.
XFINITY_TIMES = {str(n): 100_000 + 50 * n for n in range(1, 41)}
XFINITY_RANKS = {"40": 1, "39": 2, "35": 3, "34": 4, "37": 10, "38": 11, "36": 35}


def test_xfinity_takes_33_on_speed_four_by_owner_points_and_a_past_champion() -> None:
    entries = _series_entries(40, past_champions=("38",))
    result = _field(entries, XFINITY_TIMES, XFINITY_2023, XFINITY_RANKS)
    statuses = {row.car_number: row.status for row in result.rows}
    assert {car for car, s in statuses.items() if s is FieldStatus.ON_SPEED} == {
        str(n) for n in range(1, 34)
    }
    assert [row.car_number for row in result.lineup[33:]] == ["40", "39", "35", "34", "38"]
    assert statuses["38"] is FieldStatus.PAST_CHAMPION
    assert [row.car_number for row in result.dnq] == ["36", "37"]
    assert _row(result, "35").reason == "In on an owner-points provisional (3rd in owner points)."
    assert result.summary == "40 entered for 38 spots: 2 will go home"
    # No. 37 is 0.200 s slower than No. 33 and ranks ahead of it in owner points, so a tie
    # would have beaten it: it needed exactly the gap.
    assert _row(result, "37").reason == (
        "No. 37 is the 37th-fastest of 40 open cars for 33 spots on speed, and too low in owner "
        "points for a provisional (10th in owner points): 0.200 s slower than No. 33; needed "
        "0.200 s to beat it."
    )


def test_an_unused_past_champion_spot_goes_by_owner_points() -> None:
    result = _field(_series_entries(40), XFINITY_TIMES, XFINITY_2023, XFINITY_RANKS)
    spare = _row(result, "37")
    assert spare.status is FieldStatus.PROVISIONAL
    assert spare.reason == (
        "In on the past-champion provisional, which no past champion needed, so it goes by owner "
        "points (10th in owner points)."
    )
    assert [row.car_number for row in result.dnq] == ["36", "38"]  # board order


def test_a_past_champion_fast_enough_on_speed_leaves_the_spot_to_owner_points() -> None:
    result = _field(
        _series_entries(40, past_champions=("2",)), XFINITY_TIMES, XFINITY_2023, XFINITY_RANKS
    )
    assert _row(result, "2").status is FieldStatus.ON_SPEED
    assert _row(result, "37").status is FieldStatus.PROVISIONAL


def test_truck_fields_36_with_five_provisionals_and_everyone_starts_in_a_short_field() -> None:
    full = _field(_series_entries(40), XFINITY_TIMES, TRUCK_2023, XFINITY_RANKS)
    assert full.starting_field == 36
    assert sum(row.status is FieldStatus.PROVISIONAL for row in full.rows) == 5
    short = _field(_series_entries(34), XFINITY_TIMES, TRUCK_2023)
    assert (short.starting_field, short.dnq, short.cutoff_ms) == (34, [], None)
    assert short.rows[0].reason == "Starts: 34 entered for 36 spots, so every car starts."


def test_an_open_car_without_a_time_goes_home_when_faster_cars_fill_the_spots() -> None:
    times = {car: ms for car, ms in CHICAGO_TIMES.items() if car != "66"}
    result = _chicago(times)
    bilicki = _row(result, "66")
    assert bilicki.status is FieldStatus.DNQ
    assert bilicki.reason == (
        "No. 66 (Josh Bilicki) set no time; it needed to beat 1:32.506 by No. 67 (Corey Heim)."
    )


def _cancelled(inputs: CancelledInputs, ruleset: RuleSet = CUP_2025) -> FieldResult:
    weekend = chicago_entries()
    ranks = {e.car_number: i for i, e in enumerate(weekend.entries, start=1)} | {"67": 45}
    return set_field(
        weekend.entries, [], ruleset, ranks, driver_names=weekend.driver_names, cancelled=inputs
    )


def test_cancelled_qualifying_sets_the_lineup_by_the_2025_metric() -> None:
    # Each car's previous finish and owner rank is its place on the entry list, so its score is
    # that place; No. 5 won (0.7 x 1 + 0.3 x 5 = 2.2, ahead of No. 3's 3.0); No. 2 has no finish,
    # so it is last for that term (42nd): 0.7 x 42 + 0.3 x 2 = 30.0, just behind the 29th car.
    cars = [entry.car_number for entry in chicago_entries().entries]
    places = {car: place for place, car in enumerate(cars, start=1)}
    finishes = {car: place for car, place in places.items() if car != "2"} | {"5": 1}
    inputs = CancelledInputs(previous_owner_finish=finishes, owner_points_rank=places)
    lineup = [row.car_number for row in _cancelled(inputs).lineup]
    assert lineup[:4] == ["1", "5", "3", "4"]
    assert lineup.index("2") == lineup.index(cars[28]) + 1
    result = _cancelled(inputs)
    assert result.lineup[0].reason == (
        "Qualifying cancelled: chartered, starts regardless; starts 1st by the metric (70% "
        "owner's finish in the previous race, 30% owner-points rank)."
    )
    assert result.starting_field == 40 and result.cutoff_ms is None


def test_cancelled_qualifying_sends_home_the_open_car_lowest_in_owner_points() -> None:
    result = _cancelled(CancelledInputs())
    heim = _row(result, "67")
    assert [row.car_number for row in result.dnq] == ["67"]
    assert heim.reason == (
        "Qualifying cancelled: No. 67 (Corey Heim) is 5th of 5 open cars in owner points for 4 "
        "open spots."
    )
    assert _row(result, "78").status is FieldStatus.PROVISIONAL
    assert bubble_index(result) is None


def test_cancelled_qualifying_by_the_2020_metric_weighs_four_terms() -> None:
    inputs = CancelledInputs(
        owner_points_rank={"9": 1, "11": 2},
        driver_finish={"9": 30, "11": 1},
        previous_owner_finish={"9": 30, "11": 1},
        fastest_lap_rank={"9": 1, "11": 1},
    )
    result = _cancelled(inputs, CUP_2023)
    assert [row.car_number for row in result.lineup[:2]] == ["11", "9"]


def test_a_pack_with_an_unknown_metric_term_is_refused() -> None:
    qualifying = dataclasses.replace(CUP_2025.qualifying, cancelled_weights={"laps_led": 1.0})
    pack = dataclasses.replace(CUP_2025, qualifying=qualifying)
    with pytest.raises(RuleSetError, match="laps_led"):
        _cancelled(CancelledInputs(), pack)


def test_more_chartered_entries_than_charters_is_refused() -> None:
    with pytest.raises(ValidationError, match="37 entries are marked guaranteed"):
        _chicago(**{"67": {"guaranteed": True}})


def test_two_oep_entries_are_refused() -> None:
    with pytest.raises(ValidationError, match="only one"):
        _chicago(**{"67": {"oep": True}, "78": {"oep": True}})


def test_a_car_number_entered_twice_is_refused() -> None:
    weekend = chicago_entries()
    twin = dataclasses.replace(weekend.entries[0], id=uuid4())
    with pytest.raises(DuplicateError, match=r"No\. 1 is entered twice"):
        _field([*weekend.entries, twin], CHICAGO_TIMES)
