"""Marking an absence NASCAR-approved: stored, kept in history, announced as a changed waiver."""

from __future__ import annotations

import pytest

from domain import services
from domain.errors import NotFoundError, ValidationError
from domain.model import WaiverReason
from tests.domain.services_world import entry_of, make_world


def test_an_absence_is_marked_approved_and_the_change_is_in_history():
    world = make_world()
    heim = entry_of(world, "11").driver_id
    waiver, _ = services.request_waiver(world.uow(), "truck", 2023, heim, WaiverReason.OTHER)
    assert waiver.approved is False

    approved, changes = services.set_waiver_approved(world.uow(), waiver, True, why="suspension")

    assert approved.approved is True and changes.waivers.changed == (approved,)
    with world.uow() as uow:
        assert uow.waivers.list_for_season("truck", 2023) == [approved]
        record = uow.history.newest_first()[0]
    assert (record.subject, record.field_name, record.old_value, record.new_value, record.why) == (
        "Waiver Corey Heim", "approved", "False", "True", "suspension",
    )  # fmt: skip


def test_marking_it_twice_or_a_deleted_waiver_is_refused():
    world = make_world()
    heim = entry_of(world, "11").driver_id
    waiver, _ = services.request_waiver(world.uow(), "truck", 2023, heim, WaiverReason.MEDICAL)
    with pytest.raises(ValidationError, match="already not marked as NASCAR-approved"):
        services.set_waiver_approved(world.uow(), waiver, False)
    services.restore_waiver(world.uow(), waiver, None, why="undo")
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.set_waiver_approved(world.uow(), waiver, True)
