"""Results, penalties, waivers and history round-trip, and season queries stay in their season."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.errors import DuplicateError
from domain.model import ChangeRecord, Penalty, RaceResult, Waiver, WaiverReason, WaiverStatus
from domain.ports import UnitOfWorkFactory
from tests.persistence.conftest import Weekend, make_event


def test_results_and_penalties_round_trip_and_list_by_finish(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    winner = RaceResult(
        event_id=weekend.event.id,
        car_number="11",
        driver_id=weekend.driver.id,
        finish=1,
        start=3,
        laps=160,
        laps_led=90,
        stage1=2,
        stage2=1,
        fastest_lap=True,
        reported_stage_points=19,
        reported_stage_wins=1,
        official=True,
    )
    second = replace(winner, id=uuid4(), car_number="98", finish=2, start=None, stage1=None)
    penalty = Penalty(
        event_id=weekend.event.id, car_number="98", driver_points=10, owner_points=10, reason="L1"
    )
    with uow_factory() as uow:
        uow.results.add(second)
        uow.results.add(winner)
        uow.penalties.add(penalty)
        uow.commit()
    with uow_factory() as uow:
        assert uow.results.list_for_event(weekend.event.id) == [winner, second]
        assert uow.results.get(second.id) == second
        assert uow.penalties.list_for_event(weekend.event.id) == [penalty]


def test_season_queries_return_only_that_series_and_season_in_round_order(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    earlier = make_event(weekend.track, key="truck-2023-kansas", round_no=7)
    other_series = make_event(weekend.track, key="cup-2023-gateway", series="cup")
    other_season = make_event(weekend.track, key="truck-2025-gateway", season=2025)
    events = [earlier, other_series, other_season]
    with uow_factory() as uow:
        for event in events:
            uow.events.add(event)
            uow.entries.add(replace(weekend.entry, id=uuid4(), event_id=event.id))
            uow.results.add(
                RaceResult(
                    event_id=event.id, car_number="11", driver_id=weekend.driver.id, finish=1
                )
            )
            uow.penalties.add(Penalty(event_id=event.id, car_number="11", reason="late"))
        uow.commit()
    with uow_factory() as uow:
        season = uow.events.list_for_season("truck", 2023)
        entries = uow.entries.list_for_season("truck", 2023)
        results = uow.results.list_for_season("truck", 2023)
        penalties = uow.penalties.list_for_season("truck", 2023)
        everything = uow.events.all()
    assert season == [earlier, weekend.event]
    assert [entry.event_id for entry in entries] == [earlier.id, weekend.event.id]
    assert [result.event_id for result in results] == [earlier.id]
    assert [penalty.event_id for penalty in penalties] == [earlier.id]
    assert [event.key for event in everything] == [
        "cup-2023-gateway",
        "truck-2023-kansas",
        "truck-2023-gateway",
        "truck-2025-gateway",
    ]


def test_waivers_round_trip_update_and_delete(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    waiver = Waiver(
        series="truck", season=2023, driver_id=weekend.driver.id, reason=WaiverReason.MEDICAL
    )
    granted = replace(waiver, status=WaiverStatus.GRANTED, note="granted before Gateway")
    with uow_factory() as uow:
        uow.waivers.add(waiver)
        uow.waivers.add(replace(waiver, id=uuid4(), season=2025, reason=WaiverReason.OTHER))
        uow.commit()
    with uow_factory() as uow:
        uow.waivers.update(granted)
        uow.commit()
    with uow_factory() as uow:
        assert uow.waivers.list_for_season("truck", 2023) == [granted]
        uow.waivers.delete(waiver.id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.waivers.list_for_season("truck", 2023) == []


def test_change_history_lists_newest_first_and_filters_by_event(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    start = datetime(2023, 6, 3, 20, 0, tzinfo=UTC)
    older = ChangeRecord(
        at=start, event_id=weekend.event.id, subject="Result No. 11", field_name="finish",
        old_value="2", new_value="1", why="scoring review",
    )  # fmt: skip
    newer = replace(older, id=uuid4(), at=start + timedelta(minutes=5), field_name="laps_led")
    global_change = replace(older, id=uuid4(), event_id=None, at=start + timedelta(minutes=9))
    with uow_factory() as uow:
        for record in (older, newer, global_change):
            uow.history.add(record)
        uow.commit()
    with uow_factory() as uow:
        assert uow.history.newest_first(weekend.event.id) == [newer, older]
        assert uow.history.newest_first() == [global_change, newer, older]


def test_a_taken_finishing_position_is_refused(
    uow_factory: UnitOfWorkFactory, weekend: Weekend
) -> None:
    result = RaceResult(
        event_id=weekend.event.id, car_number="11", driver_id=weekend.driver.id, finish=1
    )
    with uow_factory() as uow:
        uow.results.add(result)
        uow.commit()
    with uow_factory() as uow, pytest.raises(DuplicateError, match="already finished P1"):
        uow.results.add(replace(result, id=uuid4(), car_number="98"))
    with uow_factory() as uow, pytest.raises(DuplicateError, match=r"No\. 11 already has a result"):
        uow.results.add(replace(result, id=uuid4(), finish=2))
