"""File ▸ Open database… switches this window to another file; a bad or busy one changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import main
from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window
from ui import main_window
from ui.tabs.standings_tab import StandingsTab

pytestmark = OFFSCREEN_TOOLBAR


@pytest.fixture
def window(qtbot, demo_copy):
    window = open_app_window(qtbot, demo_copy)
    yield window
    window.close_storage()


@pytest.fixture
def other_copy(demo_database, tmp_path) -> str:
    """A second weekend file, in a folder of its own."""
    path = tmp_path / "other" / "weekend.db"
    path.parent.mkdir()
    shutil.copy(demo_database, path)
    return str(path)


def _answer_open_dialog(monkeypatch, path: str) -> None:
    monkeypatch.setattr(main_window, "ask_database_path", lambda _parent, _start: path)


def test_open_database_shows_the_other_file_in_the_same_window(
    qtbot, monkeypatch, window, demo_copy, other_copy
):
    window.show_tab("Standings")
    _answer_open_dialog(monkeypatch, other_copy)
    window.open_action.trigger()
    assert window.context.storage.location == other_copy
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Standings"
    assert isinstance(window.tabs.currentWidget(), StandingsTab)
    assert window.windowTitle() == f"Trackside — {other_copy}"
    assert window.tabs.count() == len(main_window.TAB_TITLES)
    window.select_event("cup-2025-chicago")
    assert window.context.event.key == "cup-2025-chicago"
    # The first file's lock is released: another window (or process) may open it now.
    main.open_storage(demo_copy).close()


def test_the_switched_window_has_one_undo_pair_and_working_tabs(
    qtbot, monkeypatch, window, other_copy
):
    _answer_open_dialog(monkeypatch, other_copy)
    window.open_action.trigger()
    texts = [action.text() for action in window.menuBar().actions()[1].menu().actions()]
    assert len(texts) == 2
    window.select_event("truck-2023-gateway")
    for title in main_window.TAB_TITLES:
        window.show_tab(title)
        assert window.tabs.currentWidget().__class__.__name__.endswith("Tab")


def test_a_file_that_is_not_a_database_gets_its_message_and_the_current_one_stays(
    monkeypatch, window, demo_copy, tmp_path, shown_messages
):
    notes = tmp_path / "notes.txt"
    notes.write_text("practice notes, not a database\n", encoding="utf-8")
    window.select_event("truck-2023-gateway")
    _answer_open_dialog(monkeypatch, str(notes))
    window.open_action.trigger()
    icon, title, text = shown_messages.shown[-1]
    assert icon == QMessageBox.Icon.Critical and title == "Open database"
    assert text.startswith(f"{notes} is not a Trackside database")
    assert notes.read_text(encoding="utf-8") == "practice notes, not a database\n"
    assert window.context.storage.location == demo_copy
    assert window.context.event.key == "truck-2023-gateway"
    with window.context.uow() as uow:
        assert uow.events.all()


def test_a_file_open_in_another_window_is_refused_and_the_current_one_stays(
    monkeypatch, window, demo_copy, other_copy, shown_messages
):
    elsewhere = main.open_storage(other_copy)
    try:
        _answer_open_dialog(monkeypatch, other_copy)
        window.open_action.trigger()
    finally:
        elsewhere.close()
    icon, _title, text = shown_messages.shown[-1]
    assert icon == QMessageBox.Icon.Critical
    assert "is open in another Trackside window" in text
    assert window.context.storage.location == demo_copy


def test_opening_the_file_already_shown_keeps_it_and_says_so(
    monkeypatch, window, demo_copy, shown_messages
):
    window.select_event("truck-2023-gateway")
    context = window.context
    _answer_open_dialog(monkeypatch, str(Path(demo_copy).parent / "." / Path(demo_copy).name))
    window.open_action.trigger()
    assert window.context is context and shown_messages.shown == []
    assert window.statusBar().currentMessage() == f"{demo_copy} is already open."


def test_a_cancelled_open_dialog_changes_nothing(monkeypatch, window, demo_copy):
    _answer_open_dialog(monkeypatch, "")
    window.open_action.trigger()
    assert window.context.storage.location == demo_copy
