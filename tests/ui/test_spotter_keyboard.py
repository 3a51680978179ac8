"""The spotter's keyboard: undo from the fields, Esc and tab switches to Car, checks that ask."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window
from tests.ui.ui_helpers import type_lap

pytestmark = OFFSCREEN_TOOLBAR
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, demo_copy):
    window = open_app_window(qtbot, demo_copy)
    window.select_event("cup-2025-chicago")
    window.show_tab("Practice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.close_storage()


@pytest.fixture
def practice(window):
    return window.tabs.currentWidget()


def _count(tab) -> int:
    return tab.log_panel.model.rowCount()


def test_ctrl_z_in_the_emptied_car_field_undoes_the_lap_just_logged_and_ctrl_y_redoes_it(
    qtbot, practice
):
    entry, before = practice.log_panel.entry, _count(practice)
    type_lap(qtbot, entry, "5", "1:31.234")
    assert _count(practice) == before + 1
    assert QApplication.focusWidget() is entry.car_edit and entry.car_edit.text() == ""

    qtbot.keyClick(entry.car_edit, Qt.Key.Key_Z, CTRL)
    assert _count(practice) == before
    assert entry.car_edit.text() == ""  # the field did not get "5" back

    qtbot.keyClick(entry.car_edit, Qt.Key.Key_Y, CTRL)
    assert _count(practice) == before + 1
    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _count(practice) == before + 1


def test_ctrl_z_while_a_number_is_being_typed_undoes_the_typing_only(qtbot, practice):
    entry, before = practice.log_panel.entry, _count(practice)
    type_lap(qtbot, entry, "5", "1:31.234")
    qtbot.keyClicks(entry.car_edit, "12")
    qtbot.keyClick(entry.car_edit, Qt.Key.Key_Z, CTRL)
    assert entry.car_edit.text() != "12"
    assert _count(practice) == before + 1


def test_every_tab_switch_and_esc_put_the_focus_in_the_car_field(qtbot, window, practice):
    window.picker.setFocus()
    qualifying_action = next(
        a for a in window.menuBar().actions()[2].menu().actions() if a.text() == "Qualifying"
    )
    qualifying_action.trigger()
    qualifying = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is qualifying.log_panel.entry.car_edit)

    qualifying.board_view.setFocus()
    qtbot.keyClick(qualifying.board_view, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is qualifying.log_panel.entry.car_edit


@pytest.mark.parametrize(("title", "field"), [("Race", "editor"), ("Entry list", "form")])
def test_a_switch_to_race_or_entry_list_starts_in_their_car_field(qtbot, window, title, field):
    window.picker.setFocus()
    action = next(a for a in window.menuBar().actions()[2].menu().actions() if a.text() == title)
    action.trigger()
    car = getattr(window.tabs.currentWidget(), field).car
    qtbot.waitUntil(lambda: QApplication.focusWidget() is car)


def test_tab_leaves_the_lap_list_and_digits_typed_there_start_a_car_number(qtbot, practice):
    view, entry = practice.log_panel.view, practice.log_panel.entry
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert QApplication.focusWidget() is entry.car_edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)  # the next key goes where focus is
    assert entry.car_edit.text() == "24"


def test_keep_car_number_logs_a_run_with_times_alone(qtbot, practice):
    entry, before = practice.log_panel.entry, _count(practice)
    entry.keep_car.setChecked(True)
    type_lap(qtbot, entry, "5", "1:31.234")
    assert entry.car_edit.text() == "5" and QApplication.focusWidget() is entry.time_edit
    qtbot.keyClicks(entry.time_edit, "1:31.100")
    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Return)
    assert _count(practice) == before + 2
    assert [practice.log_panel.model.lap_at(before + i).car_number for i in (0, 1)] == ["5", "5"]


def test_a_lap_a_minute_too_fast_asks_enter_logs_it_and_esc_goes_back_to_fix_it(qtbot, practice):
    entry, before = practice.log_panel.entry, _count(practice)
    type_lap(qtbot, entry, "5", "31.234")
    assert _count(practice) == before
    assert entry.question.isVisible()
    assert "faster than the session's best" in entry.question.text()
    assert "Enter: log it anyway · Esc: fix it" in entry.question.text()
    assert (entry.car_edit.text(), entry.time_edit.text()) == ("5", "31.234")

    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Escape)
    assert not entry.question.isVisible() and _count(practice) == before
    assert QApplication.focusWidget() is entry.time_edit
    assert entry.time_edit.selectedText() == "31.234"

    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Return)  # asked again: the same doubt
    assert entry.question.isVisible() and _count(practice) == before
    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Return)  # one keystroke confirms
    assert _count(practice) == before + 1 and not entry.question.isVisible()


def test_the_same_time_twice_in_a_row_asks_before_it_is_stored_twice(qtbot, practice):
    entry, before = practice.log_panel.entry, _count(practice)
    type_lap(qtbot, entry, "5", "1:31.234")
    type_lap(qtbot, entry, "5", "1:31.234")
    assert _count(practice) == before + 1
    assert "previous lap was also 1:31.234" in entry.question.text()


def test_f1_shows_every_menu_shortcut_and_the_keys_of_the_lap_entry(qtbot, window):
    from ui.dialogs.shortcuts_dialog import ShortcutsDialog

    assert window.shortcuts_action.shortcut().toString() == "F1"
    sheet = ShortcutsDialog(window.menuBar(), window)
    qtbot.addWidget(sheet)
    rows = dict(sheet.rows)
    assert rows["Ctrl+Z"] == "Edit ▸ Undo"
    assert rows["Ctrl+Shift+Z or Ctrl+Y"] == "Edit ▸ Redo"
    assert rows["Ctrl+E"] == "File ▸ Export weekend summary"
    assert rows["Ctrl+P"] == "File ▸ Print"
    assert rows["F1"] == "Help ▸ Keyboard shortcuts"
    assert rows["Ctrl+3"] == "View ▸ Qualifying"
    assert "Esc" in rows and "Car, Tab, time, Enter" in rows
    every = {
        s.toString() for a in window.findChildren(type(window.open_action)) for s in a.shortcuts()
    }
    assert every <= {keys for keys, _ in sheet.rows for keys in keys.split(" or ")}
