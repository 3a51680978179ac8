"""Use cases of results, penalties and waivers, against the fake unit of work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain import services
from domain.errors import DuplicateError, NotFoundError, ValidationError
from domain.model import WaiverReason, WaiverStatus
from tests.domain.services_world import entry_of, make_world


@pytest.fixture
def world():
    return make_world()


def test_a_result_names_the_driver_of_the_car_in_the_race(world):
    services.substitute_driver(world.uow(), entry_of(world, "1").id, "Toni Breidinger")
    result, _ = services.enter_result(world.uow(), world.event.id, "1", 1, laps=160, laps_led=30)
    with world.uow() as uow:
        assert uow.drivers.get(result.driver_id).name == "Toni Breidinger"
        assert uow.history.newest_first(world.event.id)[0].subject == "Result No. 1"


def test_a_finish_position_cannot_be_given_twice(world):
    services.enter_result(world.uow(), world.event.id, "98", 1)
    with pytest.raises(DuplicateError, match="already has P1"):
        services.enter_result(world.uow(), world.event.id, "11", 1)
    with pytest.raises(DuplicateError, match="already has a result"):
        services.enter_result(world.uow(), world.event.id, "98", 2)


@pytest.mark.parametrize(
    ("finish", "details", "words"),
    [
        (4, {}, "between 1 and 3"),
        (0, {}, "between 1 and 3"),
        (1, {"laps": 10, "laps_led": 11}, "laps led"),
        (1, {"laps": -1}, "negative"),
        (1, {"laps": 2**63}, "at most 2,000"),
        (1, {"stage1": 11}, "stage 1 position"),
        (1, {"status": "  "}, "status"),
    ],
)
def test_impossible_results_are_explained(world, finish, details, words):
    with pytest.raises(ValidationError, match=words):
        services.enter_result(world.uow(), world.event.id, "98", finish, **details)


def test_stage_positions_are_unique_per_stage(world):
    services.enter_result(world.uow(), world.event.id, "98", 1, stage1=1, stage2=2)
    services.enter_result(world.uow(), world.event.id, "11", 2, stage1=2, stage2=1)
    with pytest.raises(DuplicateError, match="P2 in stage 2"):
        services.enter_result(world.uow(), world.event.id, "1", 3, stage2=2)


def test_a_correction_keeps_what_changed_and_why(world):
    result, _ = services.enter_result(world.uow(), world.event.id, "98", 2, laps=160)
    services.enter_result(world.uow(), world.event.id, "11", 1, laps=160)
    services.delete_result(
        world.uow(), services.enter_result(world.uow(), world.event.id, "1", 3)[0].id
    )
    corrected, _ = services.correct_result(
        world.uow(), replace(result, laps=159), why="scoring review"
    )
    assert corrected.laps == 159
    with world.uow() as uow:
        records = uow.history.newest_first(world.event.id)
    assert (records[0].field_name, records[0].old_value, records[0].new_value) == (
        "laps",
        "160",
        "159",
    )
    assert records[0].why == "scoring review"
    assert records[1].field_name == "deleted"


def test_a_deleted_result_can_be_restored(world):
    result, _ = services.enter_result(world.uow(), world.event.id, "98", 1)
    services.delete_result(world.uow(), result.id, why="wrong car")
    services.restore_result(world.uow(), result, why="undo")
    with world.uow() as uow:
        assert uow.results.list_for_event(world.event.id) == [result]


def test_results_become_official_only_without_gaps(world):
    services.enter_result(world.uow(), world.event.id, "98", 1)
    services.enter_result(world.uow(), world.event.id, "11", 3)
    with pytest.raises(ValidationError, match="P2 has no result"):
        services.set_results_official(world.uow(), world.event.id)
    services.enter_result(world.uow(), world.event.id, "1", 2)
    official, _ = services.set_results_official(world.uow(), world.event.id)
    assert all(r.official for r in official)


def test_a_penalty_needs_a_reason_and_positive_points(world):
    with pytest.raises(ValidationError, match="reason"):
        services.add_penalty(world.uow(), world.event.id, "98", reason=" ", driver_points=10)
    with pytest.raises(ValidationError, match="positive"):
        services.add_penalty(world.uow(), world.event.id, "98", reason="L1", driver_points=-10)
    with pytest.raises(ValidationError, match="deducts some points"):
        services.add_penalty(world.uow(), world.event.id, "98", reason="L1")


def test_a_penalty_goes_to_the_driver_of_the_result_and_can_be_rescinded(world):
    result, _ = services.enter_result(world.uow(), world.event.id, "98", 1)
    penalty, _ = services.add_penalty(
        world.uow(), world.event.id, "98", reason="L1", driver_points=10, owner_points=10
    )
    assert penalty.driver_id == result.driver_id
    services.remove_penalty(world.uow(), penalty, why="appeal upheld")
    with world.uow() as uow:
        assert uow.penalties.list_for_event(world.event.id) == []
    services.restore_penalty(world.uow(), penalty, why="undo")
    with world.uow() as uow:
        assert uow.penalties.list_for_event(world.event.id) == [penalty]


def test_a_medical_waiver_is_requested_then_granted_once(world):
    heim = entry_of(world, "11").driver_id
    waiver, _ = services.request_waiver(world.uow(), "truck", 2023, heim, WaiverReason.MEDICAL)
    with pytest.raises(DuplicateError, match="already has a requested waiver"):
        services.request_waiver(world.uow(), "truck", 2023, heim, WaiverReason.MEDICAL)
    granted, _ = services.grant_waiver(world.uow(), waiver, why="NASCAR approved")
    assert granted.status is WaiverStatus.GRANTED
    with pytest.raises(ValidationError, match="already granted"):
        services.grant_waiver(world.uow(), granted)
    with world.uow() as uow:
        record = uow.history.newest_first()[0]
    assert (record.subject, record.old_value, record.new_value) == (
        "Waiver Corey Heim",
        "requested",
        "granted",
    )


def test_a_waiver_decision_can_be_undone(world):
    heim = entry_of(world, "11").driver_id
    waiver, _ = services.request_waiver(world.uow(), "truck", 2023, heim, WaiverReason.MEDICAL)
    denied, _ = services.deny_waiver(world.uow(), waiver)
    requested, _ = services.restore_waiver(world.uow(), denied, waiver, why="undo")
    assert requested is not None
    services.restore_waiver(world.uow(), requested, None, why="undo")
    with pytest.raises(NotFoundError):
        services.grant_waiver(world.uow(), waiver)
