"""UI test set-up: settings kept in a temp folder, message boxes recorded instead of shown, and
real databases (the demo, or a bare Chicago weekend with its 41 entries and no laps)."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from domain import services
from domain.model import Event, Session, SessionKind, Track, TrackKind
from persistence.storage import create_database, open_storage
from ui import errors
from ui.context import AppContext

ENTRIES_CSV = (
    Path(__file__).resolve().parents[2] / "resources" / "demo" / ("cup_2025_chicago_entries.csv")
)


@pytest.fixture(scope="session", autouse=True)
def _settings_in_temp_folder(tmp_path_factory):
    """Window geometry and the last event must not leak into the user's real settings."""
    folder = tmp_path_factory.mktemp("settings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


@dataclass
class ShownMessages:
    """What would have been shown in message boxes: (icon, title, text)."""

    shown: list[tuple[object, str, str]] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [text for _, _, text in self.shown]


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch) -> ShownMessages:
    """A modal box would hang a test: record it instead."""
    messages = ShownMessages()
    monkeypatch.setattr(
        errors,
        "show_message",
        lambda parent, icon, title, text: messages.shown.append((icon, title, text)),
    )
    return messages


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> str:
    """The demo database, built once per run (it takes seconds); tests get copies."""
    return create_database(str(tmp_path_factory.mktemp("demo-ui") / "demo.db"), demo=True)


@pytest.fixture
def demo_copy(demo_database, tmp_path) -> str:
    path = tmp_path / "trackside.db"
    shutil.copy(demo_database, path)
    return str(path)


def _open_context(path: str):
    storage = open_storage(path)
    context = AppContext(storage)
    return storage, context


@pytest.fixture
def demo_ui_context(demo_copy, qtbot):
    """An AppContext over a fresh copy of the demo weekends."""
    storage, context = _open_context(demo_copy)
    yield context
    context.undo_stack.clear()
    storage.close()


@pytest.fixture(scope="session")
def bare_chicago_database(tmp_path_factory) -> str:
    """Chicago 2025 with its 41 real entries, a practice, two qualifying groups and no laps."""
    path = create_database(str(tmp_path_factory.mktemp("chicago") / "chicago.db"), demo=False)
    storage = open_storage(path)
    track = Track(name="Chicago Street Course", length_millimiles=2200, kind=TrackKind.STREET)
    event = Event(
        key="cup-2025-chicago",
        name="Grant Park 165",
        series="cup",
        season=2025,
        round_no=19,
        track=track,
        start_date=date(2025, 7, 5),
        end_date=date(2025, 7, 6),
    )
    with storage.uow_factory() as uow:
        uow.tracks.add(track)
        uow.events.add(event)
        for order, (name, kind, group) in enumerate(
            [
                ("Practice", SessionKind.PRACTICE, None),
                ("Qualifying Group A", SessionKind.QUALIFYING, "A"),
                ("Qualifying Group B", SessionKind.QUALIFYING, "B"),
                ("Race", SessionKind.RACE, None),
            ],
            start=1,
        ):
            uow.sessions.add(
                Session(event_id=event.id, kind=kind, name=name, order=order, group=group)
            )
        uow.commit()
    with ENTRIES_CSV.open(encoding="utf-8-sig", newline="") as rows:
        for row in csv.DictReader(rows):
            services.add_entry(
                storage.uow_factory(),
                event.id,
                row["car"],
                row["driver"],
                team=row["team"],
                make=row["manufacturer"],
                guaranteed=row["charter"] == "chartered",
            )
    storage.close()
    return path


@pytest.fixture
def chicago_context(bare_chicago_database, tmp_path, qtbot):
    """A fresh copy of the bare Chicago weekend, with the event chosen."""
    path = tmp_path / "chicago.db"
    shutil.copy(bare_chicago_database, path)
    storage, context = _open_context(str(path))
    yield context
    context.undo_stack.clear()
    storage.close()
