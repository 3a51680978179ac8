"""A board that fits: every column and 25 rows at 1366×768, zoom, columns, order, F11."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window
from ui.widgets.board_options import board_scale
from ui.widgets.full_screen_board import FullScreenBoard

pytestmark = OFFSCREEN_TOOLBAR
TITLE_BAR_PX = 30  # the window manager's frame is not ours to use


@pytest.fixture
def window(qtbot, demo_copy):
    board_scale().set_compact(True)
    board_scale().set_charts(False)
    board_scale().zoom_by(0)
    window = open_app_window(qtbot, demo_copy)
    window.resize(1366, 768 - TITLE_BAR_PX)
    window.select_event("cup-2025-chicago")
    window.show_tab("Qualifying")
    qtbot.waitUntil(lambda: window.tabs.currentWidget().board.rowCount() == 41)
    QApplication.processEvents()
    yield window
    window.close_storage()
    board_scale().set_charts(True)


@pytest.fixture
def qualifying(window):
    return window.tabs.currentWidget()


def _rows_in_sight(view) -> int:
    height = view.viewport().height()
    return sum(
        1
        for row in range(view.model().rowCount())
        if view.rowViewportPosition(row) >= 0
        and view.rowViewportPosition(row) + view.rowHeight(row) <= height
    )


def _columns_cut(view) -> list[str]:
    model, width = view.model(), view.viewport().width()
    return [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount())
        if not view.isColumnHidden(c)
        and view.columnViewportPosition(c) + view.columnWidth(c) > width
    ]


def test_the_compact_board_shows_every_column_and_25_rows_at_1366_by_768(qualifying):
    view = qualifying.board_view
    assert view.model().columnCount() == 12  # gaps and Starts included
    assert _columns_cut(view) == []
    assert view.horizontalScrollBar().maximum() == 0
    assert _rows_in_sight(view) >= 25


def test_charts_collapse_and_come_back_and_the_choice_is_remembered(qtbot, window, qualifying):
    assert not qualifying.chart.isVisible()
    window.board_actions["charts"].trigger()
    assert qualifying.chart.isVisible() and board_scale().charts
    from ui.widgets.board_options import BoardScale

    assert BoardScale().charts  # a new start reads it back
    window.board_actions["charts"].trigger()
    assert not qualifying.chart.isVisible()


def test_font_zoom_grows_and_shrinks_the_boards_and_actual_size_resets_it(window, qualifying):
    view = qualifying.board_view
    size = view.font().pointSizeF()
    assert window.board_actions["zoom_in"].shortcuts()[0].toString() == "Ctrl+="
    window.board_actions["zoom_in"].trigger()
    assert view.font().pointSizeF() > size
    window.board_actions["zoom_out"].trigger()
    window.board_actions["zoom_out"].trigger()
    assert view.font().pointSizeF() < size
    window.board_actions["zoom_reset"].trigger()
    assert view.font().pointSizeF() == pytest.approx(size)


def test_the_column_chooser_hides_a_column_and_remembers_it(qtbot, demo_copy, qualifying):
    options = qualifying.board_options
    menu = options.header_menu()
    team = next(a for a in menu.actions() if a.text() == "Team")
    team.setChecked(False)
    assert options.hidden_columns() == ["Team"]
    view = qualifying.board_view
    for column in range(view.model().columnCount()):
        view.setColumnHidden(column, False)
    options.restore_hidden()
    assert options.hidden_columns() == ["Team"]
    next(a for a in options.header_menu().actions() if a.text() == "Team").setChecked(True)
    assert options.hidden_columns() == []


def test_a_sorted_board_has_no_bubble_line_and_official_order_brings_both_back(qualifying):
    view = qualifying.board_view
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by car number
    cars = [view.model().index(r, 1).data() for r in range(3)]
    assert cars == ["1", "2", "3"]
    assert qualifying.bubble_line.row is None
    official = next(a for a in qualifying.board_options.header_menu().actions())
    assert official.text() == "Official order"
    official.trigger()
    assert [view.model().index(r, 0).data() for r in range(3)] == ["1", "2", "3"]  # positions
    assert qualifying.bubble_line.row == 38  # under Legge, the last car in
    qualifying.select_car("67")
    assert qualifying.selected_row().car_number == "67"


def test_f11_shows_the_whole_field_of_41_on_a_1920_by_1080_screen(qtbot, window, qualifying):
    assert window.board_actions["full_screen"].shortcut().toString() == "F11"
    board = FullScreenBoard(qualifying.board_view.model(), "Grant Park 165 — Qualifying")
    qtbot.addWidget(board)
    board.resize(1920, 1080)
    board.show()
    QApplication.processEvents()
    assert board.view.model().rowCount() == 41
    assert _rows_in_sight(board.view) == 41
    assert _columns_cut(board.view) == []
    assert board.view.font().pixelSize() >= 12  # readable across the pit box
