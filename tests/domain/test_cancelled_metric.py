"""The cancelled-qualifying metric's terms: the driver who races, the owner identity, and the
fastest-lap rank the 2020-24 metric weighs at 15%."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from domain.model import Driver, Entry, Lap, LapFlag, RaceResult
from domain.rules.cancelled import cancelled_inputs, describe_metric, metric_order
from tests.domain.rulesets_for_tests import WEIGHTS_2020

CHARLOTTE, RACE_SESSION = uuid4(), uuid4()
HEIM, LOVE, BREIDINGER, MAJESKI = (
    Driver(name=n) for n in ("Corey Heim", "Jesse Love", "Toni Breidinger", "Ty Majeski")
)


def _result(car: str, driver: Driver, finish: int, fastest: bool = False) -> RaceResult:
    return RaceResult(
        event_id=CHARLOTTE, car_number=car, driver_id=driver.id, finish=finish, fastest_lap=fastest
    )


def _entry(car: str, driver: Driver, owner_key: str = "") -> Entry:
    return Entry(
        event_id=CHARLOTTE,
        car_number=car,
        driver_id=driver.id,
        team="Team",
        owner="Owner",
        make="Toyota",
        owner_key=owner_key,
    )


CHARLOTTE_RESULTS = [
    _result("11", HEIM, 2, fastest=True),
    _result("1", LOVE, 9),
    _result("98", MAJESKI, 4),
]
CHARLOTTE_ENTRIES = [_entry("11", HEIM), _entry("1", LOVE), _entry("98", MAJESKI)]
# Gateway: Heim withdraws; Love moves to the No. 11, Breidinger drives the No. 1.
GATEWAY = {"11": (LOVE.id, "11"), "1": (BREIDINGER.id, "1"), "98": (MAJESKI.id, "98")}


def test_a_drivers_finish_follows_the_driver_who_races_the_car_now() -> None:
    inputs = cancelled_inputs(CHARLOTTE_RESULTS, CHARLOTTE_ENTRIES, [], GATEWAY, {})
    # Heim's Charlotte 2nd is not the No. 11's: Love, who races it, was 9th; Breidinger did
    # not race at Charlotte, so the No. 1 ranks last for that term.
    assert inputs.driver_finish == {"11": 9, "98": 4}
    assert inputs.previous_owner_finish == {"11": 2, "1": 9, "98": 4}


def test_the_fastest_lap_rank_comes_from_the_previous_races_laps() -> None:
    laps = [
        Lap(
            session_id=RACE_SESSION,
            car_number=car,
            lap_ms=ms,
            flag=flag,
            logged_at=datetime.now(UTC),
        )
        for car, ms, flag in (
            ("98", 30_100, None),
            ("1", 30_050, None),
            ("11", 29_000, LapFlag.CAUTION),  # flagged: not a lap that counts
            ("11", 30_200, None),
        )
    ]
    inputs = cancelled_inputs(CHARLOTTE_RESULTS, CHARLOTTE_ENTRIES, laps, GATEWAY, {})
    assert inputs.fastest_lap_rank == {"1": 1, "98": 2, "11": 3}


def test_without_laps_the_cars_with_the_fastest_lap_point_rank_first() -> None:
    inputs = cancelled_inputs(CHARLOTTE_RESULTS, CHARLOTTE_ENTRIES, [], GATEWAY, {})
    assert inputs.fastest_lap_rank == {"11": 1}


def test_an_owners_finish_follows_the_owner_identity_into_a_renumbered_car() -> None:
    racing = {"33": (HEIM.id, "11")}  # the No. 33 carries the No. 11's owner points
    inputs = cancelled_inputs(CHARLOTTE_RESULTS, CHARLOTTE_ENTRIES, [], racing, {})
    assert inputs.previous_owner_finish == {"33": 2}
    assert inputs.fastest_lap_rank == {"33": 1}


def test_every_term_of_the_2020_metric_now_moves_the_lineup() -> None:
    ranks = {"11": 3, "1": 2, "98": 1}
    inputs = cancelled_inputs(CHARLOTTE_RESULTS, CHARLOTTE_ENTRIES, [], GATEWAY, ranks)
    order = metric_order(list(GATEWAY), inputs, WEIGHTS_2020, ranks)
    # A car missing from a term ranks last: one past the worst value (driver finish: 10;
    # fastest lap: 4). No. 98: .35*1 + .25*4 + .25*4 + .15*4 = 2.95; No. 11: .35*3 + .25*9
    # + .25*2 + .15*1 = 3.95; No. 1: .35*2 + .25*10 + .25*9 + .15*4 = 6.05.
    assert order == ["98", "11", "1"]
    assert describe_metric(WEIGHTS_2020).endswith("15% fastest-lap rank")
