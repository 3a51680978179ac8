"""The entry list tab: the 41 Chicago cars, the field count, inline refusals, substitutions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from domain import services
from tests.ui.ui_helpers import choose_event
from ui.tabs.entry_list_tab import EntryListTab


@pytest.fixture
def tab(qtbot, chicago_context):
    tab = EntryListTab(chicago_context)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    choose_event(chicago_context, "cup-2025-chicago")
    return tab


def _fill(qtbot, tab: EntryListTab, car: str, driver: str, team: str = "Team X") -> None:
    tab.form.clear()
    qtbot.keyClicks(tab.form.car, car)
    qtbot.keyClicks(tab.form.driver, driver)
    qtbot.keyClicks(tab.form.team, team)
    qtbot.keyClicks(tab.form.make, "Ford")


def _cars(tab: EntryListTab) -> list[str]:
    return [view.entry.car_number for view in tab.model.rows]


def _row_under(tab: EntryListTab, widget) -> int:
    return tab.form.layout().getWidgetPosition(widget)[0]


def _visible_headers(tab: EntryListTab) -> list[str]:
    model = tab.view.model()
    return [
        model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(model.columnCount())
        if not tab.view.isColumnHidden(column)
    ]


def test_the_chicago_entry_list_shows_41_cars_and_who_goes_home(tab):
    assert tab.model.rowCount() == 41
    assert tab.count.text() == "41 entered for 40 spots: 1 will go home"
    assert tab.count.font().pointSizeF() > tab.font().pointSizeF() * 1.5
    assert "background" in tab.count.styleSheet()


def test_columns_that_say_nothing_this_weekend_are_hidden_until_they_do(tab):
    # Chicago: no OEP, no "(i)" driver, every owner is the team, nobody withdrawn yet.
    assert _visible_headers(tab) == ["Car", "Driver", "Team", "Make", "Charter"]

    tab.select_car("67")
    assert tab.toggle_withdrawn()

    assert _visible_headers(tab)[-1] == "Status"


def test_open_cars_read_open_and_chartered_cars_guaranteed(tab):
    tab.select_car("78")
    row = tab.view.selectionModel().selectedRows()[0].row()
    charter = tab.view.model().index(row, 5).data()
    assert charter == "Open"
    tab.select_car("45")
    row = tab.view.selectionModel().selectedRows()[0].row()
    assert tab.view.model().index(row, 5).data() == "Guaranteed"


def test_the_filter_finds_a_driver_by_part_of_the_name(qtbot, tab):
    assert tab.shown.text() == "41 cars"

    qtbot.keyClicks(tab.filter, "legge")

    assert tab.view.model().rowCount() == 1
    assert tab.view.model().index(0, 0).data() == "78"
    assert tab.shown.text() == "1 of 41 cars"


def test_a_duplicate_car_number_is_refused_beside_the_form(qtbot, tab, shown_messages):
    _fill(qtbot, tab, "78", "Someone New")

    assert not tab.add_entry()

    assert "No. 78 is already on the entry list" in tab.message.text()
    assert tab.message.isVisibleTo(tab)
    assert _row_under(tab, tab.message) == _row_under(tab, tab.form.car) + 1
    assert shown_messages.shown == []
    assert tab.model.rowCount() == 41


def test_a_driver_entered_twice_is_refused_inline(qtbot, tab):
    _fill(qtbot, tab, "98", "Katherine Legge")

    assert not tab.add_entry()

    assert "Katherine Legge already drives No. 78" in tab.message.text()
    assert _row_under(tab, tab.message) == _row_under(tab, tab.form.driver) + 1


def test_an_empty_make_is_asked_for_under_the_make(qtbot, tab):
    _fill(qtbot, tab, "84", "Jimmie Johnson")
    tab.form.make.clear()

    assert not tab.add_entry()

    assert tab.message.text() == "Enter the make."
    assert _row_under(tab, tab.message) == _row_under(tab, tab.form.make) + 1


def test_a_car_number_like_1x_is_refused_inline_and_the_form_keeps_it(qtbot, tab):
    _fill(qtbot, tab, "1x", "Someone New")

    assert not tab.add_entry()

    assert "“1x” is not a car number" in tab.message.text()
    assert tab.form.car.text() == "1x"


def test_adding_a_car_updates_the_count_and_undo_takes_it_off_the_list(qtbot, tab, chicago_context):
    _fill(qtbot, tab, "84", "Jimmie Johnson", "Legacy Motor Club")

    assert tab.add_entry()
    assert "84" in _cars(tab)
    assert tab.count.text() == "42 entered for 40 spots: 2 will go home"
    assert not tab.message.isVisible()

    chicago_context.undo_stack.undo()
    assert "84" not in _cars(tab)
    assert tab.count.text() == "41 entered for 40 spots: 1 will go home"

    chicago_context.undo_stack.redo()
    assert "84" in _cars(tab)
    assert tab.count.text() == "42 entered for 40 spots: 2 will go home"


def test_withdrawing_a_car_leaves_it_listed_as_withdrawn(qtbot, tab, chicago_context):
    tab.select_car("67")

    assert tab.toggle_withdrawn()

    tab.select_car("67")
    assert tab.selected_view().entry.withdrawn
    assert tab.count.text() == "40 entered for 40 spots: everyone starts"
    chicago_context.undo_stack.undo()
    assert tab.count.text() == "41 entered for 40 spots: 1 will go home"


def test_a_substitution_shows_who_replaced_whom_in_the_car(qtbot, tab, chicago_context):
    tab.select_car("67")
    qtbot.keyClicks(tab.sub_driver, "Jesse Love")
    qtbot.keyClicks(tab.sub_reason, "illness")

    assert tab.substitute_selected()

    tab.select_car("67")
    view = tab.selected_view()
    assert view.driver.name == "Jesse Love"
    assert "Jesse Love replaces Corey Heim in the No. 67: illness" in tab.history.text()
    row = _cars(tab).index("67")
    driver = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)].index("Driver")
    tooltip = tab.model.index(row, driver).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Jesse Love replaces Corey Heim in the No. 67: illness"
    chicago_context.undo_stack.undo()
    tab.select_car("67")
    assert tab.selected_view().driver.name == "Corey Heim"


def test_a_refused_substitution_is_shown_in_the_substitution_box(qtbot, tab, shown_messages):
    tab.select_car("67")
    qtbot.keyClicks(tab.sub_driver, "Katherine Legge")

    assert not tab.substitute_selected()

    assert "Katherine Legge already drives No. 78" in tab.sub_message.text()
    assert tab.sub_message.isVisibleTo(tab) and not tab.message.isVisibleTo(tab)
    assert shown_messages.shown == []


def test_the_gateway_history_tells_who_replaced_whom_in_the_no_11_and_no_1(qtbot, demo_ui_context):
    tab = EntryListTab(demo_ui_context)
    qtbot.addWidget(tab)
    choose_event(demo_ui_context, "truck-2023-gateway")

    tab.select_car("11")
    assert "Jesse Love replaces Corey Heim in the No. 11" in tab.history.text()
    assert "On the entry list: <b>Corey Heim</b>" in tab.history.text()
    tab.select_car("1")
    assert "Toni Breidinger replaces Jesse Love in the No. 1" in tab.history.text()
    assert tab.count.text() == "36 entered for 36 spots: everyone starts"


def test_editing_the_team_is_saved_and_undoable(qtbot, tab, chicago_context):
    tab.select_car("78")
    tab.form.team.clear()
    qtbot.keyClicks(tab.form.team, "Live Fast Motorsports (renamed)")

    assert tab.save_selected()
    tab.select_car("78")
    assert tab.selected_view().entry.team == "Live Fast Motorsports (renamed)"

    chicago_context.undo_stack.undo()
    tab.select_car("78")
    assert tab.selected_view().entry.team != "Live Fast Motorsports (renamed)"


def _stored_driver_names(context) -> set[str]:
    with context.uow() as uow:
        return {d.name for d in uow.drivers.all()}


def test_a_refused_save_with_a_new_driver_leaves_no_driver_and_nothing_to_undo(
    qtbot, tab, chicago_context
):
    before = _stored_driver_names(chicago_context)
    tab.select_car("78")
    tab.form.driver.clear()
    qtbot.keyClicks(tab.form.driver, "Nobody Yet")
    tab.form.car.clear()
    qtbot.keyClicks(tab.form.car, "5")  # another car's number: the save is refused

    assert not tab.save_selected()

    assert "already on the entry list" in tab.message.text()
    assert _stored_driver_names(chicago_context) == before
    assert chicago_context.undo_stack.count() == 0


def test_undoing_a_save_with_a_new_driver_takes_the_driver_away_again(qtbot, tab, chicago_context):
    before = _stored_driver_names(chicago_context)
    tab.select_car("78")
    tab.form.driver.clear()
    qtbot.keyClicks(tab.form.driver, "Nobody Yet")

    assert tab.save_selected()
    tab.select_car("78")
    assert tab.selected_view().driver.name == "Nobody Yet"

    chicago_context.undo_stack.undo()
    tab.select_car("78")
    assert tab.selected_view().driver.name != "Nobody Yet"
    assert _stored_driver_names(chicago_context) == before

    chicago_context.undo_stack.redo()
    tab.select_car("78")
    assert tab.selected_view().driver.name == "Nobody Yet"


def _driver_named(context, name: str):
    return services.driver_named(context.uow(), name)


def test_a_drivers_birth_date_and_cup_season_are_saved_and_undone(qtbot, tab, chicago_context):
    tab.select_car("78")
    box = tab.eligibility
    assert box.title() == "Driver eligibility: Katherine Legge"
    assert box.cup_driver.text() == "Cup driver in 2025"
    qtbot.keyClicks(box.birth_date, "1980-07-12")
    box.cup_driver.setChecked(True)

    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)

    legge = _driver_named(chicago_context, "Katherine Legge")
    assert (legge.birth_date, legge.cup_seasons) == (date(1980, 7, 12), frozenset({2025}))
    chicago_context.undo_stack.undo()
    legge = _driver_named(chicago_context, "Katherine Legge")
    assert (legge.birth_date, legge.cup_seasons) == (None, frozenset())
    assert box.birth_date.text() == "" and not box.cup_driver.isChecked()  # the box follows


def test_a_bad_birth_date_is_refused_beside_it_and_the_text_stays(qtbot, tab):
    tab.select_car("78")
    qtbot.keyClicks(tab.eligibility.birth_date, "12/07/1980")

    assert not tab.save_driver()

    assert "“12/07/1980” is not a date of birth" in tab.eligibility.message.text()
    assert tab.eligibility.birth_date.text() == "12/07/1980"


def test_an_under_age_driver_is_refused_when_put_in_a_car(qtbot, tab, chicago_context):
    tab.select_car("67")
    qtbot.keyClicks(tab.eligibility.birth_date, "2009-09-01")
    assert tab.save_driver()  # 15 at Chicago in July 2025
    assert tab.toggle_withdrawn()
    _fill(qtbot, tab, "167", "Corey Heim")

    assert not tab.add_entry()

    assert "Corey Heim is 15 on race day (2025-07-06" in tab.message.text()
    assert "minimum there is 18" in tab.message.text()
    assert "167" not in _cars(tab)
