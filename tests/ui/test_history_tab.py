"""The history tab: every edit with its old and new value, newest first, filtered by event."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.race_world import build_world
from ui.context import AppContext
from ui.tabs.history_tab import HistoryTab
from ui.tabs.race_tab import RaceTab


def _open(qtbot):
    world = build_world(rounds_with_results=2, rounds=3)
    context = AppContext(world.storage)
    race, history = RaceTab(context), HistoryTab(context)
    qtbot.addWidget(race)
    qtbot.addWidget(history)
    return world, context, race, history


def _enter(qtbot, race: RaceTab, car: str) -> None:
    qtbot.keyClicks(race.editor.car, car)
    qtbot.keyClicks(race.editor.laps, "160")  # a running finisher's laps are never left empty
    qtbot.keyClick(race.editor.car, Qt.Key.Key_Return)


def test_an_entered_and_a_corrected_result_are_listed_newest_first(qtbot):
    world, context, race, history = _open(qtbot)
    context.set_event(world.events[2])
    assert history.model.rowCount() == 0
    _enter(qtbot, race, "3")
    race.select_car("3")
    race.editor.laps.setText("87")
    qtbot.keyClick(race.editor.laps, Qt.Key.Key_Return)
    newest, oldest = history.model.rows
    assert (newest.record.subject, newest.record.field_name) == ("Result No. 3", "laps")
    assert (newest.record.old_value, newest.record.new_value) == ("160", "87")
    assert oldest.record.field_name == "added"
    assert newest.event_name == "Race 3"


def test_the_filter_shows_one_events_edits_or_all_of_them(qtbot):
    world, context, race, history = _open(qtbot)
    context.set_event(world.events[2])
    _enter(qtbot, race, "3")
    context.set_event(world.events[0])
    qtbot.keyClicks(race.penalties.car, "2")
    qtbot.keyClicks(race.penalties.driver_points, "5")
    qtbot.keyClicks(race.penalties.reason, "Pit road speeding under caution")
    qtbot.keyClick(race.penalties.reason, Qt.Key.Key_Return)
    assert [line.record.subject for line in history.model.rows] == ["Penalty No. 2"]
    assert history.model.rows[0].record.why == "Pit road speeding under caution"
    history.show_event(None)
    assert [line.event_name for line in history.model.rows] == ["Race 1", "Race 3"]
    assert history.count.text() == "2 edits"


def test_undo_is_recorded_as_an_edit_of_its_own(qtbot):
    world, context, race, history = _open(qtbot)
    context.set_event(world.events[2])
    _enter(qtbot, race, "3")
    context.undo_stack.undo()
    newest = history.model.rows[0].record
    assert (newest.field_name, newest.why) == ("deleted", "undo")
