"""The team server in the window: another laptop's lap on this board, the banner, the read-only
note, keep theirs / apply yours, and File ▸ Sync with team server…"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import main
from domain import services
from domain.model import LapFlag
from domain.team import TeamStatus
from persistence.storage import open_storage
from persistence.unit_of_work import SqlUnitOfWork
from tests.persistence.conftest import postgres_url
from tests.persistence.team_server import EVENT_KEY, server_schema, store_weekend
from tests.ui.app_window import OFFSCREEN_TOOLBAR
from tests.ui.race_world import FakeStorage
from tests.ui.ui_helpers import choose_event, type_lap
from ui.app import open_into
from ui.dialogs import conflict_dialog, sync_dialog
from ui.lap_commands import DeleteLapCommand, edit_time_command
from ui.main_window import MainWindow
from ui.tabs.practice_tab import PracticeTab
from ui.widgets.team_banner import TeamBanner

pytestmark = OFFSCREEN_TOOLBAR


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = postgres_url()
    if url is None:
        pytest.skip("PostgreSQL tests need TRACKSIDE_TEST_POSTGRES_URL (see .ci/run)")
    monkeypatch.setenv("TRACKSIDE_DATA_DIR", str(tmp_path))  # each laptop's outbox goes here
    with server_schema(url) as target:
        storage = open_storage(target)
        store_weekend(storage.uow_factory)
        storage.close()
        yield target


def _laptop(qtbot, target: str) -> MainWindow:
    window = MainWindow(
        open_storage=main.open_storage, connect_team=main.connect_team, sync_with=main.sync_with
    )
    qtbot.addWidget(window)
    window.show()
    assert open_into(window, lambda: main.open_storage(target))
    window.select_event(EVENT_KEY)
    window.show_tab("Practice")
    return window


def _practice(window: MainWindow) -> PracticeTab:
    tab = window.tabs.currentWidget()
    assert isinstance(tab, PracticeTab)
    return tab


def test_a_lap_typed_on_one_laptop_is_painted_once_on_the_others_board(qtbot, server) -> None:
    spotter, crew_chief = _laptop(qtbot, server), _laptop(qtbot, server)
    try:
        type_lap(qtbot, _practice(spotter).log_panel.entry, "48", "30.123")
        board = _practice(crew_chief).board
        qtbot.waitUntil(lambda: len(board.rows) == 1, timeout=5000)
        (row,) = board.rows
        assert (row.car_number, row.best_lap_ms, row.laps_run) == ("48", 30_123, 1)
        qtbot.wait(300)  # a second notice of the same lap would land now
        assert _practice(crew_chief).log_panel.model.rowCount() == 1
        assert _practice(spotter).log_panel.model.rowCount() == 1  # its own echo skipped
    finally:
        spotter.close_storage()
        crew_chief.close_storage()


def test_the_banner_says_the_server_is_gone_and_how_many_laps_wait(qtbot) -> None:
    banner = TeamBanner()
    qtbot.addWidget(banner)
    banner.show_status(TeamStatus(online=False, waiting=3))
    assert not banner.isHidden()
    assert banner.label.text() == (
        "The team server cannot be reached. Laps are saved on this laptop and sent when it is "
        "back (3 laps waiting)."
    )
    banner.show_status(TeamStatus(online=True, waiting=0))
    assert banner.isHidden()


def test_a_viewer_account_opens_with_the_read_only_note_and_no_sync(qtbot) -> None:
    window = MainWindow(sync_with=main.sync_with)
    qtbot.addWidget(window)
    window.attach_storage(FakeStorage(location="postgresql+psycopg://viewer@pitbox/team",
                                      read_only=True))  # fmt: skip
    banner = window.findChild(TeamBanner)
    assert banner is not None and not banner.isHidden()
    assert banner.label.text().startswith(
        "Read-only: your account on postgresql+psycopg://viewer@pitbox/team may look but not "
        "change anything (a viewer role)."
    )
    assert not window.sync_action.isEnabled()


@pytest.mark.parametrize("apply_yours", [False, True], ids=["keep theirs", "apply yours"])
def test_a_lap_changed_on_another_laptop_asks_keep_theirs_or_apply_yours(
    qtbot, chicago_context, monkeypatch, apply_yours: bool
) -> None:
    event = choose_event(chicago_context, "cup-2025-chicago")
    practice = services.event_sessions(chicago_context.uow(), event.id)[0]
    lap, _ = services.log_lap(chicago_context.uow(), practice.id, "48", "1:31.000")
    other_laptop = SqlUnitOfWork(chicago_context.storage.engine)  # another client's commits
    services.edit_lap(other_laptop, lap.id, "1:30.890", seen_version=lap.version)
    asked: list[str] = []
    monkeypatch.setattr(
        conflict_dialog, "ask_apply_yours", lambda _w, message: asked.append(message) or apply_yours
    )
    seen: list[object] = []
    chicago_context.bus.changed.connect(seen.append)
    command = edit_time_command(chicago_context, lap, "1:31.002")
    command.apply()
    assert asked == [
        "No. 48's lap 1 was changed to 1:30.890 on another laptop: keep theirs, or apply yours "
        "(1:31.002)."
    ]
    with chicago_context.uow() as uow:
        stored = uow.laps.get(lap.id)
    assert stored.lap_ms == (91_002 if apply_yours else 90_890)
    assert seen[-1].laps.changed[0].lap_ms == stored.lap_ms  # the views show what is stored
    assert command.isObsolete() is not apply_yours  # keeping theirs leaves nothing to undo


def test_sync_with_team_server_shows_progress_merges_and_lists_the_conflicts(
    qtbot, chicago_context, tmp_path, monkeypatch, shown_messages
) -> None:
    event = choose_event(chicago_context, "cup-2025-chicago")
    practice = services.event_sessions(chicago_context.uow(), event.id)[0]
    lap, _ = services.log_lap(chicago_context.uow(), practice.id, "48", "1:31.000")
    laptop = tmp_path / "laptop.db"
    with chicago_context.storage.engine.connect() as connection:  # all of it in the main file
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(chicago_context.storage.location, laptop)  # taken offline before the edits
    services.edit_lap(chicago_context.uow(), lap.id, "1:30.500")
    offline = open_storage(str(laptop))
    services.edit_lap(offline.uow_factory(), lap.id, "1:30.900")
    services.log_lap(offline.uow_factory(), practice.id, "5", "1:29.999")
    offline.close()
    monkeypatch.setattr(sync_dialog, "ask_other_side", lambda _parent, _location: str(laptop))
    details: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: details.append(box.detailedText()) or 0)
    reloaded: list[object] = []
    chicago_context.bus.changed.connect(reloaded.append)

    progress: list[tuple[str, int, int]] = []

    def merge(storage, other, tell, cancelled):  # as main.py merges, progress recorded too
        def both(what: str, done: int, total: int) -> None:
            progress.append((what, done, total))
            tell(what, done, total)

        return main.sync_with(storage, other, both, cancelled)

    report = sync_dialog.sync_with_team(None, chicago_context, merge)
    assert report is not None and len(report.conflicts) == 1
    assert report.to_file >= 1  # No. 5's lap came in from the laptop
    assert progress[-1][1] == progress[-1][2]  # the last step shown is a finished one
    assert "No. 48" in details[0] and "1:30.900" in details[0] and "1:30.500" in details[0]
    assert event.id in reloaded[-1].reloaded_events
    with chicago_context.uow() as uow:
        cars = sorted(lap.car_number for lap in uow.laps.list_for_session(practice.id))
    assert cars == ["48", "5"]
    assert shown_messages.shown == []


def test_deleting_a_lap_another_laptop_changed_asks_first_and_keeping_theirs_deletes_nothing(
    qtbot, chicago_context, monkeypatch
) -> None:
    event = choose_event(chicago_context, "cup-2025-chicago")
    practice = services.event_sessions(chicago_context.uow(), event.id)[0]
    lap, _ = services.log_lap(chicago_context.uow(), practice.id, "48", "1:31.000")
    services.flag_lap(SqlUnitOfWork(chicago_context.storage.engine), lap.id, LapFlag.OUT)
    asked: list[str] = []
    monkeypatch.setattr(
        conflict_dialog, "ask_apply_yours", lambda _w, message: asked.append(message) or False
    )
    command = DeleteLapCommand(chicago_context, lap)
    command.apply()
    assert asked == [
        "No. 48's lap 1 was changed to 1:31.000 (flag out) on another laptop: keep theirs, or "
        "apply yours (delete it)."
    ]
    with chicago_context.uow() as uow:
        assert uow.laps.get(lap.id).flag is LapFlag.OUT
    assert command.isObsolete()
