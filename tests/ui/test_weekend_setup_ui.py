"""From an empty database to a weekend with its lineup, through the window alone (pytest-qt).

Modal dialogs are driven by replacing their exec(): the test fills the fields as a user
would and presses OK (submit), which runs the same use case the dialog runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton

import main
from domain import services
from domain.model import TrackKind
from persistence.storage import create_database
from tests.ui.app_window import OFFSCREEN_TOOLBAR
from ui import weekend_edits
from ui.app import open_into
from ui.dialogs import sessions_dialog
from ui.dialogs.event_dialog import EventDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.race_rules_dialog import DeclareOepDialog, EventRulesDialog
from ui.dialogs.season_dialog import SeasonDialog
from ui.dialogs.sessions_dialog import SessionsDialog
from ui.dialogs.track_dialog import TrackDialog
from ui.main_window import MainWindow

pytestmark = OFFSCREEN_TOOLBAR
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
KEY = "cup-2025-chicago"


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = create_database(str(tmp_path / "empty.db"), demo=False)
    shown = MainWindow(
        open_storage=main.open_storage,
        export_weekend=main.export_weekend,
        weekend_files=main.WeekendFiles(),
    )
    qtbot.addWidget(shown)
    shown.show()
    assert open_into(shown, lambda: main.open_storage(path))
    yield shown
    shown.close_storage()


def drive(monkeypatch, dialog_type: type, fill: Callable[[object], None]) -> list[object]:
    """Replace the dialog's exec: fill it, press OK; the dialogs seen are returned."""
    seen: list[object] = []

    def fake_exec(dialog) -> int:
        seen.append(dialog)
        fill(dialog)
        dialog.submit()
        return int(dialog.result())

    monkeypatch.setattr(dialog_type, "exec", fake_exec)
    return seen


def fill_season(dialog: SeasonDialog) -> None:
    dialog.series.setCurrentText("cup")
    dialog.year.setValue(2025)


def fill_chicago(dialog: EventDialog) -> None:
    dialog.name.setText("Grant Park 165")
    dialog.track.setCurrentText("Chicago Street Course (Grant Park)")
    dialog.length.setText("2.2")
    dialog.kind.setCurrentIndex(dialog.kind.findData(TrackKind.STREET))
    dialog.start.setDate(QDate(2025, 7, 5))
    dialog.end.setDate(QDate(2025, 7, 6))
    dialog.round.setValue(19)


def import_file(monkeypatch, window: MainWindow, kind: str, path: Path) -> None:
    def fill(dialog: ImportDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.path.setText(str(path))

    drive(monkeypatch, ImportDialog, fill)
    window.weekends.import_file()


def test_an_empty_database_opens_on_the_first_run_screen(window: MainWindow) -> None:
    panel = window.weekends.first_run
    assert panel is not None and window.centralWidget() is panel
    assert panel.new_event_button.text() == "New event…"
    assert panel.import_button.text() == "Import schedule…"
    assert panel.demo_button.text() == "Open the demo"
    assert not window.weekends.edit_event_action.isEnabled()


def test_the_chicago_weekend_built_in_the_window_has_the_right_lineup(
    monkeypatch, window: MainWindow
) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)
    seen = drive(monkeypatch, EventDialog, fill_chicago)

    window.weekends.first_run.new_event_button.click()

    proposed = [s.name for s in seen[0].sessions.plan()]
    assert proposed == ["Practice", "Qualifying Group A", "Qualifying Group B", "Race"]
    assert window.centralWidget() is window.tabs
    assert window.context.event.key == KEY
    assert window.picker.event_box.currentData() == KEY
    import_file(monkeypatch, window, "entries", DEMO / "cup_2025_chicago_entries.csv")
    import_file(monkeypatch, window, "laps", DEMO / "cup_2025_chicago_laps.csv")
    assert window.statusBar().currentMessage().startswith("cup_2025_chicago_laps.csv: 342 added")

    context = window.context
    field = services.qualifying_board(context.uow(), context.event.id, context.ruleset)

    assert [row.car_number for row in field.lineup[:4]] == ["88", "5", "24", "45"]
    assert len(field.lineup) == 40
    assert [row.car_number for row in field.dnq] == ["67"]


