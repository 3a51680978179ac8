"""The standings tab over the demo: derived from results, updated at once, undone with them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui import demo_storage
from tests.ui.demo_storage import choose
from ui.tabs.race_tab import RaceTab
from ui.tabs.standings_tab import StandingsTab

GATEWAY = "truck-2023-gateway"
demo_template = (
    demo_storage.demo_template
)  # fixtures shared by the race, standings and playoff tests
demo_context = demo_storage.demo_context


def _tab(qtbot, context) -> StandingsTab:
    tab = StandingsTab(context)
    qtbot.addWidget(tab)
    return tab


def _row(model, name: str):
    return next(row for row in model.rows if row.name == name)


def _text(model, row: int, header: str) -> str:
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return model.index(row, column).data()


def test_heim_leads_majeski_by_26_after_race_11_of_the_2023_truck_season(
    qtbot, qtmodeltester, demo_context
):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, "truck-2023-charlotte")
    for model in (tab.drivers, tab.owners, tab.breakdown):
        qtmodeltester.check(model)
    assert _text(tab.drivers, 0, "Driver") == "Corey Heim"
    assert _text(tab.drivers, 0, "Points") == "425"
    assert _text(tab.drivers, 1, "Driver") == "Ty Majeski"
    assert _text(tab.drivers, 1, "Behind") == "−26"
    majeski = _row(tab.drivers, "Ty Majeski")
    assert (majeski.top5, majeski.top10, majeski.starts) == (6, 8, 11)
    assert tab.owners.rowCount() > 0


def test_the_leaders_are_charted_and_the_leaders_races_broken_down(qtbot, demo_context):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, "truck-2023-charlotte")
    assert tab.chart.names()[:2] == ["Corey Heim", "Ty Majeski"]
    rounds, points = tab.chart.curve_data("Corey Heim")
    assert rounds[-1] == 11 and points[-1] == 425
    assert tab.breakdown.rowCount() == 11
    assert "Corey Heim" in tab.breakdown_title.text()


def test_majeskis_kansas_and_darlington_races_show_their_stage_and_finish_points(
    qtbot, demo_context
):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, "truck-2023-charlotte")
    tab.select_drivers([_row(tab.drivers, "Ty Majeski").driver_id])
    lines = {line.round_no: line for line in tab.breakdown.rows}
    assert (lines[8].finish, lines[8].stages, lines[8].total) == (12, 10, 22)  # Kansas, 25th
    assert lines[9].total == 6  # Darlington, 31st
    assert tab.chart.names() == ["Ty Majeski"]


def test_a_wwt_win_without_heim_puts_majeski_in_front_and_undo_puts_heim_back(qtbot, demo_context):
    tab = _tab(qtbot, demo_context)
    race = RaceTab(demo_context)
    qtbot.addWidget(race)
    choose(demo_context, GATEWAY)
    assert _text(tab.drivers, 0, "Driver") == "Corey Heim"
    qtbot.keyClicks(race.editor.car, "98")
    qtbot.keyClicks(race.editor.laps, "160")
    qtbot.keyClicks(race.editor.stage1, "1")
    qtbot.keyClick(race.editor.stage1, Qt.Key.Key_Return)
    assert _text(tab.drivers, 0, "Driver") == "Ty Majeski"
    assert _text(tab.drivers, 0, "Points") == str(399 + 40 + 10)
    heim = _row(tab.drivers, "Corey Heim")
    assert (heim.points, heim.starts) == (425, 11)
    rounds, points = tab.chart.curve_data("Ty Majeski")
    assert rounds[-1] == 12 and points[-1] == 449
    demo_context.undo_stack.undo()
    assert _text(tab.drivers, 0, "Driver") == "Corey Heim"
    assert _text(tab.drivers, 1, "Behind") == "−26"
