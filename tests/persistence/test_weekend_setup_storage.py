"""Seasons, tracks and events in a real database: keys unique, deletes cascade, undo restores."""

from __future__ import annotations

from datetime import date

import pytest

from domain import services
from domain.errors import DuplicateError
from domain.model import Lap, RaceResult, Season, TrackKind
from domain.ports import UnitOfWorkFactory
from domain.services import EventSpec, TrackSpec
from persistence.rulesets import load_rulesets

RULESETS = load_rulesets()
CHICAGO = EventSpec(
    series="cup",
    season=2025,
    name="Grant Park 165",
    track=TrackSpec(name="Chicago Street Course", length_miles="2.2", kind=TrackKind.STREET),
    start_date=date(2025, 7, 5),
    end_date=date(2025, 7, 6),
    round_no=19,
)


def _counts(uow_factory: UnitOfWorkFactory, event_id) -> tuple[int, ...]:
    with uow_factory() as uow:
        return (
            len(uow.sessions.list_for_event(event_id)),
            len(uow.laps.list_for_event(event_id)),
            len(uow.entries.list_for_event(event_id)),
            len(uow.results.list_for_event(event_id)),
            len(uow.history.newest_first(event_id)),
        )


def test_the_database_keeps_one_season_per_series_and_year(uow_factory: UnitOfWorkFactory) -> None:
    services.add_season(uow_factory(), RULESETS, "cup", 2025)
    with (
        pytest.raises(DuplicateError, match="cup 2025 season already exists"),
        uow_factory() as uow,
    ):
        uow.seasons.add(Season(series="cup", season=2025, name="again"))
        uow.commit()


def test_an_event_deleted_with_its_rows_comes_back_whole_on_undo(
    uow_factory: UnitOfWorkFactory,
) -> None:
    services.add_season(uow_factory(), RULESETS, "cup", 2025)
    event, changes = services.add_event(uow_factory(), RULESETS, CHICAGO)
    services.add_entry(
        uow_factory(), event.id, "1", "Ross Chastain", team="Trackhouse", make="Chevrolet"
    )
    with uow_factory() as uow:
        entry = uow.entries.list_for_event(event.id)[0]
        uow.laps.add(Lap(session_id=changes.sessions.added[0].id, car_number="1", lap_ms=90454))
        uow.results.add(
            RaceResult(event_id=event.id, car_number="1", driver_id=entry.driver_id, finish=1)
        )
        uow.commit()
    before = _counts(uow_factory, event.id)
    assert before[:4] == (4, 1, 1, 1)
    snapshot, _ = services.delete_event(uow_factory(), event.id)
    assert _counts(uow_factory, event.id) == (0, 0, 0, 0, 0)
    services.restore_event(uow_factory(), snapshot)
    assert _counts(uow_factory, event.id) == before
    assert services.event_contents(uow_factory(), event.id) == snapshot


def test_a_tracks_new_length_is_what_its_events_read(uow_factory: UnitOfWorkFactory) -> None:
    services.add_season(uow_factory(), RULESETS, "cup", 2025)
    event, _ = services.add_event(uow_factory(), RULESETS, CHICAGO)
    services.edit_track(
        uow_factory(), event.track.id, name="Chicago Street Course", length_miles="2.14",
        kind=TrackKind.STREET,
    )  # fmt: skip
    assert services.find_event(uow_factory(), event.key).track.length_millimiles == 2140


def test_an_edited_event_reads_back_with_its_new_track(uow_factory: UnitOfWorkFactory) -> None:
    services.add_season(uow_factory(), RULESETS, "cup", 2025)
    event, _ = services.add_event(uow_factory(), RULESETS, CHICAGO)
    moved = TrackSpec(name="Sonoma Raceway", length_miles="1.99", kind=TrackKind.ROAD)
    services.edit_event(
        uow_factory(), event.id, services.EventEdit(track=moved, key="cup-2025-sonoma")
    )
    stored = services.find_event(uow_factory(), "cup-2025-sonoma")
    assert (stored.track.name, stored.track.length_millimiles) == ("Sonoma Raceway", 1990)