def test_a_deleted_weekend_comes_back_with_every_lap_on_undo(
    monkeypatch, qtbot, window: MainWindow
) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)
    drive(monkeypatch, EventDialog, fill_chicago)
    window.weekends.new_event_action.trigger()
    import_file(monkeypatch, window, "entries", DEMO / "cup_2025_chicago_entries.csv")
    import_file(monkeypatch, window, "laps", DEMO / "cup_2025_chicago_laps.csv")
    asked: list[str] = []
    monkeypatch.setattr(
        weekend_edits, "confirm", lambda parent, title, text: asked.append(text) or True
    )

    window.weekends.delete_event_action.trigger()

    assert "342 laps, 41 entries" in asked[0]
    assert window.centralWidget() is window.weekends.first_run
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: window.context.event is not None)
    assert window.context.event.key == KEY
    contents = services.event_contents(window.context.uow(), window.context.event.id)
    assert (len(contents.laps), len(contents.entries)) == (342, 41)


def test_a_bad_length_is_shown_in_the_dialog_and_nothing_is_created(
    monkeypatch, window: MainWindow
) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)

    def too_long(dialog: EventDialog) -> None:
        fill_chicago(dialog)
        dialog.length.setText("22")

    seen = drive(monkeypatch, EventDialog, too_long)
    window.weekends.new_event_action.trigger()

    assert "longer than any track" in seen[0].message.text()
    assert not seen[0].message.isHidden()
    with window.context.uow() as uow:
        assert uow.events.all() == [] and uow.tracks.all() == []
    assert window.centralWidget() is window.weekends.first_run


def _session_names(window: MainWindow) -> list[str]:
    with window.context.uow() as uow:
        return [s.name for s in uow.sessions.list_for_event(window.context.event.id)]


def test_the_sessions_dialog_adds_renames_moves_and_removes_and_each_step_undoes(
    monkeypatch, window: MainWindow
) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)
    drive(monkeypatch, EventDialog, fill_chicago)
    window.weekends.new_event_action.trigger()
    import_file(monkeypatch, window, "entries", DEMO / "cup_2025_chicago_entries.csv")
    import_file(monkeypatch, window, "laps", DEMO / "cup_2025_chicago_laps.csv")
    monkeypatch.setattr(
        sessions_dialog, "ask_session_name", lambda parent, title, now: "Final practice"
    )
    asked: list[str] = []
    monkeypatch.setattr(
        weekend_edits, "confirm", lambda parent, title, text: asked.append(text) or True
    )
    dialog = SessionsDialog(window.context, window.context.event, weekend_edits.confirm, window)

    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    buttons["Add practice"].click()
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    buttons["Rename…"].click()
    buttons["Up"].click()
    assert _session_names(window) == [
        "Practice", "Qualifying Group A", "Qualifying Group B", "Final practice", "Race",
    ]  # fmt: skip
    assert [dialog.list.item(i).text() for i in range(5)] == _session_names(window)
    dialog.list.setCurrentRow(0)
    practice = dialog.current()
    buttons["Remove"].click()

    assert "Remove Practice with its 260 laps?" in asked[0]
    assert "Practice" not in _session_names(window)
    window.context.undo_stack.undo()
    assert _session_names(window)[0] == "Practice"
    assert services.session_lap_count(window.context.uow(), practice.id) == 260
    window.context.undo_stack.undo()  # the move
    assert _session_names(window)[3:] == ["Race", "Final practice"]


def test_a_corrected_track_length_is_what_the_weekend_shows_and_undo_puts_it_back(
    monkeypatch, qtbot, window: MainWindow
) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)
    drive(monkeypatch, EventDialog, fill_chicago)
    window.weekends.new_event_action.trigger()
    drive(monkeypatch, TrackDialog, lambda dialog: dialog.length.setText("2.14"))

    window.weekends.track_action.trigger()

    assert window.context.event.track.length_millimiles == 2140
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: window.context.event.track.length_millimiles == 2200)


