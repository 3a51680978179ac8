"""Keep theirs / apply yours in the entry list, race results, penalties and waivers: an edit made
on a screen another laptop has changed since asks first, and either answer is what is stored."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from domain import services
from domain.model import WaiverStatus
from persistence.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeUnitOfWork
from tests.ui import demo_storage
from tests.ui.demo_storage import choose
from tests.ui.race_world import open_race_tab
from tests.ui.ui_helpers import choose_event
from ui.dialogs import conflict_dialog
from ui.tabs.entry_list_tab import EntryListTab
from ui.tabs.playoffs_tab import PlayoffsTab

demo_template = demo_storage.demo_template
demo_context = demo_storage.demo_context
BOTH_WAYS = pytest.mark.parametrize(
    "apply_yours", [False, True], ids=["keep theirs", "apply yours"]
)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> list[str]:
    """The questions put to the user; answered with the test's `apply_yours`."""
    questions: list[str] = []
    answer = request.node.callspec.params["apply_yours"]
    monkeypatch.setattr(
        conflict_dialog, "ask_apply_yours", lambda _w, message: questions.append(message) or answer
    )
    return questions


@BOTH_WAYS
def test_an_entry_edited_on_another_laptop_asks_before_the_stale_save(
    qtbot, chicago_context, asked, apply_yours: bool
) -> None:
    tab = EntryListTab(chicago_context)
    qtbot.addWidget(tab)
    choose_event(chicago_context, "cup-2025-chicago")
    tab.select_car("78")
    seen = tab.selected_view().entry
    other_laptop = SqlUnitOfWork(chicago_context.storage.engine)
    services.edit_entry(other_laptop, replace(seen, make="Ford"), seen=seen)

    tab.form.team.clear()
    qtbot.keyClicks(tab.form.team, "Live Fast Motorsports (renamed)")
    assert tab.save_selected()

    assert asked == [
        "No. 78's entry was changed on another laptop: make now Ford. Keep theirs, or apply yours."
    ]
    tab.select_car("78")
    shown = tab.selected_view().entry
    assert shown.make == "Ford"  # theirs, whichever was chosen
    renamed = shown.team == "Live Fast Motorsports (renamed)"
    assert renamed is apply_yours
    assert chicago_context.undo_stack.count() == (1 if apply_yours else 0)
    if apply_yours:
        chicago_context.undo_stack.undo()  # undo takes back this laptop's edit, not theirs
        tab.select_car("78")
        assert (tab.selected_view().entry.team, tab.selected_view().entry.make) == (
            seen.team,
            "Ford",
        )


@BOTH_WAYS
def test_a_result_corrected_on_another_laptop_asks_before_the_stale_correction(
    qtbot, race_world, race_context, asked, apply_yours: bool
) -> None:
    tab = open_race_tab(qtbot, race_context, race_world.events[0])
    tab.select_car("2")
    seen = tab.model.result_at(tab.model.row_of_car("2"))
    other_laptop = FakeUnitOfWork(race_world.storage.store)
    services.correct_result(other_laptop, replace(seen, laps_led=77), seen=seen)

    tab.editor.laps.setText("99")
    qtbot.keyClick(tab.editor.laps, Qt.Key.Key_Return)

    assert asked == [
        "No. 2's result was changed on another laptop: laps led now 77. Keep theirs, or apply "
        "yours."
    ]
    shown = tab.model.result_at(tab.model.row_of_car("2"))
    assert shown.laps_led == 77
    assert shown.laps == (99 if apply_yours else seen.laps)
    assert race_context.undo_stack.count() == (1 if apply_yours else 0)


@BOTH_WAYS
def test_rescinding_a_penalty_changed_elsewhere_asks_first(
    qtbot, race_world, race_context, asked, apply_yours: bool
) -> None:
    event = race_world.events[0]
    tab = open_race_tab(qtbot, race_context, event)
    penalty, changes = services.add_penalty(
        race_context.uow(), event.id, "2", reason="L1: loose lug nut", driver_points=10
    )
    race_context.announce(changes, "penalty")
    with FakeUnitOfWork(race_world.storage.store) as other_laptop:  # a sync brought their copy
        other_laptop.penalties.update(replace(penalty, driver_points=25))
        other_laptop.commit()

    tab.penalties.table.selectRow(0)
    qtbot.mouseClick(tab.penalties.rescind_button, Qt.MouseButton.LeftButton)

    assert asked == [
        "No. 2's penalty was changed on another laptop: driver points now 25. Keep theirs, or "
        "apply yours."
    ]
    assert tab.penalties.model.rowCount() == (0 if apply_yours else 1)
    if apply_yours:
        race_context.undo_stack.undo()  # puts back the penalty as it was when it went: theirs
        with race_context.uow() as uow:
            assert [p.driver_points for p in uow.penalties.list_for_event(event.id)] == [25]


@BOTH_WAYS
def test_a_waiver_decided_on_another_laptop_asks_before_the_stale_decision(
    qtbot, demo_context, asked, apply_yours: bool
) -> None:
    tab = PlayoffsTab(demo_context)
    qtbot.addWidget(tab)
    choose(demo_context, "truck-2023-gateway")
    seen = tab.waivers.model.row_value(0).waiver
    other_laptop = SqlUnitOfWork(demo_context.storage.engine)
    services.grant_waiver(other_laptop, seen)

    tab.waivers.select_waiver_of(seen.driver_id)
    qtbot.mouseClick(tab.waivers.deny_button, Qt.MouseButton.LeftButton)

    assert asked == [
        "Corey Heim's waiver was changed on another laptop: status now granted. Keep theirs, "
        "or apply yours."
    ]
    status = tab.waivers.model.row_value(0).waiver.status
    assert status is (WaiverStatus.DENIED if apply_yours else WaiverStatus.GRANTED)
    if apply_yours:
        demo_context.undo_stack.undo()  # back to theirs (granted), not to what this laptop saw
        assert tab.waivers.model.row_value(0).waiver.status is WaiverStatus.GRANTED
