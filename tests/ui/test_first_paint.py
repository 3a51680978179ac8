"""The window paints "Opening weekend.db…" before the database opens: never a black frame."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

import main
from ui import app as app_module
from ui.app import run_gui
from ui.first_paint import opening_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class _PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Paint:
            self.painted = True
        return False


def test_the_window_has_painted_its_opening_text_before_the_database_opens(
    qtbot, monkeypatch, demo_copy
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    watch = _PaintWatch()
    seen: list[tuple[bool, str]] = []
    made = []

    def watch_windows(*args, **kwargs):
        window = real_window(*args, **kwargs)
        window.installEventFilter(watch)
        made.append(window)
        return window

    real_window = app_module.MainWindow
    monkeypatch.setattr(app_module, "MainWindow", watch_windows)

    def open_storage(target):
        window = made[0]
        seen.append((watch.painted, window._loading.text()))
        storage = main.open_storage(target)
        QApplication.instance().processEvents()
        window.ready.connect(lambda: QApplication.exit(0))
        return storage

    assert run_gui(open_storage, demo_copy) == 0
    assert seen == [(True, "Opening trackside.db…")]


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("/home/pit/weekend.db", "Opening weekend.db…"),
        (None, "Opening your weekend database…"),
        ("postgresql+psycopg://team:secret@server/trackside", "Opening server/trackside…"),
    ],
)
def test_the_opening_text_names_the_file_and_never_a_password(target, shown):
    assert opening_text(target) == shown
