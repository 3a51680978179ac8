"""The demo weekends filled into the fake unit of work tell the stories of DESIGN §2."""

from __future__ import annotations

import pytest

from domain import services
from domain.model import Driver, LapFlag, SessionKind, WaiverReason, WaiverStatus
from domain.rules.field import FieldStatus
from persistence.demo import fill_demo
from tests.domain.rulesets_for_tests import RULESETS
from tests.fakes import FakeStore, fake_uow_factory


@pytest.fixture(scope="module")
def demo():
    store = FakeStore()
    uow = fake_uow_factory(store)
    fill_demo(uow, RULESETS)
    return uow


def _event(demo, key):
    with demo() as uow:
        return uow.events.get_by_key(key)


def test_every_demo_weekend_exists_and_made_up_ones_are_marked(demo):
    with demo() as uow:
        events = {e.key: e for e in uow.events.all()}
    assert {"truck-2023-daytona", "truck-2023-charlotte", "truck-2023-gateway"} <= set(events)
    assert {"cup-2025-chicago", "truck-2025-lime-rock"} <= set(events)
    assert len([k for k in events if k.startswith("truck-2023")]) == 12
    assert not events["truck-2023-texas"].illustrative
    assert events["cup-2025-chicago"].illustrative
    assert events["truck-2023-gateway"].track.length_millimiles == 1250


def test_filling_a_second_time_leaves_the_database_alone(demo):
    with demo() as uow:
        before = len(uow.events.all())
    fill_demo(demo, RULESETS)
    with demo() as uow:
        assert len(uow.events.all()) == before


def test_the_two_jason_whites_at_daytona_are_two_drivers(demo):
    with demo() as uow:
        drivers = uow.drivers.find_by_name("Jason White")
    assert sorted(d.label for d in drivers) == ["Jason White (No. 1)", "Jason White (No. 34)"]


def test_heim_leads_majeski_by_26_after_race_11(demo):
    standings = services.season_standings(demo(), "truck", 2023, RULESETS["truck-2023"])
    top = {row.name: row for row in standings.drivers[:2]}
    assert top["Corey Heim"].points - top["Ty Majeski"].points == 26
    assert (top["Ty Majeski"].top5, top["Ty Majeski"].top10, top["Corey Heim"].top10) == (6, 8, 9)


def test_jack_woods_texas_penalty_costs_him_ten_points(demo):
    standings = services.season_standings(demo(), "truck", 2023, RULESETS["truck-2023"])
    wood = next(row for row in standings.drivers if row.name == "Jack Wood")
    texas = next(line for line in wood.breakdown if line.round_no == 5)
    assert (texas.penalty, texas.total) == (10, 18)


def test_love_drives_heims_truck_and_breidinger_the_no_1_at_gateway(demo):
    event = _event(demo, "truck-2023-gateway")
    views = {v.entry.car_number: v for v in services.event_entries(demo(), event.id)}
    assert len(views) == 36
    assert views["11"].substitutions == (
        "Jesse Love replaces Corey Heim in the No. 11: "
        "Corey Heim withdrew for health reasons before practice.",
    )
    assert views["1"].substitutions == (
        "Toni Breidinger replaces Jesse Love in the No. 1: Jesse Love moves to the No. 11.",
    )
    assert views["1"].driver.name == "Toni Breidinger"


def test_the_gateway_history_keeps_the_substitutions_with_their_reasons(demo):
    event = _event(demo, "truck-2023-gateway")
    with demo() as uow:
        history = uow.history.newest_first(event.id)
    added = {r.subject: r.why for r in history if r.field_name == "added"}
    assert added["Entry No. 11"].startswith("Jesse Love replaces Corey Heim.")
    assert "health reasons" in added["Entry No. 11"]
    assert added["Entry No. 1"].startswith("Toni Breidinger replaces Jesse Love.")


def test_heims_medical_waiver_keeps_him_eligible_once_granted(demo):
    with demo() as uow:
        (waiver,) = uow.waivers.list_for_season("truck", 2023)
        heim: Driver = uow.drivers.get(waiver.driver_id)
    assert (heim.name, waiver.reason, waiver.status) == (
        "Corey Heim",
        WaiverReason.MEDICAL,
        WaiverStatus.REQUESTED,
    )
    # Race 12 run without Heim (Love in the No. 11), on a copy so other tests see the demo.
    after_gateway = fake_uow_factory(FakeStore(tables=dict(demo().store.tables)))
    gateway = _event(demo, "truck-2023-gateway")
    services.enter_result(after_gateway(), gateway.id, "11", 1, laps=160)

    def heim_row():
        picture = services.playoff_picture(after_gateway(), "truck", 2023, RULESETS["truck-2023"])
        return next(r for r in picture if r.standing.driver_id == heim.id)

    assert not heim_row().eligible
    services.grant_waiver(after_gateway(), waiver, why="NASCAR granted the medical waiver")
    assert heim_row().eligible


