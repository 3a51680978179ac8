"""Change notices: empty when nothing changed, merged in order, carrying who asked."""

from __future__ import annotations

from uuid import uuid4

from domain.changes import Changes, RowChanges
from domain.model import Lap


def a_lap(ms: int) -> Lap:
    return Lap(session_id=uuid4(), car_number="5", lap_ms=ms)


def test_a_notice_with_nothing_in_it_is_falsy():
    assert not Changes()
    assert not RowChanges()


def test_a_notice_naming_one_lap_is_truthy():
    assert Changes(laps=RowChanges(added=(a_lap(30_000),)))
    assert Changes(seasons=frozenset({("cup", 2027)}))
    assert Changes(reloaded_events=frozenset({uuid4()}))


def test_merged_notices_keep_both_changes_in_order():
    first, second, gone = a_lap(30_000), a_lap(31_000), a_lap(32_000)
    merged = Changes(laps=RowChanges(added=(first,))).merged(
        Changes(laps=RowChanges(added=(second,), removed=(gone,)), seasons=frozenset({("x", 1)}))
    )
    assert merged.laps.added == (first, second)
    assert merged.laps.removed == (gone,)
    assert merged.seasons == {("x", 1)}


def test_origin_says_who_asked_without_changing_what_changed():
    asker = object()
    notice = Changes(laps=RowChanges(added=(a_lap(30_000),)))
    tagged = notice.from_origin(asker)
    assert tagged.origin is asker
    assert tagged == notice  # origin is not part of what changed
    assert Changes().from_origin(asker).origin is asker
    assert not Changes().from_origin(asker)


def test_season_views_reload_for_results_and_schedule_but_not_for_laps():
    assert Changes(seasons=frozenset({("cup", 2026)})).touches_season_scores()
    assert Changes(reloaded_events=frozenset({uuid4()})).touches_season_scores()
    assert not Changes(laps=RowChanges(added=(a_lap(30_000),))).touches_season_scores()
    assert not Changes().touches_season_scores()
