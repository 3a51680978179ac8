"""The playoffs tab over the demo: cut line, waivers and what-if, all following the results."""

from __future__ import annotations

from PySide6.QtCore import Qt

from domain.changes import Changes
from domain.rules.playoffs import PlayoffStatus
from domain.rules.whatif import Goal
from domain.services import results as services_results
from tests.ui import demo_storage
from tests.ui.demo_storage import choose
from ui.tabs.playoffs_tab import PlayoffsTab
from ui.tabs.race_tab import RaceTab

demo_template = demo_storage.demo_template  # fixtures shared with the standings tests
demo_context = demo_storage.demo_context

CHARLOTTE = "truck-2023-charlotte"
GATEWAY = "truck-2023-gateway"


def _tab(qtbot, context) -> PlayoffsTab:
    tab = PlayoffsTab(context)
    qtbot.addWidget(tab)
    return tab


def _row(tab: PlayoffsTab, name: str):
    return next(row for row in tab.model.rows if row.standing.name == name)


def _enter_gateway_without_heim(context) -> None:
    """Jesse Love in the No. 11, Majeski and Smith ahead: WWT run, Heim not in the truck."""
    event_id = context.event.id
    changes = Changes()
    for finish, car in enumerate(("98", "38", "11"), start=1):
        _, entered = services_results.enter_result(context.uow(), event_id, car, finish, laps=160)
        changes = changes.merged(entered)
    context.announce(changes, "WWT results entered")


def test_the_cut_line_sits_under_the_tenth_driver_in(qtbot, qtmodeltester, demo_context):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, CHARLOTTE)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.waivers.model)
    cut = tab.model.cut_row()
    assert cut == 9
    assert tab.model.row_value(cut).standing.name == "Matt DiBenedetto"
    assert tab.model.row_value(cut + 1).status is PlayoffStatus.OUT
    assert _row(tab, "Corey Heim").status is PlayoffStatus.IN_ON_WIN
    assert _row(tab, "Ty Majeski").status is PlayoffStatus.IN_ON_POINTS


def test_a_post_race_penalty_drops_a_driver_below_the_cut_and_undo_lifts_him_back(
    qtbot, demo_context
):
    playoffs = _tab(qtbot, demo_context)
    race = RaceTab(demo_context)
    qtbot.addWidget(race)
    choose(demo_context, CHARLOTTE)
    assert _row(playoffs, "Matt DiBenedetto").to_cut == 1
    qtbot.keyClicks(race.penalties.car, "25")
    qtbot.keyClicks(race.penalties.driver_points, "10")
    qtbot.keyClicks(race.penalties.owner_points, "10")
    qtbot.keyClicks(race.penalties.reason, "L1: post-race inspection")
    qtbot.keyClick(race.penalties.reason, Qt.Key.Key_Return)
    assert _row(playoffs, "Matt DiBenedetto").status is PlayoffStatus.OUT
    assert _row(playoffs, "Stewart Friesen").status is PlayoffStatus.IN_ON_POINTS
    demo_context.undo_stack.undo()
    assert _row(playoffs, "Matt DiBenedetto").status is PlayoffStatus.IN_ON_POINTS
    assert _row(playoffs, "Stewart Friesen").status is PlayoffStatus.OUT


def test_heim_misses_wwt_and_is_eligible_only_once_his_medical_waiver_is_granted(
    qtbot, demo_context
):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, GATEWAY)
    assert _row(tab, "Corey Heim").eligible  # before WWT is run he has started every race
    _enter_gateway_without_heim(demo_context)
    heim = _row(tab, "Corey Heim")
    assert not heim.eligible and "waiver requested" in heim.eligibility
    assert tab.waivers.model.row_value(0).effect == heim.eligibility
    tab.waivers.select_waiver_of(heim.driver_id)
    qtbot.mouseClick(tab.waivers.grant_button, Qt.MouseButton.LeftButton)
    heim = _row(tab, "Corey Heim")
    assert heim.eligible and heim.status is PlayoffStatus.IN_ON_WIN
    assert "medical waiver granted" in heim.eligibility
    demo_context.undo_stack.undo()
    assert not _row(tab, "Corey Heim").eligible


def test_a_denied_waiver_leaves_heim_out_and_the_list_says_so(qtbot, demo_context):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, GATEWAY)
    _enter_gateway_without_heim(demo_context)
    tab.waivers.select_waiver_of(_row(tab, "Corey Heim").driver_id)
    qtbot.mouseClick(tab.waivers.deny_button, Qt.MouseButton.LeftButton)
    assert _row(tab, "Corey Heim").status is PlayoffStatus.INELIGIBLE
    assert tab.waivers.model.row_value(0).waiver.status.value == "denied"


def test_a_second_waiver_request_for_heim_is_refused_inline(qtbot, demo_context):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, GATEWAY)
    panel = tab.waivers
    panel.driver.setCurrentIndex(panel.driver.findData(_row(tab, "Corey Heim").driver_id))
    qtbot.mouseClick(panel.request_button, Qt.MouseButton.LeftButton)
    assert "already has a requested waiver" in panel.message.text()
    assert panel.model.rowCount() == 1


def test_what_if_says_what_majeski_needs_at_wwt_to_take_the_lead_and_changes_nothing(
    qtbot, demo_context
):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, GATEWAY)
    assert "World Wide Technology" in tab.whatif.next_race.text()
    tab.whatif.choose(_row(tab, "Ty Majeski").driver_id, Goal.LEAD)
    with demo_context.uow() as uow:
        history_before = len(uow.history.newest_first())
    qtbot.mouseClick(tab.whatif.ask_button, Qt.MouseButton.LeftButton)
    answer = tab.whatif.answer.text()
    assert "takes the lead from Corey Heim" in answer
    assert "Heim does not start" in answer
    with demo_context.uow() as uow:
        assert len(uow.history.newest_first()) == history_before


def test_what_if_explains_inline_why_an_ineligible_driver_cannot_race_for_a_spot(
    qtbot, demo_context
):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, CHARLOTTE)
    tab.whatif.choose(_row(tab, "Jake Garcia").driver_id, Goal.LAST_PLAYOFF_SPOT)
    qtbot.mouseClick(tab.whatif.ask_button, Qt.MouseButton.LeftButton)
    assert "cannot race for a playoff spot" in tab.whatif.message.text()
    assert tab.whatif.answer.text() == ""


def test_a_waiver_request_is_listed_and_undo_withdraws_it(qtbot, demo_context):
    tab = _tab(qtbot, demo_context)
    choose(demo_context, GATEWAY)
    panel = tab.waivers
    panel.driver.setCurrentIndex(panel.driver.findData(_row(tab, "Jake Garcia").driver_id))
    panel.reason.setCurrentIndex(panel.reason.findData("non-medical"))
    qtbot.keyClicks(panel.note, "missed Daytona")
    qtbot.keyClick(panel.note, Qt.Key.Key_Return)
    lines = {line.driver_name: line for line in panel.model.rows}
    assert lines["Jake Garcia"].waiver.reason.value == "non-medical"
    assert lines["Jake Garcia"].waiver.status.value == "requested"
    demo_context.undo_stack.undo()
    assert [line.driver_name for line in panel.model.rows] == ["Corey Heim"]
