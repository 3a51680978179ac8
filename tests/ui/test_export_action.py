"""File ▸ Export weekend summary… (Ctrl+E, toolbar): pick a folder, get the CSV files, read why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import main
from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window
from ui import main_window, settings
from ui.app import open_into
from ui.dialogs import export_dialogs
from ui.main_window import MainWindow

pytestmark = OFFSCREEN_TOOLBAR

SUMMARY_FILES = {
    "entries.csv",
    "penalties.csv",
    "waivers.csv",
    "substitutions.csv",
    "laps.csv",
    "sessions.csv",
    "lineup.csv",
    "results.csv",
    "driver_standings.csv",
    "owner_standings.csv",
}


@pytest.fixture
def out(tmp_path) -> Path:
    """An empty folder to export into (the database copy lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def window(qtbot, demo_copy):
    window = open_app_window(qtbot, demo_copy)
    window.select_event("cup-2025-chicago")
    yield window
    window.close_storage()


def _pick_folder(monkeypatch, folder: str) -> list[str]:
    """Answer the folder dialog with `folder`; returns the start folders it was opened at."""
    asked: list[str] = []

    def answer(_parent, start: str) -> str:
        asked.append(start)
        return folder

    monkeypatch.setattr(main_window, "ask_export_folder", answer)
    return asked


CHICAGO_SUMMARY = "Grant Park 165 (cup-2025-chicago) summary"


def test_ctrl_e_writes_the_summary_into_a_folder_named_after_the_weekend(
    monkeypatch, out, window, export_prompts
):
    _pick_folder(monkeypatch, str(out))
    window.export_action.trigger()
    written = out / CHICAGO_SUMMARY
    assert {path.name for path in written.iterdir()} == SUMMARY_FILES
    assert '"78"' in (written / "entries.csv").read_text(encoding="utf-8-sig")
    assert window.statusBar().currentMessage() == f"Exported 10 files to {written}"
    assert export_prompts.offered == [(f"Wrote 10 CSV files to {written}.", written)]
    assert export_prompts.asked_replace == []


def test_the_first_export_starts_in_the_documents_folder_not_the_apps(monkeypatch, out, window):
    asked = _pick_folder(monkeypatch, "")
    window.export_action.trigger()
    assert asked == [export_dialogs.documents_folder()]
    assert Path(asked[0]).resolve() != Path.cwd().resolve()


def test_an_earlier_export_is_replaced_only_when_the_user_agrees(
    monkeypatch, out, window, export_prompts
):
    _pick_folder(monkeypatch, str(out))
    window.export_action.trigger()
    entries = out / CHICAGO_SUMMARY / "entries.csv"
    entries.write_text("kept", encoding="utf-8")

    export_prompts.replace = False
    window.export_action.trigger()
    assert export_prompts.asked_replace == [out / CHICAGO_SUMMARY]
    assert entries.read_text(encoding="utf-8") == "kept"
    assert len(export_prompts.offered) == 1

    export_prompts.replace = True
    window.export_action.trigger()
    assert entries.read_text(encoding="utf-8-sig").startswith("car,")
    assert len(export_prompts.offered) == 2


def test_the_export_is_on_the_toolbar_with_its_shortcut(window):
    assert window.export_action in window.picker.actions()
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.export_action.isEnabled()


def test_the_folder_dialog_opens_where_the_last_summary_went(monkeypatch, out, window):
    asked = _pick_folder(monkeypatch, str(out))
    window.export_action.trigger()
    window.select_event("truck-2023-gateway")
    window.export_action.trigger()
    assert asked[-1] == str(out)
    assert settings.last_export_folder() == str(out)
    gateway = "Truck Series at World Wide Technology Raceway (truck-2023-gateway) summary"
    assert (out / gateway / "results.csv").is_file()


def test_a_cancelled_folder_dialog_writes_nothing(monkeypatch, out, window, shown_messages):
    _pick_folder(monkeypatch, "")
    window.export_action.trigger()
    assert list(out.iterdir()) == []
    assert shown_messages.shown == []


def test_a_folder_that_cannot_be_written_gets_a_warning_saying_why(
    monkeypatch, out, window, shown_messages
):
    blocker = out / "not-a-folder.txt"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    _pick_folder(monkeypatch, str(blocker))
    window.export_action.trigger()
    icon, title, text = shown_messages.shown[-1]
    assert icon == QMessageBox.Icon.Warning and title == "Export weekend summary"
    assert str(blocker / CHICAGO_SUMMARY) in text and "Choose a folder" in text
    assert not window.statusBar().currentMessage().startswith("Exported")


def test_without_an_exporter_the_action_stays_disabled(qtbot, demo_copy):

    window = MainWindow()
    qtbot.addWidget(window)
    assert open_into(window, lambda: main.open_storage(demo_copy))
    window.select_event("cup-2025-chicago")
    assert not window.export_action.isEnabled()
    assert window.export_weekend_to(Path(demo_copy).parent / "out") == []
    window.close_storage()
