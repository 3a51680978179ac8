"""Deleting and restoring entries, the driver-free check, and cancelling qualifying at once."""

from __future__ import annotations

import pytest

from domain import services
from domain.errors import DuplicateError, NotFoundError, StorageError, ValidationError
from domain.model import SessionKind
from tests.domain.services_world import entry_of, make_world
from tests.fakes import FakeSessionRepository


@pytest.fixture
def world():
    return make_world()


def _cars(world) -> list[str]:
    with world.uow() as uow:
        return sorted(e.car_number for e in uow.entries.list_for_event(world.event.id))


def test_a_car_that_never_ran_is_deleted_and_the_history_keeps_it(world):
    entry = entry_of(world, "98")

    deleted, _ = services.delete_entry(world.uow(), entry.id, why="entered by mistake")

    assert deleted == entry
    assert _cars(world) == ["1", "11"]
    with world.uow() as uow:
        record = uow.history.newest_first(world.event.id)[0]
    assert (record.subject, record.field_name, record.why) == (
        "Entry No. 98",
        "deleted",
        "entered by mistake",
    )
    assert "car number 98, driver Ty Majeski" in record.old_value


def test_a_car_with_laps_is_not_deleted_and_the_message_says_withdraw_it(world):
    services.log_lap(world.uow(), world.practice.id, "98", "33.100")

    with pytest.raises(ValidationError, match=r"No\. 98 already has laps .* withdraw it instead"):
        services.delete_entry(world.uow(), entry_of(world, "98").id)

    assert _cars(world) == ["1", "11", "98"]


def test_a_car_with_a_result_is_not_deleted(world):
    services.enter_result(world.uow(), world.event.id, "11", 1, laps=160)

    with pytest.raises(ValidationError, match="withdraw it instead"):
        services.delete_entry(world.uow(), entry_of(world, "11").id)


def test_a_car_with_a_substitution_is_not_deleted_so_who_drove_it_is_kept(world):
    services.substitute_driver(world.uow(), entry_of(world, "98").id, "Matt Crafton")

    with pytest.raises(ValidationError, match="remove the substitution first"):
        services.delete_entry(world.uow(), entry_of(world, "98").id)


def test_a_deleted_entry_comes_back_with_the_same_id_on_restore(world):
    entry = entry_of(world, "98")
    services.delete_entry(world.uow(), entry.id)

    services.restore_entry(world.uow(), entry, why="Redo")

    assert entry_of(world, "98") == entry
    with world.uow() as uow:
        record = uow.history.newest_first(world.event.id)[0]
    assert (record.field_name, record.why) == ("added", "Redo")


def test_restoring_is_refused_when_the_number_was_taken_meanwhile(world):
    entry = entry_of(world, "98")
    services.delete_entry(world.uow(), entry.id)
    services.add_entry(world.uow(), world.event.id, "98", "Matt Crafton", team="T", make="Ford")

    with pytest.raises(DuplicateError, match=r"No\. 98 is already on the entry list"):
        services.restore_entry(world.uow(), entry)


def test_restoring_is_refused_when_the_driver_took_another_car_meanwhile(world):
    entry = entry_of(world, "98")
    services.delete_entry(world.uow(), entry.id)
    services.add_entry(world.uow(), world.event.id, "88", "Ty Majeski", team="T", make="Ford")

    with pytest.raises(DuplicateError, match=r"Ty Majeski already drives No\. 88"):
        services.restore_entry(world.uow(), entry)


def test_deleting_a_car_that_is_gone_says_so(world):
    entry = entry_of(world, "98")
    services.delete_entry(world.uow(), entry.id)

    with pytest.raises(NotFoundError):
        services.delete_entry(world.uow(), entry.id)


def test_a_driver_is_free_once_the_car_he_drove_is_withdrawn(world):
    heim = entry_of(world, "11")
    with world.uow() as uow:
        with pytest.raises(DuplicateError, match=r"Corey Heim already drives No\. 11"):
            services.ensure_driver_free(uow, world.event.id, heim.driver_id)
        services.ensure_driver_free(uow, world.event.id, heim.driver_id, other_than={heim.id})
    services.withdraw_entry(world.uow(), heim.id)
    with world.uow() as uow:
        services.ensure_driver_free(uow, world.event.id, heim.driver_id)


def _add_qualifying(world) -> None:
    for group in ("A", "B"):
        services.add_session(
            world.uow(), world.event.id, SessionKind.QUALIFYING, f"Qualifying {group}", group=group
        )


def _cancelled(world) -> dict[str, bool]:
    with world.uow() as uow:
        return {s.name: s.cancelled for s in uow.sessions.list_for_event(world.event.id)}


def test_cancelling_qualifying_cancels_every_group_and_nothing_else(world):
    _add_qualifying(world)

    sessions, _ = services.set_qualifying_cancelled(world.uow(), world.event.id, True)

    assert [(s.name, s.cancelled) for s in sessions] == [
        ("Qualifying A", True),
        ("Qualifying B", True),
    ]
    assert _cancelled(world) == {
        "Practice": False,
        "Race": False,
        "Qualifying A": True,
        "Qualifying B": True,
    }
    services.set_qualifying_cancelled(world.uow(), world.event.id, False)
    assert not any(_cancelled(world).values())


def test_a_failure_half_way_leaves_no_qualifying_group_cancelled(world, monkeypatch):
    _add_qualifying(world)
    real_update = FakeSessionRepository.update

    def update_then_fail(self, session):
        if session.name == "Qualifying B":
            raise StorageError("The weekend file could not be saved: disk full")
        real_update(self, session)

    monkeypatch.setattr(FakeSessionRepository, "update", update_then_fail)

    with pytest.raises(StorageError):
        services.set_qualifying_cancelled(world.uow(), world.event.id, True)

    assert not any(_cancelled(world).values())


def test_an_event_without_qualifying_cannot_have_it_cancelled(world):
    with pytest.raises(ValidationError, match="no qualifying session"):
        services.set_qualifying_cancelled(world.uow(), world.event.id, True)
