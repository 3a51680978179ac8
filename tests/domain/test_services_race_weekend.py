"""Use cases of a 2026 weekend: declaring the OEP car, an event's own rules, the Duels."""

from __future__ import annotations

import dataclasses

import pytest

from domain import services
from domain.errors import ValidationError
from domain.model import DUELS
from domain.services import imports
from domain.services.import_cells import ImportRow, ImportTable
from tests.domain.services_world import entry_of, make_world
from tests.domain.test_race_weekend_2026 import CUP_2026


def test_declaring_the_oep_car_clears_any_other_and_is_kept_in_the_history() -> None:
    world = make_world()
    declared, changes = services.declare_oep(world.uow(), world.event.id, "11", why="approved")
    assert declared is not None and declared.car_number == "11" and declared.oep
    assert [e.car_number for e in changes.entries.changed] == ["11"]
    _, changes = services.declare_oep(world.uow(), world.event.id, "98")
    assert sorted(e.car_number for e in changes.entries.changed) == ["11", "98"]
    assert (entry_of(world, "11").oep, entry_of(world, "98").oep) == (False, True)
    with world.uow() as uow:
        history = [r for r in uow.history.newest_first(world.event.id) if r.field_name == "oep"]
    assert {(r.subject, r.new_value) for r in history} >= {
        ("Entry No. 11", "True"),
        ("Entry No. 11", "False"),
        ("Entry No. 98", "True"),
    }
    declared, _ = services.declare_oep(world.uow(), world.event.id, None)
    assert declared is None and not entry_of(world, "98").oep


def test_a_chartered_car_cannot_be_declared_the_oep_car() -> None:
    world = make_world()
    with world.uow() as uow:
        uow.entries.update(dataclasses.replace(entry_of(world, "1"), guaranteed=True))
        uow.commit()
    with pytest.raises(ValidationError, match="chartered"):
        services.declare_oep(world.uow(), world.event.id, "1")


def test_an_event_overrides_its_packs_stages_and_can_be_an_exhibition() -> None:
    world = make_world()
    event, changes = services.set_event_rules(
        world.uow(), world.event.id, stages_scored=3, points_paying=True, why="Coca-Cola 600"
    )
    assert (event.stages_scored, event.points_paying) == (3, True)
    assert changes.events.changed == (event,)
    event, _ = services.set_event_rules(
        world.uow(), world.event.id, stages_scored=None, points_paying=False
    )
    assert (event.stages_scored, event.points_paying) == (None, False)
    with pytest.raises(ValidationError, match="write 0 to 3"):
        services.set_event_rules(world.uow(), world.event.id, stages_scored=4, points_paying=True)


def _table(rows: list[dict[str, str]], source: str) -> ImportTable:
    columns = tuple(dict.fromkeys(k for row in rows for k in row))
    return ImportTable(source, columns, tuple(ImportRow(n, r) for n, r in enumerate(rows, 2)))


def test_duel_results_go_to_their_own_session_only_once_the_event_has_the_duels() -> None:
    world = make_world()
    rows = [{"finish": "1", "car": "98"}, {"finish": "2", "car": "11"}]
    with pytest.raises(ValidationError, match="no race-like session “Duel 1”"):
        imports.import_results(
            world.uow(), world.event.key, _table(rows, "d1.csv"), session_name="Duel 1"
        )
    added, _ = services.add_duels(world.uow(), world.event.id, CUP_2026)
    assert [s.name for s in added] == [
        "Qualifying Round 1",
        "Qualifying Final",
        "Duel 1",
        "Duel 2",
    ]  # Practice and Race were there already
    report, _ = imports.import_results(
        world.uow(), world.event.key, _table(rows, "d1.csv"), session_name="duel 1"
    )
    assert report.added == 2
    race = [{"finish": "1", "car": "11"}, {"finish": "2", "car": "98"}]
    imports.import_results(world.uow(), world.event.key, _table(race, "race.csv"))
    with world.uow() as uow:
        duel = uow.results.list_for_event(world.event.id, DUELS[0])
        main = uow.results.list_for_event(world.event.id)
    assert [(r.car_number, r.finish) for r in duel] == [("98", 1), ("11", 2)]
    assert [(r.car_number, r.finish) for r in main] == [("11", 1), ("98", 2)]


def test_a_duel_result_with_a_stage_place_is_refused() -> None:
    world = make_world()
    services.add_duels(world.uow(), world.event.id, CUP_2026)
    with pytest.raises(ValidationError, match="Duel 2 has no stages"):
        services.enter_result(world.uow(), world.event.id, "98", 1, stage1=1, session_name="Duel 2")


def test_a_duel_result_goes_to_the_driver_of_that_duel_not_of_the_race() -> None:
    world = make_world()
    added, _ = services.add_duels(world.uow(), world.event.id, CUP_2026)
    duel_2 = next(s for s in added if s.name == "Duel 2")
    # Heim drives the No. 11 in Duel 1; Moffitt takes it over from Duel 2 on (and races it).
    services.substitute_driver(
        world.uow(), entry_of(world, "11").id, "Brett Moffitt", from_session_order=duel_2.order
    )
    duel, _ = services.enter_result(world.uow(), world.event.id, "11", 1, session_name="Duel 1")
    race, _ = services.enter_result(world.uow(), world.event.id, "11", 1)
    with world.uow() as uow:
        names = [uow.drivers.get(r.driver_id).name for r in (duel, race)]
    assert names == ["Corey Heim", "Brett Moffitt"]


def test_an_entry_with_only_a_duel_result_cannot_be_deleted() -> None:
    world = make_world()
    services.add_duels(world.uow(), world.event.id, CUP_2026)
    services.enter_result(world.uow(), world.event.id, "98", 1, session_name="Duel 2")
    with pytest.raises(ValidationError, match="already has laps or a result"):
        services.delete_entry(world.uow(), entry_of(world, "98").id)
