"""Edits made from an old screen, two laptops on one real database (SQLite file, PostgreSQL).

Every editable record takes the copy the user saw; one another laptop changed since is refused
with the change in words, the edit can then be applied over it, and both stay in the history.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from domain import services
from domain.errors import ConcurrentEditError
from domain.model import Penalty, RaceResult, Waiver, WaiverReason, WaiverStatus
from domain.ports import UnitOfWorkFactory
from persistence.storage import SqlStorage, open_storage
from tests.persistence.conftest import Weekend


@pytest.fixture
def other_laptop(storage: SqlStorage, database: str) -> Iterator[UnitOfWorkFactory]:
    """Units of work of a second laptop: its own connection to the server, or (one file can be
    open in one app only) a second unit of work on the same SQLite file."""
    if storage.engine.dialect.name == "sqlite":
        yield storage.uow_factory
        return
    other = open_storage(database)
    yield other.uow_factory
    other.close()


def _history(storage: SqlStorage, weekend: Weekend | None) -> list[tuple[str, str, str]]:
    with storage.uow_factory() as uow:
        records = uow.history.newest_first(weekend.event.id if weekend else None)
    return sorted((r.field_name, r.old_value, r.new_value) for r in records)


def test_an_entry_edited_on_another_laptop_refuses_the_stale_edit_and_keeps_both_in_history(
    storage: SqlStorage, other_laptop: UnitOfWorkFactory, weekend: Weekend
) -> None:
    seen = weekend.entry
    theirs, _ = services.edit_entry(other_laptop(), seen, driver_name="Corey Heim", seen=seen)
    assert theirs.version == 2

    mine = replace(seen, team="Tricon Garage Racing")
    with pytest.raises(ConcurrentEditError) as refused:
        services.edit_entry(storage.uow_factory(), mine, seen=seen)
    assert str(refused.value) == (
        "No. 11's entry was changed on another laptop: driver now Corey Heim. "
        "Keep theirs, or apply yours."
    )
    assert refused.value.current == theirs and refused.value.current.version == 2

    # Apply yours: the team this laptop changed goes onto their entry; their driver stays.
    yours = services.reapplied(seen, mine, refused.value.current)
    applied, notice = services.edit_entry(storage.uow_factory(), yours, seen=theirs)
    assert applied.version == 3 and notice.entries.changed == (applied,)
    assert (applied.team, applied.driver_id) == ("Tricon Garage Racing", theirs.driver_id)
    assert _history(storage, weekend) == [
        ("driver", "Jesse Love", "Corey Heim"),
        ("team", "Tricon Garage", "Tricon Garage Racing"),
    ]


def test_withdrawing_an_entry_another_laptop_changed_is_refused_until_applied_over_it(
    storage: SqlStorage, other_laptop: UnitOfWorkFactory, weekend: Weekend
) -> None:
    seen = weekend.entry
    theirs, _ = services.edit_entry(other_laptop(), replace(seen, make="Ford"), seen=seen)
    with pytest.raises(ConcurrentEditError, match=r"No\. 11's entry .*: make now Ford\."):
        services.withdraw_entry(storage.uow_factory(), seen.id, seen=seen)
    withdrawn, _ = services.withdraw_entry(storage.uow_factory(), seen.id, seen=theirs)
    assert withdrawn.withdrawn and withdrawn.make == "Ford" and withdrawn.version == 3
    back, _ = services.reinstate_entry(storage.uow_factory(), seen.id, seen=withdrawn)
    assert back.version == 4


def _result(storage: SqlStorage, weekend: Weekend) -> RaceResult:
    result, _ = services.enter_result(storage.uow_factory(), weekend.event.id, "11", 1, laps=160)
    return result


def test_a_result_corrected_on_another_laptop_refuses_the_stale_correction(
    storage: SqlStorage, other_laptop: UnitOfWorkFactory, weekend: Weekend
) -> None:
    seen = _result(storage, weekend)
    theirs, _ = services.correct_result(
        other_laptop(), replace(seen, laps_led=42, status="engine"), seen=seen
    )
    with pytest.raises(ConcurrentEditError) as refused:
        services.correct_result(storage.uow_factory(), replace(seen, laps=159), seen=seen)
    assert str(refused.value) == (
        "No. 11's result was changed on another laptop: status now engine, laps led now 42. "
        "Keep theirs, or apply yours."
    )
    # Keep theirs: nothing of this laptop's was saved.
    with storage.uow_factory() as uow:
        assert uow.results.get(seen.id) == theirs
    with pytest.raises(ConcurrentEditError):
        services.delete_result(storage.uow_factory(), seen.id, seen=seen)
    gone, notice = services.delete_result(storage.uow_factory(), seen.id, seen=theirs)
    assert gone == theirs and notice.results.removed == (theirs,)


def test_a_penalty_changed_elsewhere_is_not_rescinded_unseen(
    storage: SqlStorage, other_laptop: UnitOfWorkFactory, weekend: Weekend
) -> None:
    seen, _ = services.add_penalty(
        storage.uow_factory(), weekend.event.id, "11", reason="L1: loose lug nut", owner_points=10
    )
    # Penalties have no edit of their own: another laptop's changed copy arrives by a sync.
    with other_laptop() as uow:
        uow.penalties.update(replace(seen, owner_points=25))
        uow.commit()
    with pytest.raises(ConcurrentEditError) as refused:
        services.remove_penalty(storage.uow_factory(), seen)
    assert str(refused.value) == (
        "No. 11's penalty was changed on another laptop: owner points now 25. "
        "Keep theirs, or apply yours."
    )
    current = refused.value.current
    assert isinstance(current, Penalty) and current.version == 2
    removed, _ = services.remove_penalty(storage.uow_factory(), current)
    assert removed.owner_points == 25


def test_a_waiver_decided_on_another_laptop_refuses_the_stale_decision_and_its_undo(
    storage: SqlStorage, other_laptop: UnitOfWorkFactory, weekend: Weekend
) -> None:
    requested, _ = services.request_waiver(
        storage.uow_factory(), "truck", 2023, weekend.driver.id, WaiverReason.MEDICAL
    )
    granted, _ = services.grant_waiver(other_laptop(), requested)
    assert granted.status is WaiverStatus.GRANTED and granted.version == 2
    with pytest.raises(ConcurrentEditError) as refused:
        services.deny_waiver(storage.uow_factory(), requested)
    assert str(refused.value) == (
        "Jesse Love's waiver was changed on another laptop: status now granted. "
        "Keep theirs, or apply yours."
    )
    approved, _ = services.set_waiver_approved(storage.uow_factory(), granted, True)
    assert approved.version == 3
    with pytest.raises(ConcurrentEditError, match="no longer approved"):
        stale_undo = services.set_waiver_approved(other_laptop(), approved, False)[0]
        services.restore_waiver(storage.uow_factory(), approved, granted)
    assert isinstance(stale_undo, Waiver) and stale_undo.version == 4
    denied, _ = services.deny_waiver(storage.uow_factory(), stale_undo)
    assert denied.version == 5
    fields = [change[0] for change in _history(storage, None)]
    assert fields.count("status") == 2 and fields.count("approved") == 2
