"""The fake unit of work behaves like the database where the use-case tests rely on it."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.errors import DuplicateError, NotFoundError
from domain.model import Event, RaceResult, Track, TrackKind
from tests.fakes import FakeStore, fake_uow_factory


def _event() -> Event:
    track = Track(name="Kansas Speedway", length_millimiles=1500, kind=TrackKind.OVAL)
    day = date(2023, 5, 5)
    return Event(
        key="truck-2023-kansas",
        name="Kansas",
        series="truck",
        season=2023,
        round_no=8,
        track=track,
        start_date=day,
        end_date=day,
    )


def test_leaving_without_commit_keeps_nothing():
    store = FakeStore()
    uow = fake_uow_factory(store)
    with uow() as work:
        work.events.add(_event())
    with uow() as work:
        assert work.events.all() == []


def test_a_finish_position_twice_in_one_event_is_a_duplicate():
    uow = fake_uow_factory()
    event = _event()
    with uow() as work:
        work.events.add(event)
        work.results.add(RaceResult(event_id=event.id, car_number="1", driver_id=uuid4(), finish=1))
        with pytest.raises(DuplicateError):
            work.results.add(
                RaceResult(event_id=event.id, car_number="2", driver_id=uuid4(), finish=1)
            )
        work.commit()
    with uow() as work:
        assert [r.car_number for r in work.results.list_for_season("truck", 2023)] == ["1"]


def test_a_missing_id_is_not_found():
    with fake_uow_factory()() as work, pytest.raises(NotFoundError):
        work.laps.get(uuid4())
