"""The team server out of reach at start (a closed port): the spotter works on a weekend file
meanwhile, with a banner saying so, and syncs it back when the server is there again."""

from __future__ import annotations

import socket

import pytest

import main
from tests.ui.app_window import OFFSCREEN_TOOLBAR, shown_app_window
from ui import settings
from ui.dialogs import file_dialogs, server_away_dialog
from ui.dialogs.server_away_dialog import AwayStep
from ui.startup_open import open_or_ask
from ui.widgets.team_banner import TeamBanner

pytestmark = OFFSCREEN_TOOLBAR


@pytest.fixture
def closed_server() -> str:
    """A server address on a port nothing listens on (taken, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql+psycopg://team_writer:writer-secret@127.0.0.1:{port}/trackside"


@pytest.fixture
def window(qtbot):
    window = shown_app_window(qtbot)
    yield window
    window.close_storage()


@pytest.fixture
def answers(monkeypatch) -> dict[str, list]:
    """The server-away question is modal: record it and answer from the list instead."""
    record: dict[str, list] = {"asked": [], "steps": []}

    def ask(_parent, refusal: str, last_copy: str | None) -> AwayStep:
        record["asked"].append((refusal, last_copy))
        return record["steps"].pop(0) if record["steps"] else AwayStep.QUIT

    monkeypatch.setattr(server_away_dialog, "ask_when_server_away", ask)
    return record


def _start(window, target: str) -> bool:
    return open_or_ask(
        window, lambda: main.open_storage(target), target, main.open_storage, main.create_storage
    )


def _banner(window) -> TeamBanner:
    banner = window.findChild(TeamBanner)
    assert banner is not None
    return banner


def test_the_copy_last_synced_with_the_server_opens_instead_with_a_banner_saying_so(
    window, closed_server, demo_copy, answers
) -> None:
    settings.remember_synced_copy(closed_server, demo_copy)  # as File ▸ Sync… remembers it
    answers["steps"] = [AwayStep.RETRY, AwayStep.LAST_COPY]

    assert _start(window, closed_server)

    (first, _), (second, last_copy) = answers["asked"]  # asked again after the retry
    assert first.startswith("Could not reach the Trackside database at postgresql+psycopg://")
    assert "Connection refused" in first and "writer-secret" not in first
    assert last_copy == demo_copy
    assert server_away_dialog.away_text(second, last_copy).endswith(
        f"(the copy last synced with this server, {demo_copy}). Every edit is saved in it on "
        "this laptop's disk; when the server is back, File ▸ Sync with team server… merges it "
        "both ways."
    )
    assert window.context.storage.location == demo_copy
    banner = _banner(window)
    assert not banner.isHidden()
    server = closed_server.replace(":writer-secret", "")
    assert banner.label.text() == (
        f"Working offline on {demo_copy}: the team server {server} could not be reached at "
        "start. Everything is saved in this file; when the server is back, File ▸ Sync with "
        "team server… merges it both ways."
    )


def test_with_no_synced_copy_any_weekend_file_can_be_opened_instead(
    monkeypatch, window, closed_server, demo_copy, answers
) -> None:
    answers["steps"] = [AwayStep.OPEN_FILE]
    monkeypatch.setattr(file_dialogs, "ask_database_path", lambda _parent, _start: demo_copy)

    assert _start(window, closed_server)

    ((_refusal, last_copy),) = answers["asked"]
    assert last_copy is None
    assert window.context.storage.location == demo_copy
    assert _banner(window).label.text().startswith(f"Working offline on {demo_copy}")


def test_quitting_when_the_server_is_away_opens_nothing(window, closed_server, answers) -> None:
    answers["steps"] = [AwayStep.QUIT]
    assert not _start(window, closed_server)
    assert len(answers["asked"]) == 1
