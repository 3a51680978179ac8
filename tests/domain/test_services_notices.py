"""Each use case says what it changed: the notice names the rows, as stored after the change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain import services
from domain.changes import Changes, RowChanges
from domain.errors import DuplicateError
from domain.model import LapFlag, WaiverReason
from domain.services.import_cells import ImportRow, ImportTable
from domain.services.imports import import_entries
from tests.domain.services_world import entry_of, make_world


@pytest.fixture
def world():
    return make_world()


def _driver_names(world) -> set[str]:
    with world.uow() as uow:
        return {d.name for d in uow.drivers.all()}


def test_a_logged_lap_is_named_as_added_and_its_flag_as_a_change(world):
    lap, logged = services.log_lap(world.uow(), world.practice.id, "98", "33.100")
    flagged, flagged_notice = services.flag_lap(world.uow(), lap.id, LapFlag.OUT)
    gone, deleted = services.delete_lap(world.uow(), lap.id)

    assert logged == Changes(laps=RowChanges(added=(lap,)))
    assert flagged_notice == Changes(laps=RowChanges(changed=(flagged,)))
    assert flagged.flag is LapFlag.OUT
    assert deleted == Changes(laps=RowChanges(removed=(gone,)))


def test_an_entry_with_a_new_driver_names_both_and_a_known_driver_names_only_the_entry(world):
    entry, with_new = services.add_entry(
        world.uow(), world.event.id, "2", "Daniel Dye", team="T", make="Ford"
    )
    assert with_new.entries.added == (entry,)
    assert [d.name for d in with_new.drivers.added] == ["Daniel Dye"]

    withdrawn, notice = services.withdraw_entry(world.uow(), entry.id)
    assert notice == Changes(entries=RowChanges(changed=(withdrawn,)))


def test_making_results_official_names_only_the_results_whose_flag_changed(world):
    first, _ = services.enter_result(world.uow(), world.event.id, "98", 1)
    services.set_results_official(world.uow(), world.event.id)
    second, _ = services.correct_result(world.uow(), replace(first, official=False))

    _, notice = services.set_results_official(world.uow(), world.event.id)

    assert [r.id for r in notice.results.changed] == [second.id]
    assert notice.results.changed[0].official


def test_undoing_a_decided_waiver_names_it_changed_and_undoing_a_request_names_it_removed(world):
    heim = entry_of(world, "11").driver_id
    waiver, requested = services.request_waiver(
        world.uow(), "truck", 2023, heim, WaiverReason.MEDICAL
    )
    granted, _ = services.grant_waiver(world.uow(), waiver)

    back, undone = services.restore_waiver(world.uow(), granted, waiver)
    assert back is not None and back.version == granted.version + 1 == 3
    _, withdrawn = services.restore_waiver(world.uow(), back, None)

    assert requested.waivers.added == (waiver,)
    assert undone.waivers.changed == (waiver,)
    assert withdrawn.waivers.removed == (waiver,)


def test_an_entry_saved_with_a_new_driver_adds_the_driver_in_the_same_transaction(world):
    entry = entry_of(world, "98")

    saved, notice = services.edit_entry(world.uow(), entry, driver_name="Matt Crafton")

    assert [d.name for d in notice.drivers.added] == ["Matt Crafton"]
    assert saved.driver_id == notice.drivers.added[0].id
    assert entry_of(world, "98").driver_id == saved.driver_id


def test_a_refused_entry_edit_leaves_no_new_driver_behind(world):
    entry = entry_of(world, "98")
    before = _driver_names(world)

    with pytest.raises(DuplicateError):  # No. 11 is taken: the whole edit is refused
        services.edit_entry(
            world.uow(), replace(entry, car_number="11"), driver_name="Matt Crafton"
        )

    assert _driver_names(world) == before
    assert entry_of(world, "98") == entry


def test_undoing_an_entry_edit_removes_the_driver_it_added_and_nothing_else(world):
    entry = entry_of(world, "98")
    before = _driver_names(world)
    saved, notice = services.edit_entry(world.uow(), entry, driver_name="Matt Crafton")

    restored, undone = services.undo_entry_edit(
        world.uow(), saved, entry, added_drivers=notice.drivers.added
    )

    assert restored == entry_of(world, "98")
    assert restored.driver_id == entry.driver_id
    assert _driver_names(world) == before
    assert undone.drivers.removed == notice.drivers.added


def test_undoing_an_entry_edit_keeps_an_added_driver_who_drives_elsewhere_by_then(world):
    entry = entry_of(world, "98")
    saved, notice = services.edit_entry(world.uow(), entry, driver_name="Matt Crafton")
    services.edit_entry(world.uow(), replace(saved, driver_id=entry.driver_id))
    services.substitute_driver(world.uow(), entry_of(world, "1").id, "Matt Crafton")
    current = entry_of(world, "98")

    _, undone = services.undo_entry_edit(
        world.uow(), current, entry, added_drivers=notice.drivers.added
    )

    assert "Matt Crafton" in _driver_names(world)
    assert not undone.drivers


def test_an_import_names_its_event_as_reloaded(world):
    row = {"car": "2", "driver": "Daniel Dye", "team": "T", "make": "Ford"}
    table = ImportTable("entries.csv", tuple(row), (ImportRow(2, row),))

    _, notice = import_entries(world.uow(), world.event.key, table)

    assert notice == Changes(reloaded_events=frozenset({world.event.id}))
