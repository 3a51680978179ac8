"""The race tab: results typed with the keyboard, points derived at once, every edit undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.race_world import open_race_tab
from ui.tabs.race_tab import RaceTab


def _cell(tab: RaceTab, car: str, header: str) -> str:
    model = tab.model
    row = model.row_of_car(car)
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return model.index(row, column).data()


def _type_result(qtbot, tab: RaceTab, car: str, laps: str = "100", stage1: str = "") -> None:
    editor = tab.editor
    qtbot.keyClicks(editor.car, car)
    qtbot.keyClicks(editor.laps, laps)
    if stage1:
        qtbot.keyClicks(editor.stage1, stage1)
    qtbot.keyClick(editor.laps, Qt.Key.Key_Return)


def test_each_car_shows_its_stage_finish_and_total_points_from_the_rules(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    assert tab.model.rowCount() == 6
    assert _cell(tab, "1", "S1 pts") == "10"
    assert _cell(tab, "1", "Finish pts") == "40"
    assert _cell(tab, "1", "Driver pts") == "50"
    assert _cell(tab, "1", "Playoff pts") == "6"  # a win and a stage win
    assert _cell(tab, "2", "Driver pts") == "44"  # 9 for stage 1, 35 for 2nd


def test_a_result_typed_with_enter_appears_with_its_points_and_undo_takes_it_away(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[2])
    assert tab.editor.finish.text() == "1"
    _type_result(qtbot, tab, "4", stage1="1")
    assert tab.model.rowCount() == 1
    assert _cell(tab, "4", "Driver") == "Dan Dunn"
    assert _cell(tab, "4", "Driver pts") == "50"
    assert tab.editor.finish.text() == "2"  # ready for the next car
    race_context.undo_stack.undo()
    assert tab.model.rowCount() == 0
    race_context.undo_stack.redo()
    assert _cell(tab, "4", "Driver pts") == "50"


def test_a_bad_number_is_explained_inline_and_the_typed_text_stays(qtbot, race_context, race_world):
    tab = open_race_tab(qtbot, race_context, race_world.events[2])
    _type_result(qtbot, tab, "4", laps="ten")
    assert "Laps must be a whole number" in tab.editor.message.text()
    assert not tab.editor.message.isHidden()
    assert tab.editor.laps.text() == "ten"
    assert tab.editor.car.text() == "4"
    assert tab.model.rowCount() == 0


def test_a_car_not_on_the_entry_list_is_refused_inline_without_a_dialog(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[2])
    _type_result(qtbot, tab, "99")
    assert "not on the entry list" in tab.editor.message.text()
    assert tab.editor.car.text() == "99"
    assert race_context.undo_stack.count() == 0


def test_a_corrected_stage_result_moves_the_points_and_undo_puts_them_back(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[2])
    _type_result(qtbot, tab, "4", stage1="1")
    tab.select_car("4")
    assert tab.editor.save_button.text() == "Save correction"
    tab.editor.stage1.setText("3")
    qtbot.keyClick(tab.editor.stage1, Qt.Key.Key_Return)
    assert _cell(tab, "4", "S1 pts") == "8"
    assert tab.model.rowCount() == 1
    race_context.undo_stack.undo()
    assert _cell(tab, "4", "S1 pts") == "10"


def test_a_penalty_deducts_driver_and_owner_points_and_undo_restores_them(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    panel = tab.penalties
    qtbot.keyClicks(panel.car, "2")
    qtbot.keyClicks(panel.driver_points, "10")
    qtbot.keyClicks(panel.owner_points, "15")
    qtbot.keyClicks(panel.reason, "L1: loose lug nut")
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert _cell(tab, "2", "Driver pts") == "34"
    assert _cell(tab, "2", "Owner pts") == "29"
    assert _cell(tab, "2", "Penalty") == "−10 / −15"
    assert panel.model.rowCount() == 1
    race_context.undo_stack.undo()
    assert _cell(tab, "2", "Driver pts") == "44"
    assert panel.model.rowCount() == 0


def test_a_disqualified_winner_is_scored_last_and_the_others_move_up(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    panel = tab.penalties
    qtbot.keyClicks(panel.car, "1")
    panel.disqualified.setChecked(True)
    qtbot.keyClicks(panel.reason, "Failed post-race inspection")
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert _cell(tab, "1", "Fin") == "6"
    assert _cell(tab, "1", "Penalty") == "DQ"
    assert _cell(tab, "2", "Fin") == "1"
    assert _cell(tab, "2", "Finish pts") == "40"


def test_a_penalty_without_a_reason_is_refused_inline(qtbot, race_context, race_world):
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    qtbot.keyClicks(tab.penalties.car, "2")
    qtbot.keyClicks(tab.penalties.driver_points, "10")
    qtbot.keyClick(tab.penalties.driver_points, Qt.Key.Key_Return)
    assert "reason" in tab.penalties.message.text()
    assert tab.penalties.driver_points.text() == "10"


def test_results_are_made_official_and_undo_makes_them_provisional_again(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    assert "provisional" in tab.heading.text()
    qtbot.mouseClick(tab.official_button, Qt.MouseButton.LeftButton)
    assert "official" in tab.heading.text() and "provisional" not in tab.heading.text()
    assert _cell(tab, "3", "State") == "official"
    race_context.undo_stack.undo()
    assert "provisional" in tab.heading.text()


def test_deleting_a_result_is_undone_with_its_points(qtbot, race_context, race_world):
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    tab.table.selectRow(tab.model.row_of_car("6"))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.model.row_of_car("6") is None
    race_context.undo_stack.undo()
    assert _cell(tab, "6", "Driver pts") == "36"  # 5 for stage 1, 31 for 6th


def test_a_third_stage_and_a_garage_repair_are_typed_and_stored_with_the_result(
    qtbot, race_context, race_world
):
    tab = open_race_tab(qtbot, race_context, race_world.events[2])
    editor = tab.editor
    qtbot.keyClicks(editor.car, "4")
    qtbot.keyClicks(editor.laps, "100")
    qtbot.keyClicks(editor.stage3, "2")
    editor.fastest_lap.setChecked(True)
    editor.garage_repair.setChecked(True)
    qtbot.keyClick(editor.laps, Qt.Key.Key_Return)
    assert tab.model.rowCount() == 1
    with race_world.storage.uow_factory() as uow:
        (stored,) = uow.results.list_for_event(race_world.events[2].id)
    assert (stored.stage3, stored.fastest_lap, stored.garage_repair) == (2, True, True)
    assert editor.stage3.text() == "" and not editor.garage_repair.isChecked()
