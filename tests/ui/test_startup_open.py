"""A refused or missing weekend file at start: open another, make a new one, or quit."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from tests.ui.app_window import OFFSCREEN_TOOLBAR, shown_app_window
from ui.dialogs import file_dialogs, refused_file_dialog
from ui.dialogs.refused_file_dialog import NextStep
from ui.startup_open import open_or_ask

pytestmark = OFFSCREEN_TOOLBAR
NOTES = b"practice notes, not a database\n"


@pytest.fixture
def window(qtbot):
    window = shown_app_window(qtbot)
    yield window
    window.close_storage()


def _start(window, target: str) -> bool:
    return open_or_ask(
        window,
        lambda: main.open_storage(target),
        target,
        main.open_storage,
        main.create_storage,
    )


@pytest.fixture
def notes(tmp_path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_bytes(NOTES)
    return path


def test_a_refused_file_offers_open_another_and_the_other_file_opens(
    monkeypatch, window, notes, demo_copy, next_steps
):
    next_steps.answers = [NextStep.OPEN_ANOTHER]
    monkeypatch.setattr(file_dialogs, "ask_database_path", lambda _parent, _start: demo_copy)

    assert _start(window, str(notes))

    ((text, missing, can_create),) = next_steps.asked
    assert text.startswith(f"{notes} is not a Trackside database")
    assert (missing, can_create) == (False, True)
    assert window.context.storage.location == demo_copy
    assert notes.read_bytes() == NOTES  # refused: byte-identical, and nothing beside it
    assert sorted(p.name for p in notes.parent.iterdir() if p.name.startswith("notes")) == [
        "notes.txt"
    ]


def test_a_missing_file_offers_to_create_it_instead_of_naming_a_command(
    window, tmp_path, next_steps
):
    missing = tmp_path / "weekend.db"
    next_steps.answers = [NextStep.CREATE_MISSING]

    assert _start(window, str(missing))

    ((text, offered_missing, _),) = next_steps.asked
    assert text == f"{missing} does not exist. Create a new, empty weekend file there?"
    assert "main.py" not in text and offered_missing
    assert missing.is_file() and window.context.storage.location == str(missing)
    with window.context.uow() as uow:
        assert uow.events.all() == []


def test_new_database_makes_an_empty_file_where_the_user_says(
    monkeypatch, window, notes, tmp_path, next_steps
):
    new = tmp_path / "season"
    next_steps.answers = [NextStep.NEW_DATABASE]
    monkeypatch.setattr(
        refused_file_dialog, "ask_new_database_path", lambda _parent, _start: str(new) + ".db"
    )

    assert _start(window, str(notes))

    assert window.context.storage.location == str(new) + ".db"


def test_a_cancelled_file_dialog_asks_again_and_quit_gives_up(
    monkeypatch, window, notes, next_steps
):
    next_steps.answers = [NextStep.OPEN_ANOTHER, NextStep.QUIT]
    monkeypatch.setattr(file_dialogs, "ask_database_path", lambda _parent, _start: "")

    assert not _start(window, str(notes))

    assert len(next_steps.asked) == 2 and window.context is None
    assert notes.read_bytes() == NOTES


def test_a_second_refusal_is_explained_too(monkeypatch, window, notes, tmp_path, next_steps):
    other = tmp_path / "other.txt"
    other.write_bytes(b"\x00" * 10)
    next_steps.answers = [NextStep.OPEN_ANOTHER, NextStep.QUIT]
    monkeypatch.setattr(file_dialogs, "ask_database_path", lambda _parent, _start: str(other))

    assert not _start(window, str(notes))

    assert next_steps.asked[1][0].startswith(f"{other} ")