def test_deleting_a_season_asks_first_and_undo_brings_back_its_weekends(
    monkeypatch, qtbot, window: MainWindow
) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)
    drive(monkeypatch, EventDialog, fill_chicago)
    window.weekends.new_event_action.trigger()
    import_file(monkeypatch, window, "entries", DEMO / "cup_2025_chicago_entries.csv")
    answers = iter([False, True])
    asked: list[str] = []

    def answer(parent, title, text) -> bool:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(weekend_edits, "confirm", answer)
    window.weekends.delete_season_action.trigger()
    assert window.context.event.key == KEY  # "No" kept it
    window.weekends.delete_season_action.trigger()

    assert "Delete the cup 2025 season with its 1 events" in asked[0]
    assert window.centralWidget() is window.weekends.first_run
    with window.context.uow() as uow:
        assert uow.seasons.all() == [] and uow.events.all() == []
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: window.context.event is not None)
    with window.context.uow() as uow:
        assert len(uow.entries.list_for_event(window.context.event.id)) == 41


def test_open_the_demo_switches_the_window_to_the_demo_weekends(
    monkeypatch, tmp_path: Path, window: MainWindow
) -> None:
    monkeypatch.setenv("TRACKSIDE_DATA_DIR", str(tmp_path / "data"))

    window.weekends.first_run.demo_button.click()

    assert window.context.storage.location == str(tmp_path / "data" / "demo.db")
    assert window.centralWidget() is window.tabs
    with window.context.uow() as uow:
        assert "cup-2025-chicago" in {e.key for e in uow.events.all()}


def _chicago_with_entries(monkeypatch, window: MainWindow) -> None:
    drive(monkeypatch, SeasonDialog, fill_season)
    drive(monkeypatch, EventDialog, fill_chicago)
    window.weekends.new_event_action.trigger()
    import_file(monkeypatch, window, "entries", DEMO / "cup_2025_chicago_entries.csv")


def _oep_car(window: MainWindow) -> str | None:
    views = services.event_entries(window.context.uow(), window.context.event.id)
    return next((v.entry.car_number for v in views if v.entry.oep), None)


def test_an_events_scored_stages_and_exhibition_are_set_in_the_window_and_undone(
    monkeypatch, qtbot, window: MainWindow
) -> None:
    _chicago_with_entries(monkeypatch, window)

    def fill(dialog: EventRulesDialog) -> None:
        assert dialog.stages.currentText() == "The rule pack's (2)"
        dialog.stages.setCurrentIndex(dialog.stages.findData(3))
        dialog.exhibition.setChecked(True)

    drive(monkeypatch, EventRulesDialog, fill)
    window.weekends.event_rules_action.trigger()

    event = services.find_event(window.context.uow(), KEY)
    assert (event.stages_scored, event.points_paying) == (3, False)
    assert window.statusBar().currentMessage() == (
        f"Saved {KEY}: an exhibition (no points), 3 scored stages."
    )
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: services.find_event(window.context.uow(), KEY).stages_scored is None)
    assert services.find_event(window.context.uow(), KEY).points_paying
    window.context.undo_stack.redo()
    qtbot.waitUntil(lambda: services.find_event(window.context.uow(), KEY).stages_scored == 3)


def test_the_oep_car_is_declared_in_the_window_chartered_cars_are_not_offered_and_undo_clears_it(
    monkeypatch, qtbot, window: MainWindow
) -> None:
    _chicago_with_entries(monkeypatch, window)
    offered: list[int] = []

    def fill(dialog: DeclareOepDialog) -> None:
        offered.append(dialog.car.findData("45"))  # No. 45 is chartered
        dialog.car.setCurrentIndex(dialog.car.findData("78"))

    drive(monkeypatch, DeclareOepDialog, fill)
    window.weekends.oep_action.trigger()

    assert offered == [-1]
    assert _oep_car(window) == "78"
    assert window.statusBar().currentMessage() == f"{KEY}: No. 78 holds the OEP."
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: _oep_car(window) is None)
