"""The practice tab: keyboard lap logging, lap corrections with undo, the board and the trace."""

from __future__ import annotations

import pytest

from domain import services
from domain.model import LapFlag
from tests.ui.ui_helpers import choose_event, type_lap
from ui.tabs.practice_tab import PracticeTab

RUN_OF_SIX = ["1:31.200", "1:30.900", "1:31.000", "1:31.300", "1:31.500", "1:31.800"]


@pytest.fixture
def tab(qtbot, chicago_context):
    tab = PracticeTab(chicago_context)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    choose_event(chicago_context, "cup-2025-chicago")
    return tab


def _board(tab: PracticeTab) -> dict:
    return {row.car_number: row for row in tab.board.rows}


def test_practice_is_the_session_laps_go_into(tab):
    assert tab.picker.currentText() == "Practice"
    assert tab.log_panel.entry.time_edit.isEnabled()


def test_a_run_typed_on_the_keyboard_fills_the_practice_board(qtbot, tab, chicago_context):
    saved: list[str] = []
    chicago_context.saved.connect(saved.append)
    for time in RUN_OF_SIX:
        type_lap(qtbot, tab.log_panel.entry, "5", time)

    larson = _board(tab)["5"]
    assert larson.laps_run == 6
    assert larson.best_lap_ms == 90_900
    assert larson.best_5_ms is not None
    assert larson.falloff_ms is not None
    assert tab.log_panel.model.rowCount() == 6
    assert saved[-1] == "Saved lap No. 5 1:31.800"


def test_a_speed_in_mph_is_logged_through_the_track_length(qtbot, tab):
    type_lap(qtbot, tab.log_panel.entry, "5", "88.000 mph")

    # 2.2 miles at 88 mph is exactly 90 seconds.
    assert _board(tab)["5"].best_lap_ms == 90_000


def test_flagging_an_out_lap_takes_it_out_of_the_best_and_undo_puts_it_back(
    qtbot, tab, chicago_context
):
    type_lap(qtbot, tab.log_panel.entry, "5", "1:29.000")
    type_lap(qtbot, tab.log_panel.entry, "5", "1:31.000")
    first = tab.log_panel.model.lap_at(0)

    assert tab.log_panel.flag_lap(first, LapFlag.OUT)
    assert _board(tab)["5"].best_lap_ms == 91_000
    assert tab.log_panel.model.index(0, 5).data() == "out"

    chicago_context.undo_stack.undo()
    assert _board(tab)["5"].best_lap_ms == 89_000
    assert tab.log_panel.model.index(0, 5).data() == ""


def test_correcting_a_time_is_undoable(qtbot, tab, chicago_context):
    type_lap(qtbot, tab.log_panel.entry, "5", "1:39.000")
    lap = tab.log_panel.model.lap_at(0)

    assert tab.log_panel.correct_lap(lap, "1:30.000")
    assert _board(tab)["5"].best_lap_ms == 90_000
    chicago_context.undo_stack.undo()
    assert _board(tab)["5"].best_lap_ms == 99_000
    chicago_context.undo_stack.redo()
    assert _board(tab)["5"].best_lap_ms == 90_000


def test_a_bad_correction_is_refused_and_nothing_is_pushed(
    qtbot, tab, chicago_context, shown_messages
):
    type_lap(qtbot, tab.log_panel.entry, "5", "1:31.000")
    lap = tab.log_panel.model.lap_at(0)
    commands = chicago_context.undo_stack.count()

    assert not tab.log_panel.correct_lap(lap, "1:2x.4")

    assert chicago_context.undo_stack.count() == commands
    assert "is not a lap time" in shown_messages.texts()[-1]
    assert _board(tab)["5"].best_lap_ms == 91_000


def test_deleting_a_lap_and_undoing_puts_it_back_in_its_place(qtbot, tab, chicago_context):
    for car, time in [("5", "1:31.000"), ("24", "1:30.500"), ("5", "1:30.800")]:
        type_lap(qtbot, tab.log_panel.entry, car, time)
    first = tab.log_panel.model.lap_at(0)

    assert tab.log_panel.delete_lap(first)
    assert tab.log_panel.model.rowCount() == 2
    assert tab.log_panel.model.index(1, 1).data() == "1"  # No. 5's remaining lap is its 1st now

    chicago_context.undo_stack.undo()
    assert tab.log_panel.model.lap_at(0) == first
    assert [tab.log_panel.model.index(r, 1).data() for r in range(3)] == ["1", "1", "2"]


def test_a_note_on_a_lap_is_shown_and_undoable(qtbot, tab, chicago_context):
    type_lap(qtbot, tab.log_panel.entry, "67", "1:32.506")
    lap = tab.log_panel.model.lap_at(0)

    assert tab.log_panel.note_lap(lap, "bent toe link, lap 1")
    assert tab.log_panel.model.index(0, 6).data() == "bent toe link, lap 1"
    chicago_context.undo_stack.undo()
    assert tab.log_panel.model.index(0, 6).data() == ""


def test_the_trace_follows_the_cars_chosen_on_the_board(qtbot, tab):
    for car, time in [("5", "1:31.000"), ("24", "1:30.500"), ("11", "1:30.700")]:
        type_lap(qtbot, tab.log_panel.entry, car, time)
    assert sorted(tab.chart.cars()) == ["11", "24", "5"]  # the fastest three by default

    tab.board_view.selectRow(0)

    assert tab.chart.cars() == [tab.selected_cars()[0]]


def test_a_bad_lap_keeps_its_text_and_the_board_stays_as_it_was(qtbot, tab):
    type_lap(qtbot, tab.log_panel.entry, "5", "1:31.000")
    before = tab.board.rows

    type_lap(qtbot, tab.log_panel.entry, "5", "1:31.0000")

    assert tab.board.rows == before
    assert tab.log_panel.entry.time_edit.text() == "1:31.0000"
    assert "has 4 decimals" in tab.log_panel.entry.message.text()


def test_the_live_practice_board_agrees_with_the_board_read_from_storage(
    qtbot, tab, chicago_context
):
    for car, time in [("5", "1:31.000"), ("24", "1:30.500"), ("5", "1:30.800"), ("11", "1:32.0")]:
        type_lap(qtbot, tab.log_panel.entry, car, time)
    tab.log_panel.flag_lap(tab.log_panel.model.lap_at(1), LapFlag.OUT)
    tab.log_panel.delete_lap(tab.log_panel.model.lap_at(3))
    chicago_context.undo_stack.undo()  # No. 11's lap comes back

    stored = services.practice_board(chicago_context.uow(), tab.log_panel.session.id)
    assert tab.board.board == stored
    assert [row.car_number for row in stored] == ["5", "11", "24"]


def test_logging_a_lap_appends_one_row_and_never_resets_a_model(qtbot, tab):
    type_lap(qtbot, tab.log_panel.entry, "5", "1:31.000")
    resets: list[str] = []
    tab.board.modelReset.connect(lambda: resets.append("board"))
    tab.log_panel.model.modelReset.connect(lambda: resets.append("laps"))
    inserted: list[int] = []
    tab.log_panel.model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))

    for time in RUN_OF_SIX:
        type_lap(qtbot, tab.log_panel.entry, "24", time)

    assert resets == []
    assert inserted == [1, 2, 3, 4, 5, 6]
    assert tab.board.rowCount() == 2