def test_chicago_has_41_entries_and_legge_beats_heim_to_the_last_open_spot(demo):
    event = _event(demo, "cup-2025-chicago")
    board = services.qualifying_board(demo(), event.id, RULESETS["cup-2025"])
    assert board.entered == 41
    rows = {row.car_number: row for row in board.rows}
    assert rows["78"].starts and rows["78"].best_lap_ms == 92_368
    assert rows["67"].status is FieldStatus.DNQ and rows["67"].best_lap_ms == 92_506
    assert "0.139 s" in rows["67"].reason
    assert (rows["45"].starting_position, rows["35"].starting_position) == (4, 21)


def test_wallace_crashed_and_starts_37th_between_the_36th_car_and_no_66(demo):
    event = _event(demo, "cup-2025-chicago")
    board = services.qualifying_board(demo(), event.id, RULESETS["cup-2025"])
    lineup = [row.car_number for row in board.lineup]
    assert len(lineup) == 40
    assert lineup.index("23") + 1 == 37
    assert lineup[37] == "66"
    wallace = next(row for row in board.rows if row.car_number == "23")
    assert wallace.starting_position == 37
    assert board.lineup[35].best_lap_ms < wallace.best_lap_ms < board.lineup[37].best_lap_ms
    assert [(flag, note) for flag, note in _qualifying_laps(demo, event, "23")] == [
        (None, ""),
        (LapFlag.INVALID, "crashed in qualifying"),
    ]


def _qualifying_laps(demo, event, car: str) -> list[tuple[LapFlag | None, str]]:
    """(flag, note) of a car's qualifying laps, in the order they were run."""
    with demo() as uow:
        qualifying = {
            s.id for s in uow.sessions.list_for_event(event.id) if s.kind is SessionKind.QUALIFYING
        }
        laps = sorted(uow.laps.list_for_event(event.id), key=lambda lap: lap.logged_at)
    return [
        (lap.flag, lap.note)
        for lap in laps
        if lap.car_number == car and lap.session_id in qualifying
    ]


def test_heims_first_chicago_lap_is_flagged_for_the_bent_toe_link(demo):
    event = _event(demo, "cup-2025-chicago")
    assert _qualifying_laps(demo, event, "67") == [
        (LapFlag.INVALID, "bent toe link, lap 1"),
        (None, ""),
    ]


def test_owner_points_rank_before_gateway_follows_the_first_11_races(demo):
    event = _event(demo, "truck-2023-gateway")
    rank = services.owner_points_rank(demo(), event, RULESETS["truck-2023"])
    assert rank["11"] == 1


def test_gateway_practice_runs_about_33_seconds_with_flagged_laps_left_out(demo):
    event = _event(demo, "truck-2023-gateway")
    with demo() as uow:
        practice = uow.sessions.list_for_event(event.id)[0]
    board = services.practice_board(demo(), practice.id)
    assert len(board) == 36
    assert all(32_500 <= row.best_lap_ms <= 34_500 for row in board)


def test_heim_wins_lime_rock_from_pole_ahead_of_majeski(demo):
    event = _event(demo, "truck-2025-lime-rock")
    with demo() as uow:
        results = uow.results.list_for_event(event.id)
        names = {d.id: d.name for d in uow.drivers.all()}
        laps = uow.laps.list_for_event(event.id)
    assert len(results) == 34
    assert [names[r.driver_id] for r in results[:2]] == ["Corey Heim", "Ty Majeski"]
    riggs = next(r for r in results if names[r.driver_id] == "Layne Riggs")
    assert 0 < riggs.laps_led < results[0].laps_led
    assert min(lap.lap_ms for lap in laps) == 53_120


def test_with_gateway_qualifying_cancelled_heims_charlotte_2nd_is_not_the_no_11s_driver_term(
    demo,
):
    # The 2020-24 metric's driver term follows the driver who races: Love moved to the No. 11
    # and did not race at Charlotte (Gilliland drove the No. 1 there), so the No. 11 has no
    # driver finish and ranks last for that term; the owner's 2nd still counts for the owner.
    gateway = _event(demo, "truck-2023-gateway")
    charlotte = _event(demo, "truck-2023-charlotte")
    services.set_qualifying_cancelled(demo(), gateway.id, True)
    try:
        board = services.live_qualifying_board(demo(), gateway.id, RULESETS["truck-2023"])
        with demo() as uow:
            finishes = {
                uow.drivers.get(r.driver_id).name: r.finish
                for r in uow.results.list_for_event(charlotte.id)
            }
        assert board.cancelled is not None
        assert "Jesse Love" not in finishes and finishes["Corey Heim"] == 2
        assert "11" not in board.cancelled.driver_finish
        assert board.cancelled.previous_owner_finish["11"] == 2
    finally:
        services.set_qualifying_cancelled(demo(), gateway.id, False)
