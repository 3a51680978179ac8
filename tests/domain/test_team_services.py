"""Team-server use cases on the in-memory store: notices from others, stale edits, the outbox."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain import services
from domain.changes import Changes, RowChanges
from domain.errors import ConcurrentEditError, ValidationError
from domain.model import Lap
from domain.services.team import ROWS_BEFORE_RELOAD, LapContext
from tests.domain.services_world import World, make_world
from tests.fakes import FakeUnitOfWork


class ListOutbox:
    """domain.ports.LapOutbox in memory."""

    def __init__(self) -> None:
        self.laps: list[Lap] = []

    def put(self, lap: Lap) -> None:
        self.laps.append(lap)

    def pending(self) -> list[Lap]:
        return list(self.laps)

    def remove(self, lap_ids: list[UUID]) -> None:
        self.laps = [lap for lap in self.laps if lap.id not in lap_ids]

    def count(self) -> int:
        return len(self.laps)


@pytest.fixture
def world() -> World:
    return make_world()


def _other_client(world: World) -> FakeUnitOfWork:
    """A unit of work of another laptop on the same store (its own origin)."""
    return FakeUnitOfWork(world.store, origin=OTHER)


OTHER = UUID("00000000-0000-0000-0000-0000000000aa")


def test_another_clients_lap_arrives_as_the_notice_its_own_use_case_returned(
    world: World,
) -> None:
    start = services.change_log_position(world.uow())
    _lap, theirs = services.log_lap(_other_client(world), world.practice.id, "11", "30.100")
    position, notice = services.changes_since(world.uow(), start)
    assert notice == theirs
    assert position == start + 1


def test_this_clients_own_commits_are_not_told_back_to_it(world: World) -> None:
    start = services.change_log_position(world.uow())
    services.log_lap(world.uow(), world.practice.id, "11", "30.100")
    position, notice = services.changes_since(world.uow(), start)
    assert not notice and position == start + 1


def test_a_lap_added_and_removed_between_two_pulls_tells_nothing_and_a_removal_carries_the_lap(
    world: World,
) -> None:
    start = services.change_log_position(world.uow())
    lap, _ = services.log_lap(_other_client(world), world.practice.id, "11", "30.100")
    services.delete_lap(_other_client(world), lap.id)
    assert not services.changes_since(world.uow(), start)[1]
    kept, _ = services.log_lap(_other_client(world), world.practice.id, "98", "30.200")
    middle = services.change_log_position(world.uow())
    services.delete_lap(_other_client(world), kept.id)
    assert services.changes_since(world.uow(), middle)[1] == Changes(
        laps=RowChanges(removed=(kept,))
    )


def test_more_rows_of_one_event_than_a_view_should_apply_one_by_one_reload_the_event(
    world: World,
) -> None:
    start = services.change_log_position(world.uow())
    for n in range(ROWS_BEFORE_RELOAD + 1):
        services.log_lap(_other_client(world), world.practice.id, "1", f"31.{n:03d}")
    _position, notice = services.changes_since(world.uow(), start)
    assert notice == Changes(reloaded_events=frozenset({world.event.id}))


def test_an_edit_of_a_lap_changed_since_it_was_read_is_refused_with_the_lap_as_it_now_is(
    world: World,
) -> None:
    lap, _ = services.log_lap(world.uow(), world.practice.id, "11", "1:31.000")
    services.log_lap(world.uow(), world.practice.id, "11", "1:32.000")
    theirs, _ = services.edit_lap(_other_client(world), lap.id, "1:30.890", seen_version=1)
    with pytest.raises(ConcurrentEditError) as refused:
        services.flag_lap(world.uow(), lap.id, None, seen_version=lap.version)
    assert str(refused.value) == (
        "No. 11's lap 1 was changed to 1:30.890 on another laptop: keep theirs, or apply "
        "yours (no flag)."
    )
    assert refused.value.current == theirs and theirs.version == 2


def _known(world: World) -> LapContext:
    with world.uow() as uow:
        entries = tuple(uow.entries.list_for_event(world.event.id))
    return LapContext(world.event, world.practice, entries)


def test_a_lap_typed_while_the_server_is_away_is_checked_like_any_lap_and_waits(
    world: World,
) -> None:
    outbox = ListOutbox()
    with pytest.raises(ValidationError, match=r"No\. 7 is not on the entry list"):
        services.lap_as_typed(_known(world), "7", "30.000")
    lap = services.lap_as_typed(_known(world), "98", "30.000")
    assert services.queue_lap(outbox, lap) == (lap, Changes(laps=RowChanges(added=(lap,))))
    assert outbox.count() == 1


def test_sending_the_outbox_stores_a_lap_that_already_arrived_once(world: World) -> None:
    outbox = ListOutbox()
    arrived = services.lap_as_typed(_known(world), "98", "30.000")
    services.send_lap(world.uow(), arrived)  # it reached the server as the line dropped
    waiting = services.lap_as_typed(_known(world), "98", "30.100")
    for lap in (arrived, waiting):
        services.queue_lap(outbox, lap)
    sent, _ = services.send_outbox(world.uow(), outbox)
    assert sent == 2 and outbox.count() == 0
    with world.uow() as uow:
        assert uow.laps.list_for_session(world.practice.id) == [arrived, waiting]


def test_undoing_a_lap_still_in_the_outbox_takes_it_out_and_it_is_never_sent(
    world: World,
) -> None:
    outbox = ListOutbox()
    kept = services.lap_as_typed(_known(world), "98", "30.000")
    undone = services.lap_as_typed(_known(world), "98", "30.100")
    for lap in (kept, undone):
        services.queue_lap(outbox, lap)
    assert services.unqueue_lap(outbox, undone) == (
        undone,
        Changes(laps=RowChanges(removed=(undone,))),
    )
    assert services.unqueue_lap(outbox, undone) is None  # not waiting: the server's to delete
    services.send_outbox(world.uow(), outbox)
    with world.uow() as uow:
        assert uow.laps.list_for_session(world.practice.id) == [kept]
