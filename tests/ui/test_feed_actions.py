"""File ▸ Import NASCAR file…, dropping files on the window, Cancel, the cross-check, following."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

import main
from persistence.feeds import FileFeedReader
from persistence.feeds.source import FileSource
from tests.persistence.test_feed_import import add_user_pack
from tests.ui.app_window import OFFSCREEN_TOOLBAR
from ui.app import open_into
from ui.dialogs.follow_feed import LiveFollower
from ui.main_window import MainWindow

pytestmark = OFFSCREEN_TOOLBAR

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
RICHMOND = FIXTURES / "richmond-2023-weekend-feed.json"


@pytest.fixture
def window(qtbot, demo_copy, tmp_path, monkeypatch):
    """The app's window over a copy of the demo, with main.py's feed reader."""
    monkeypatch.setenv("TRACKSIDE_DATA_DIR", str(tmp_path))
    add_user_pack(tmp_path, "cup-2020")
    window = MainWindow(
        open_storage=main.open_storage,
        export_weekend=main.export_weekend,
        feed_reader=main.LazyFeedReader(),
    )
    qtbot.addWidget(window)
    window.show()
    assert open_into(window, lambda: main.open_storage(demo_copy))
    yield window
    if window.feed_actions.follower is not None:
        window.feed_actions.stop_following()
    window.close_storage()


def menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions()]


def test_the_menus_offer_the_nascar_actions(window):
    assert "Import &NASCAR file…" in menu_texts(window, "&File")
    assert {"&Follow live timing…", "&Points against NASCAR…"} <= set(menu_texts(window, "&View"))


def test_importing_a_weekend_feed_shows_the_weekend_and_the_cross_check(window, shown_messages):
    reports = window.feed_actions.import_files([RICHMOND])

    assert reports is not None and reports[0].event_key == "cup-2023-richmond"
    assert window.context.event is not None and window.context.event.key == "cup-2023-richmond"
    ((icon, title, text),) = shown_messages.shown
    assert icon is QMessageBox.Icon.Information and title == "Import NASCAR files"
    assert "richmond-2023-weekend-feed.json (weekend feed → cup-2023-richmond): 12 added" in text
    assert "Trackside agrees with NASCAR on 5 of 6 cars; No. 9: NASCAR 0, Trackside 35" in text
    assert window.feed_actions.show_cross_check().startswith(
        "Trackside agrees with NASCAR on 5 of 6 cars\nNo. 9:"
    )


def test_files_dropped_on_the_window_are_imported(window, qtbot):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(RICHMOND))])
    where = (QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton)
    enter = QDragEnterEvent(*where, Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(*where, Qt.KeyboardModifier.NoModifier)

    QApplication.sendEvent(window, enter)
    # Qt delivers a drop only at the end of a real drag, so the window's handler gets it here.
    window.feed_actions.eventFilter(window, drop)

    assert enter.isAccepted() and drop.isAccepted()
    with window.context.uow() as uow:
        assert uow.events.get_by_key("cup-2023-richmond").name == "Toyota Owners 400"


def test_cancel_rolls_back_everything_the_import_did(window, shown_messages, monkeypatch):
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    with window.context.uow() as uow:
        before = len(uow.events.all())

    assert window.feed_actions.import_files([RICHMOND]) is None

    with window.context.uow() as uow:
        assert len(uow.events.all()) == before
    assert shown_messages.texts() == ["Import cancelled: nothing was imported."]


def test_a_file_trackside_cannot_read_is_refused_with_its_reason(window, shown_messages, tmp_path):
    other = tmp_path / "notes.json"
    other.write_text('{"notes": []}')

    assert window.feed_actions.import_files([other]) is None
    assert "not a NASCAR file Trackside knows: it has keys notes" in shown_messages.texts()[0]


def test_following_a_rewritten_file_adds_laps_and_reports_on_the_status_line(
    window, qtbot, tmp_path
):
    window.feed_actions.import_files([FIXTURES / "martinsville-2020-weekend-feed.json"])
    live = tmp_path / "live-feed.json"
    live.write_bytes((FIXTURES / "martinsville-2020-live-feed-lap447.json").read_bytes())
    steps = []
    follower = LiveFollower(
        window.context, FileFeedReader(), FileSource(live), "cup-2020-martinsville", 60.0, window
    )
    follower.stepped.connect(steps.append)

    follower.poll()
    qtbot.waitUntil(lambda: len(steps) == 1, timeout=5000)
    live.write_bytes(b'{"lap_number": 44')  # the other program is half-way through writing
    follower.poll()
    qtbot.waitUntil(lambda: len(steps) == 2, timeout=5000)
    live.write_bytes((FIXTURES / "martinsville-2020-live-feed-lap450.json").read_bytes())
    os.utime(live, ns=(time.time_ns(), time.time_ns() + 2_000_000))
    follower.poll()
    qtbot.waitUntil(lambda: len(steps) == 3, timeout=5000)
    follower.stop()

    assert steps[0].status.startswith("lap 447: 12 laps added")
    assert not steps[1].ok and "still following" in steps[1].status
    assert steps[2].status.startswith("lap 450: 6 laps added")


def test_following_stops_when_another_database_is_opened(window, demo_database, tmp_path):
    live = tmp_path / "live-feed.json"
    live.write_bytes((FIXTURES / "martinsville-2020-live-feed-lap447.json").read_bytes())
    actions = window.feed_actions
    actions.follower = LiveFollower(
        window.context, FileFeedReader(), FileSource(live), "cup-2020-martinsville", 60.0, window
    )
    other = tmp_path / "other.db"
    other.write_bytes(Path(demo_database).read_bytes())

    assert window.switch_database(str(other))
    actions._on_status("lap 447: 12 laps added")

    assert actions.follower is None
    assert window.statusBar().currentMessage() == "Stopped following live timing."
