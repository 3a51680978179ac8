"""The Postseason tab over a 2026 Chase season: the field before race 26, seeds and resets after,
the approved-absence mark on a waiver (undoable), and the Standings tab showing the resets."""

from __future__ import annotations

import shutil

import pytest

from domain.rules.postseason import PostseasonStatus
from persistence.storage import create_database, open_storage
from tests.chase_2026 import APPROVED_ABSENCE, UNAPPROVED_ABSENCE, store_cup_2026
from tests.ui.demo_storage import choose
from ui.context import AppContext
from ui.tabs.playoffs_tab import PlayoffsTab
from ui.tabs.standings_tab import StandingsTab


@pytest.fixture(scope="module")
def chase_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("chase") / "cup2026.db"
    create_database(str(path), demo=False)
    storage = open_storage(str(path))
    try:
        store_cup_2026(storage.uow_factory(), races_run=30)
    finally:
        storage.close()
    return str(path)


@pytest.fixture
def chase_context(chase_template, tmp_path, qtbot):

    path = tmp_path / "trackside.db"
    shutil.copy(chase_template, path)
    storage = open_storage(str(path))
    context = AppContext(storage)
    yield context
    context.deleteLater()
    storage.close()


def _tab(qtbot, context) -> PlayoffsTab:
    tab = PlayoffsTab(context)
    qtbot.addWidget(tab)
    return tab


def _row(tab: PlayoffsTab, name: str):
    return next(row for row in tab.postseason.rows if row.standing.name == name)


def test_before_race_26_the_tab_shows_the_field_by_points_only(qtbot, chase_context):
    tab = _tab(qtbot, chase_context)
    choose(chase_context, "cup-2026-r20")
    assert tab.tables.currentWidget() is tab.table
    assert "16 drivers make it, by regular-season points only" in tab.heading.text()
    in_order = [row for row in tab.model.rows if row.seed is not None]
    assert [row.standing.position for row in in_order] == sorted(
        row.standing.position for row in in_order
    )
    assert tab.rounds.text().startswith("The Chase: the top 16 after race 26, over races 27–36")


def test_after_race_30_the_chase_shows_seeds_resets_and_points_since(
    qtbot, qtmodeltester, chase_context
):
    tab = _tab(qtbot, chase_context)
    choose(chase_context, "cup-2026-r30")
    qtmodeltester.check(tab.postseason)
    assert tab.tables.currentWidget() is tab.postseason_table
    assert "The Chase: 4 of 10 races run after race 30." in tab.heading.text()
    chase = [row for row in tab.postseason.rows if row.seed is not None]
    assert len(chase) == 16 and all(row.status is PostseasonStatus.IN for row in chase)
    assert [row.position for row in chase] == list(range(1, 17))
    assert all(row.points == row.reset_points + row.since_reset for row in chase)
    assert _row(tab, UNAPPROVED_ABSENCE[0]).reset_points == 2000
    approved = _row(tab, APPROVED_ABSENCE[0])
    assert approved.reset_points == [2100, 2075, 2065, *range(2060, 1995, -5)][approved.seed - 1]
    assert tab.postseason.cut_row() is None  # the Chase has no cuts


def test_marking_the_absence_approved_seeds_him_by_points_and_undo_puts_2000_back(
    qtbot, chase_context
):
    tab = _tab(qtbot, chase_context)
    choose(chase_context, "cup-2026-r30")
    name = UNAPPROVED_ABSENCE[0]
    seed = _row(tab, name).seed
    tab.waivers.select_waiver_of(_row(tab, name).driver_id)
    tab.waivers.approve_button.click()
    assert _row(tab, name).reset_points == [2100, 2075, 2065, *range(2060, 1995, -5)][seed - 1]
    line = next(w for w in tab.waivers.model.rows if w.driver_name == name)
    assert "approved by NASCAR: seeded by points" in line.effect
    chase_context.undo_stack.undo()
    assert _row(tab, name).reset_points == 2000


def test_the_standings_tab_shows_the_reset_totals(qtbot, chase_context):
    standings = StandingsTab(chase_context)
    qtbot.addWidget(standings)
    choose(chase_context, "cup-2026-r27")
    top = standings.drivers.rows[:16]
    assert all(2000 <= row.points <= 2100 + 76 for row in top)
    assert standings.drivers.rows[16].points < 2000


def test_the_standings_chart_follows_the_chase_reset_like_the_table(qtbot, chase_context):
    standings = StandingsTab(chase_context)
    qtbot.addWidget(standings)
    choose(chase_context, "cup-2026-r28")
    leaders = standings.drivers.rows[:5]  # charted with nobody selected

    assert standings.chart.names() == [row.name for row in leaders]
    for row in leaders:
        rounds, points = standings.chart.curve_data(row.name)
        assert rounds[-3:] == [26, 27, 28]
        assert points[-1] == row.points  # the line ends on the table's total
        assert points[-3] >= 2000  # from race 26 on: the seed's reset, not the season's points
        assert points[-4] < 2000
