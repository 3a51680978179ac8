"""The small things from an afternoon of use, each as the user met it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.race_world import build_world
from tests.ui.ui_helpers import choose_event, type_lap
from ui.context import AppContext
from ui.tabs.practice_tab import PracticeTab
from ui.tabs.qualifying_tab import QualifyingTab
from ui.tabs.race_tab import RaceTab
from ui.tabs.standings_tab import StandingsTab
from ui.widgets.board_options import BoardOptions

# A shown top-level tab cannot size itself offscreen; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def world_context(qtbot):
    """Makes a small season and its context; the contexts outlive the tabs shown on them."""
    made: list[AppContext] = []

    def make(rounds_with_results: int):
        world = build_world(rounds_with_results=rounds_with_results, rounds=3)
        made.append(AppContext(world.storage))
        return world, made[-1]

    yield make
    for context in made:
        context.deleteLater()


def test_a_running_finisher_with_empty_laps_is_refused_not_stored_as_zero(qtbot, world_context):
    world, context = world_context(2)
    tab = RaceTab(context)
    qtbot.addWidget(tab)
    context.set_event(world.events[2])
    editor = tab.editor
    assert editor.status.currentText() == "running"
    qtbot.keyClicks(editor.car, "4")
    qtbot.keyClick(editor.car, Qt.Key.Key_Return)
    assert "Laps is empty: type the laps this car completed" in editor.message.text()
    assert tab.model.rowCount() == 0 and editor.car.text() == "4"
    editor.status.setCurrentText("accident")  # out early: no laps typed means none run
    editor.submit()
    assert tab.model.rowCount() == 1


@pytest.mark.parametrize(("rounds", "words"), [(1, "(1 race with results)"), (2, "(2 races")])
def test_the_standings_heading_counts_races_in_good_english(qtbot, world_context, rounds, words):
    world, context = world_context(rounds)
    tab = StandingsTab(context)
    qtbot.addWidget(tab)  # never shown: a tab of its own counts as in sight (ui/tabs/lazy.py)
    context.set_event(world.events[rounds - 1])
    qtbot.waitUntil(lambda: words in tab.heading.text())


def test_a_refusal_about_one_weekend_is_gone_after_switching_to_another(qtbot, demo_ui_context):
    tab = PracticeTab(demo_ui_context)
    qtbot.addWidget(tab)
    choose_event(demo_ui_context, "cup-2025-chicago")
    entry = tab.log_panel.entry
    type_lap(qtbot, entry, "5", "1:2x.4")
    assert not entry.message.isHidden()
    choose_event(demo_ui_context, "truck-2023-gateway")
    qtbot.waitUntil(lambda: tab.picker.currentText() == "Practice")
    assert entry.message.isHidden() and entry.question.isHidden()


def test_cancelling_qualifying_asks_first_and_no_leaves_the_lineup_alone(
    qtbot, monkeypatch, chicago_context, confirmations
):
    from ui.dialogs import confirm_dialogs

    tab = QualifyingTab(chicago_context)
    qtbot.addWidget(tab)
    choose_event(chicago_context, "cup-2025-chicago")
    monkeypatch.setattr(confirm_dialogs, "confirm_cancel_qualifying", lambda *_: False)
    tab.cancelled_box.click()
    assert not tab.cancelled_box.isChecked()
    assert "cancelled" not in tab.summary.text()
    assert chicago_context.undo_stack.count() == 0


def test_a_corrected_lap_shows_in_the_history_tab(qtbot, demo_ui_context):
    from ui.tabs.history_tab import HistoryTab

    practice = PracticeTab(demo_ui_context)
    history = HistoryTab(demo_ui_context)
    for widget in (practice, history):
        qtbot.addWidget(widget)
    choose_event(demo_ui_context, "cup-2025-chicago")
    lap = practice.log_panel.model.lap_at(0)
    assert practice.log_panel.correct_lap(lap, "1:31.999")
    qtbot.waitUntil(lambda: history.model.rowCount() > 0)
    newest = history.model.rows[0].record
    assert newest.subject == f"Lap No. {lap.car_number}, Practice"
    assert (newest.field_name, newest.new_value) == ("lap ms", "1:31.999")


def _tick_values(axis) -> list[float]:
    return [value for level in axis._tickLevels or [] for value, _ in level]


def test_charts_show_whole_rounds_and_whole_points_even_when_empty(qtbot):
    from ui.charts.points_chart import PointsChart

    chart = PointsChart()
    qtbot.addWidget(chart)
    chart.show()
    chart.set_progressions([1], {})
    bottom, left = chart.plot.getAxis("bottom"), chart.plot.getAxis("left")
    assert _tick_values(bottom) == [1]
    assert _tick_values(left) == [0, 10, 20, 30, 40, 50]
    chart.set_progressions(list(range(1, 27)), {"Ty Majeski": list(range(0, 260, 10))})
    assert all(float(v).is_integer() for v in _tick_values(bottom))
    assert len(_tick_values(bottom)) <= 13


def test_standings_sort_by_a_click_and_official_order_brings_the_standings_back(
    qtbot, world_context
):
    world, context = world_context(2)
    tab = StandingsTab(context)
    qtbot.addWidget(tab)
    context.set_event(world.events[1])
    table = tab.driver_table
    qtbot.waitUntil(lambda: table.model().rowCount() == 6)
    official = [table.model().index(r, 1).data() for r in range(6)]
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by name, Z first
    by_name = [table.model().index(r, 1).data() for r in range(6)]
    assert by_name == sorted(official, reverse=True)
    tab.select_drivers([tab.drivers.row_value(0).driver])  # the leader, wherever sorted
    assert tab.selected_driver_ids() == [tab.drivers.row_value(0).driver]
    options = table.findChild(BoardOptions)
    options.header_menu().actions()[0].trigger()
    assert [table.model().index(r, 1).data() for r in range(6)] == official


def test_an_empty_lap_trace_has_whole_seconds_on_its_axes(qtbot):
    from ui.charts.lap_trace_chart import LapTraceChart

    chart = LapTraceChart()
    qtbot.addWidget(chart)
    chart.show()
    chart.set_traces({"5": [(1, 91_200)]})
    qtbot.waitUntil(lambda: chart.cars() == ["5"])
    chart.set_traces({})
    chart.draw()
    low, high = chart.plot.getPlotItem().viewRange()[1]
    assert (low, high) == (0, 100)
    chart.set_traces({"5": [(1, 91_200), (2, 90_900)]})
    chart.draw()
    # The laps fill the axis again once pyqtgraph's auto range has run.
    qtbot.waitUntil(lambda: chart.plot.getPlotItem().viewRange()[1][0] > 80)


def test_the_session_clock_runs_from_the_first_lap_and_counts_down_a_length(qtbot, chicago_context):
    from datetime import timedelta

    from ui.widgets.session_clock import SessionClock

    tab = PracticeTab(chicago_context)
    qtbot.addWidget(tab)
    choose_event(chicago_context, "cup-2025-chicago")
    clock = tab.clock
    assert clock.label.text() == "Clock: waiting for the first lap"
    type_lap(qtbot, tab.log_panel.entry, "5", "1:31.000")
    first = tab.log_panel.model.lap_at(0)
    clock.tick(first.logged_at + timedelta(seconds=29))
    assert clock.label.text() == "Clock 2:00"
    clock.length.setValue(50)
    clock.tick(first.logged_at + timedelta(seconds=29))
    assert clock.label.text() == "Clock 2:00 · 48:00 left"
    again = SessionClock(lambda: first)  # the length is remembered for this session
    qtbot.addWidget(again)
    again.set_session(tab.log_panel.session)
    assert again.length.value() == 50


def test_an_empty_cutoff_chart_counts_whole_seconds(qtbot):
    from ui.charts.cutoff_gap_chart import CutoffBar, CutoffGapChart

    chart = CutoffGapChart()
    qtbot.addWidget(chart)
    assert _tick_values(chart.plot.getAxis("left")) == [-1, 0, 1]
    chart.set_bars([CutoffBar("78", 0, True), CutoffBar("67", 138, False)])
    chart.draw()
    assert _tick_values(chart.plot.getAxis("left")) == []  # pyqtgraph's own for real gaps
    chart.set_bars([])
    chart.draw()
    assert _tick_values(chart.plot.getAxis("left")) == [-1, 0, 1]


def test_an_entry_refusal_is_gone_after_switching_weekend(qtbot, demo_ui_context):
    from ui.tabs.entry_list_tab import EntryListTab

    tab = EntryListTab(demo_ui_context)
    qtbot.addWidget(tab)
    choose_event(demo_ui_context, "cup-2025-chicago")
    qtbot.keyClicks(tab.form.car, "78")
    qtbot.keyClicks(tab.form.driver, "Someone New")
    qtbot.keyClicks(tab.form.team, "Team X")
    assert not tab.add_entry()
    assert tab.message.isVisibleTo(tab)
    choose_event(demo_ui_context, "truck-2023-gateway")
    assert not tab.message.isVisibleTo(tab) and tab.message.text() == ""
