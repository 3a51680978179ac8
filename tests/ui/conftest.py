"""UI test set-up: settings kept in a temp folder, message boxes recorded instead of shown, and
real databases (the demo, or a bare Chicago weekend with its 41 entries and no laps)."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from domain import services
from persistence.storage import create_database, open_storage
from tests.ui.race_world import build_world
from tests.worlds import TWO_QUALIFYING_GROUPS, chicago_event, sessions_of, store_weekend
from ui import errors, start_up
from ui.context import AppContext

start_up.install()  # before any QApplication: the tests run the app as main.py starts it

ENTRIES_CSV = (
    Path(__file__).resolve().parents[2] / "resources" / "demo" / ("cup_2025_chicago_entries.csv")
)


@pytest.fixture(autouse=True)
def _settings_in_temp_folder(tmp_path_factory):
    """Window geometry, the tab and the last event must not leak into the user's settings,
    nor from one test into the next (a window opens on the tab the last one showed)."""
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
    event = chicago_event()
    store_weekend(storage.uow_factory(), event, sessions_of(event, TWO_QUALIFYING_GROUPS))
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


@dataclass
class ExportPrompts:
    """What the export would have asked and offered; `replace` answers "Replace it?"."""

    replace: bool = True
    asked_replace: list[Path] = field(default_factory=list)
    offered: list[tuple[str, Path]] = field(default_factory=list)  # (text, folder)


@pytest.fixture(autouse=True)
def export_prompts(monkeypatch) -> ExportPrompts:
    """The export's questions and its "Open folder" box are modal: record them instead."""
    from ui.dialogs import export_dialogs

    prompts = ExportPrompts()

    def ask_replace(_parent, path: Path) -> bool:
        prompts.asked_replace.append(path)
        return prompts.replace

    monkeypatch.setattr(export_dialogs, "ask_replace", ask_replace)
    monkeypatch.setattr(
        export_dialogs,
        "offer_open_folder",
        lambda _parent, _title, text, folder: prompts.offered.append((text, folder)),
    )
    return prompts


@dataclass
class NextSteps:
    """The start-up's "cannot open" questions: what was asked, and the answers to give in turn
    (Quit once they run out)."""

    answers: list[object] = field(default_factory=list)
    asked: list[tuple[str, bool, bool]] = field(default_factory=list)  # text, missing, can_create


@pytest.fixture(autouse=True)
def next_steps(monkeypatch) -> NextSteps:
    """The refused-file question is modal: record it and answer from the list instead."""
    from ui.dialogs import refused_file_dialog

    steps = NextSteps()

    def ask(_parent, text: str, *, missing: bool, can_create: bool):
        steps.asked.append((text, missing, can_create))
        return steps.answers.pop(0) if steps.answers else refused_file_dialog.NextStep.QUIT

    monkeypatch.setattr(refused_file_dialog, "ask_next_step", ask)
    return steps


@pytest.fixture(autouse=True)
def confirmations(monkeypatch) -> list[str]:
    """ "Cancel qualifying?" is modal: answer yes and record that it was asked."""
    from ui.dialogs import confirm_dialogs

    asked: list[str] = []

    def confirm(_parent, event_name: str) -> bool:
        asked.append(event_name)
        return True

    monkeypatch.setattr(confirm_dialogs, "confirm_cancel_qualifying", confirm)
    return asked


@pytest.fixture
def race_world():
    """Three Truck 2023 rounds in memory, the first two with results (tests/ui/race_world.py)."""
    return build_world(rounds_with_results=2, rounds=3)


@pytest.fixture
def race_context(race_world, qtbot):
    context = AppContext(race_world.storage)
    yield context
    context.deleteLater()
