"""File ▸ Restore backup…, the offer to restore a damaged file at start, and the backups the
window takes on its own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import main
from domain.errors import DamagedFileError
from persistence.backups import list_backups
from tests.persistence.file_damage import lap_count, overwrite_laps_pages, weekend_with_laps
from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window, shown_app_window
from ui import app, backup_actions, errors

pytestmark = OFFSCREEN_TOOLBAR


@pytest.fixture
def weekend(tmp_path: Path) -> Path:
    return weekend_with_laps(tmp_path / "weekend.db", laps=60)


@pytest.fixture
def window(qtbot, weekend):
    window = open_app_window(qtbot, str(weekend))
    yield window
    window.close_storage()


def _take_backup(window) -> Path:
    taken = window.context.storage.back_up("on-open")
    assert taken is not None
    return taken.path


def test_restore_backup_brings_the_file_back_in_the_same_window_and_keeps_the_old_one_aside(
    qtbot, monkeypatch, window, weekend
):
    backup = _take_backup(window)
    with window.context.uow() as uow:  # a change made after the backup
        session = uow.sessions.list_for_event(uow.events.all()[0].id)[0]
        for lap in uow.laps.list_for_session(session.id)[:10]:
            uow.laps.delete(lap.id)
        uow.commit()
    offered: list[list[str]] = []

    def pick_latest(_parent, backups, _location):
        offered.append([b.path.name for b in backups])
        return backups[0]

    monkeypatch.setattr(backup_actions, "ask_backup", pick_latest)
    window.backup_actions.action.trigger()
    assert offered == [[backup.name]]
    assert window.context.storage.location == str(weekend)
    with window.context.uow() as uow:
        assert len(uow.laps.list_for_session(session.id)) == 60
    aside = next(weekend.parent.glob("weekend.db.before-restore-*"))
    assert "kept as weekend.db.before-restore-" in window.statusBar().currentMessage()
    window.close_storage()
    assert lap_count(aside) == 50  # the file as it was before the restore, not lost


def test_restore_backup_without_any_backup_says_when_they_are_taken(qtbot, window, shown_messages):
    window.backup_actions.action.trigger()
    assert shown_messages.shown[-1][0] == QMessageBox.Icon.Information
    assert "There are no backups of" in shown_messages.texts()[-1]


def test_a_damaged_file_at_start_offers_its_latest_backup_and_opens_it_when_accepted(
    qtbot, monkeypatch, weekend
):
    storage = main.open_storage(str(weekend))
    storage.back_up("on-closing")
    storage.close()
    overwrite_laps_pages(weekend)
    asked: list[str] = []
    monkeypatch.setattr(app, "ask_to_restore_latest", lambda _w, text: asked.append(text) or True)
    window = shown_app_window(qtbot)
    assert app.open_into(window, lambda: main.open_storage(str(weekend)))
    try:
        assert len(asked) == 1 and f"{weekend} is damaged" in asked[0]
        assert window.context.storage.location == str(weekend)
        assert window.tabs.count() > 0
    finally:
        window.close_storage()
    assert lap_count(weekend) == 60
    assert len(list(weekend.parent.glob("weekend.db.before-restore-*"))) == 1


def test_a_damaged_file_at_start_declined_is_left_as_it_is(qtbot, monkeypatch, weekend):
    storage = main.open_storage(str(weekend))
    storage.back_up("on-closing")
    storage.close()
    overwrite_laps_pages(weekend)
    before = weekend.read_bytes()
    monkeypatch.setattr(app, "ask_to_restore_latest", lambda _w, _text: False)
    window = shown_app_window(qtbot)
    assert not app.open_into(window, lambda: main.open_storage(str(weekend)))
    assert weekend.read_bytes() == before
    assert window.context is None


def test_a_damaged_file_without_a_backup_gets_the_damage_message(qtbot, weekend, shown_messages):
    overwrite_laps_pages(weekend)
    window = shown_app_window(qtbot)
    assert not app.open_into(window, lambda: main.open_storage(str(weekend)))
    assert shown_messages.texts()[-1].startswith(f"{weekend} is damaged")
    assert "There is no backup of it" in shown_messages.texts()[-1]


def test_closing_the_file_takes_a_backup_and_the_hourly_one_only_after_a_change(
    qtbot, window, weekend
):
    keeper = window.backup_actions._keeper
    keeper.start_in_background("hourly")  # nothing taken yet: the first one is taken
    qtbot.waitUntil(lambda: len(list_backups(weekend)) == 1)
    keeper.start_in_background("hourly")
    keeper._worker.join()
    assert len(list_backups(weekend)) == 1  # nothing saved since
    window.close_storage()
    assert [b.reason for b in list_backups(weekend)] == ["on-closing", "hourly"]


def test_a_storage_error_no_code_guarded_shows_its_own_message_not_unexpected_error(
    qtbot, shown_messages, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error = DamagedFileError("The weekend file is damaged (database disk image is malformed).")
    errors._excepthook(DamagedFileError, error, None)
    icon, title, text = shown_messages.shown[-1]
    assert icon == QMessageBox.Icon.Critical
    assert title != "Unexpected error"
    assert text == str(error)


def test_the_restore_dialog_lists_backups_newest_first_and_returns_the_one_selected(
    qtbot, window, weekend
):
    from ui.dialogs.restore_backup_dialog import RestoreBackupDialog

    older, newer = _take_backup(window), _take_backup(window)
    dialog = RestoreBackupDialog(list_backups(weekend), str(weekend), window)
    qtbot.addWidget(dialog)
    assert [dialog.list.item(i).toolTip() for i in range(dialog.list.count())] == [
        str(newer),
        str(older),
    ]
    assert dialog.chosen().path == newer
    dialog.list.setCurrentRow(1)
    assert dialog.chosen().path == older


@pytest.mark.qt_no_exception_capture
def test_a_big_damaged_file_checked_after_ready_offers_its_latest_backup(
    qtbot, monkeypatch, weekend, shown_messages
):
    """The visible tab's first read meets the damage too: the app's excepthook shows its
    message (not "Unexpected error"), then the check offers the backup."""
    from persistence import integrity

    monkeypatch.setattr(sys, "excepthook", errors._excepthook)

    storage = main.open_storage(str(weekend))
    storage.back_up("on-closing")
    storage.close()
    overwrite_laps_pages(weekend)
    monkeypatch.setattr(integrity, "CHECK_AT_OPEN_BYTES", 0)
    asked: list[str] = []
    monkeypatch.setattr(
        backup_actions, "ask_to_restore_latest", lambda _w, text: asked.append(text) or True
    )
    window = open_app_window(qtbot, str(weekend))  # opens: the check waits until after ready
    try:
        keeper = window.backup_actions._keeper
        with qtbot.waitSignal(keeper.damaged, timeout=10_000):
            keeper.start_in_background("on-open")
        qtbot.waitUntil(lambda: bool(asked))
        assert f"{weekend} is damaged" in asked[0]
        assert window.context.storage.location == str(weekend)
        assert all(title != "Unexpected error" for _, title, _ in shown_messages.shown)
    finally:
        window.close_storage()
    assert lap_count(weekend) == 60
