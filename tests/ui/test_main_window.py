"""The main window: opens on a real database, every tab is reachable, errors take their route."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

import main
from domain.changes import Changes, added, removed
from domain.errors import DatabaseFileError, NewerSchemaError, ValidationError
from domain.model import Lap
from persistence.storage import open_storage
from tests.worlds import chicago_event, store_weekend
from ui.app import BENCH_T0, EXIT_STORAGE_FAILED, collect_garbage_again, open_into, run_gui
from ui.commands import FunctionCommand, push_command
from ui.errors import run_guarded
from ui.main_window import TAB_TITLES, MainWindow

ROOT = Path(__file__).resolve().parents[2]

# The offscreen platform cannot size a shown main window's toolbar; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, demo_copy):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert open_into(window, lambda: open_storage(demo_copy))
    yield window
    window.close_storage()


def test_the_window_opens_on_a_database_and_every_tab_can_be_visited(window):
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(TAB_TITLES)
    window.select_event("cup-2025-chicago")
    for title in TAB_TITLES:
        window.show_tab(title)
        assert window.tabs.tabText(window.tabs.currentIndex()) == title


def test_a_session_opens_on_its_newest_laps(qtbot, window):
    window.select_event("truck-2023-gateway")
    window.show_tab("Practice")
    panel = window.tabs.currentWidget().log_panel
    last = panel.model.rowCount() - 1
    assert last > 100  # a long session: the newest laps are far below the first screen

    def newest_in_sight() -> None:
        bottom = panel.view.viewport().height() - 1
        assert panel.view.rowAt(0) > 0
        assert panel.view.rowAt(bottom) in (last, -1)  # -1: the last row ends above the bottom

    qtbot.waitUntil(newest_in_sight)


def test_ctrl_and_a_number_goes_to_that_tab(window):
    view_menu = window.menuBar().actions()[2].menu()
    qualifying = next(a for a in view_menu.actions() if a.text() == "Qualifying")
    assert qualifying.shortcut().toString() == "Ctrl+3"
    qualifying.trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Qualifying"


def test_undo_redo_and_export_have_their_shortcuts(window):
    edit_menu = window.menuBar().actions()[1].menu()
    shortcuts = {a.text(): a.shortcut().toString() for a in edit_menu.actions()}
    assert "Ctrl+Z" in shortcuts.values() and "Ctrl+Shift+Z" in shortcuts.values()
    assert window.export_action.shortcut().toString() == "Ctrl+E"


def test_the_status_bar_says_what_was_saved(qtbot, window):
    window.select_event("cup-2025-chicago")
    window.show_tab("Practice")
    practice = window.tabs.currentWidget()
    practice.log_panel.entry.car_edit.setText("78")
    practice.log_panel.entry.time_edit.setText("1:32.368")
    assert practice.log_panel.entry.submit()
    assert window.statusBar().currentMessage() == "Saved lap No. 78 1:32.368"


def test_the_last_event_is_chosen_again_next_time(qtbot, window, demo_copy):
    window.select_event("truck-2023-gateway")
    window.close_storage()

    again = MainWindow()
    qtbot.addWidget(again)
    assert open_into(again, lambda: open_storage(demo_copy))
    assert again.context.event.key == "truck-2023-gateway"
    again.close_storage()


def test_an_event_announced_on_the_bus_is_offered_and_the_chosen_weekend_stays(qtbot, window):
    window.select_event("truck-2023-gateway")
    event = replace(chicago_event(), key="cup-2027-chicago", season=2027)
    store_weekend(window.context.uow(), event)

    window.context.bus.announce(Changes(events=added(event)))

    assert window.context.event.key == "truck-2023-gateway"
    window.select_event("cup-2027-chicago")
    assert window.context.event == event


@pytest.mark.parametrize(
    "error",
    [
        DatabaseFileError("notes.txt is not a Trackside database."),
        NewerSchemaError("This file was written by a newer Trackside."),
    ],
)
def test_a_database_that_cannot_be_opened_gets_a_critical_message(qtbot, shown_messages, error):
    window = MainWindow()
    qtbot.addWidget(window)

    def refuse():
        raise error

    assert not open_into(window, refuse)
    icon, _title, text = shown_messages.shown[-1]
    assert icon == QMessageBox.Icon.Critical and text == str(error)
    assert window.context is None


def test_a_domain_error_goes_to_the_inline_label_and_nothing_pops_up(qtbot, shown_messages):
    label = QLabel()
    qtbot.addWidget(label)

    def refuse():
        raise ValidationError("Enter a car number, e.g. 11, 07 or 00.")

    assert not run_guarded(None, "Log lap", refuse, label)
    assert label.text() == "Enter a car number, e.g. 11, 07 or 00."
    assert shown_messages.shown == []


def test_a_storage_error_is_critical(shown_messages):
    def fail():
        raise DatabaseFileError("The disk is full.")

    assert not run_guarded(None, "Log lap", fail)
    assert shown_messages.shown[-1][0] == QMessageBox.Icon.Critical


def test_a_bug_is_not_swallowed_by_the_error_route():
    def bug():
        raise KeyError("oops")

    with pytest.raises(KeyError):
        run_guarded(None, "Log lap", bug)


def test_a_command_that_fails_is_never_pushed(qtbot, demo_ui_context, shown_messages):
    def refuse():
        raise ValidationError("No.")

    command = FunctionCommand(demo_ui_context, "Refused", refuse, lambda: (Changes(), ""))
    assert not push_command(demo_ui_context, command)
    assert demo_ui_context.undo_stack.count() == 0


def test_a_command_runs_once_when_pushed_not_twice(qtbot, demo_ui_context):
    runs: list[str] = []

    def run(what: str) -> tuple[Changes, str]:
        runs.append(what)
        return Changes(), what

    command = FunctionCommand(demo_ui_context, "Count", lambda: run("do"), lambda: run("undo"))
    assert push_command(demo_ui_context, command)
    demo_ui_context.undo_stack.undo()
    demo_ui_context.undo_stack.redo()
    assert runs == ["do", "undo", "do"]


def test_undo_and_redo_announce_on_the_bus_and_only_the_first_run_names_its_view(
    qtbot, demo_ui_context
):
    lap = Lap(session_id=uuid4(), car_number="5", lap_ms=30_000)
    view = QWidget()
    heard: list[Changes] = []
    demo_ui_context.bus.changed.connect(heard.append)
    command = FunctionCommand(
        demo_ui_context,
        "Log",
        lambda: (Changes(laps=added(lap)), "logged"),
        lambda: (Changes(laps=removed(lap)), "removed"),
        view,
    )
    assert push_command(demo_ui_context, command)
    demo_ui_context.undo_stack.undo()
    demo_ui_context.undo_stack.redo()
    assert [(c.laps.added, c.laps.removed) for c in heard] == [
        ((lap,), ()),
        ((), (lap,)),
        ((lap,), ()),
    ]
    assert [c.origin for c in heard] == [view, None, None]


def test_the_first_window_needs_neither_pyqtgraph_nor_sql():
    probe = (
        "import sys, ui.app, ui.main_window;"
        "print(sorted(m for m in ('pyqtgraph', 'sqlalchemy', 'sqlmodel', 'alembic') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.fixture
def gui_side_effects(monkeypatch):
    """run_gui installs the app's excepthook: give pytest-qt its own back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_run_gui_ends_with_an_error_code_when_the_user_quits_after_a_refusal(
    qtbot, gui_side_effects, next_steps
):
    def refuse(_target):
        raise DatabaseFileError("notes.txt is not a Trackside database.")

    assert run_gui(refuse, "notes.txt") == EXIT_STORAGE_FAILED
    assert next_steps.asked == [("notes.txt is not a Trackside database.", False, False)]


def test_run_gui_reports_its_start_up_timings_for_the_benchmark(
    qtbot, gui_side_effects, monkeypatch, capsys, demo_copy
):
    monkeypatch.setenv(BENCH_T0, repr(time.perf_counter()))
    assert run_gui(main.open_storage, demo_copy, main.export_weekend) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["painted_ms"] < report["ready_ms"] < report["settled_ms"]
    assert 0 < report["storage_ms"] < report["ready_ms"] and report["tabs"] == len(TAB_TITLES)


def test_garbage_collection_is_back_on_once_the_window_is_ready():
    """main() switches the collector off for start-up; ready switches it back on."""
    gc.disable()
    try:
        collect_garbage_again()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's objects are not scanned again
    finally:
        gc.unfreeze()
        gc.enable()
