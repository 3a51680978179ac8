"""Lazy tabs: only the visible tab is built and loaded at start; the others catch up when shown."""

from __future__ import annotations

from uuid import uuid4

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

import main
from domain.changes import Changes, added
from domain.model import Lap, RaceResult
from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window, shown_app_window
from tests.ui.demo_storage import choose
from ui import settings
from ui.app import open_into
from ui.main_window import TAB_TITLES
from ui.tabs.lazy import LazyReload
from ui.tabs.standings_tab import StandingsTab

pytestmark = OFFSCREEN_TOOLBAR
A_RESULT = Changes(
    results=added(RaceResult(event_id=uuid4(), car_number="5", driver_id=uuid4(), finish=1))
)


class _CountingPage(QWidget):
    """A page that counts its weekend and data reloads."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.loads: list[str] = []
        self.lazy = LazyReload(
            self,
            context,
            on_event=lambda: self.loads.append("event"),
            on_data=lambda: self.loads.append("data"),
            wants=lambda changes: bool(changes.results),
        )


@pytest.fixture
def pages(qtbot, demo_ui_context):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    front, back = _CountingPage(demo_ui_context), _CountingPage(demo_ui_context)
    tabs.addTab(front, "front")
    tabs.addTab(back, "back")
    tabs.show()
    return tabs, front, back


def test_a_hidden_tab_waits_and_reloads_once_when_shown(demo_ui_context, pages):
    tabs, front, back = pages
    choose(demo_ui_context, "truck-2023-gateway")
    demo_ui_context.bus.announce(A_RESULT)
    assert front.loads == ["event", "data"]
    assert back.loads == [] and back.lazy.stale
    tabs.setCurrentWidget(back)
    assert back.loads == ["event"] and not back.lazy.stale


def test_a_hidden_tab_ignores_edits_it_does_not_show(demo_ui_context, pages):
    tabs, _front, back = pages
    demo_ui_context.bus.announce(
        Changes(laps=added(Lap(session_id=uuid4(), car_number="5", lap_ms=1)))
    )
    tabs.setCurrentWidget(back)
    assert back.loads == []


def test_a_tab_on_its_own_loads_at_once(qtbot, demo_ui_context):
    page = _CountingPage(demo_ui_context)
    qtbot.addWidget(page)
    demo_ui_context.bus.announce(A_RESULT)
    assert page.loads == ["data"]


TAB_CLASSES = [
    "EntryListTab",
    "PracticeTab",
    "QualifyingTab",
    "RaceTab",
    "StandingsTab",
    "PlayoffsTab",
    "HistoryTab",
]


def _built(window) -> list[str]:
    return [type(window.tabs.widget(i)).__name__ for i in range(window.tabs.count())]


@pytest.fixture
def window(qtbot, demo_copy):
    window = open_app_window(qtbot, demo_copy)
    yield window
    window.close_storage()


def test_the_window_is_ready_with_the_visible_tab_and_settles_with_every_tab(qtbot, demo_copy):
    window = shown_app_window(qtbot)
    at_ready: list[list[str]] = []
    window.ready.connect(lambda: at_ready.append(_built(window)))
    with qtbot.waitSignal(window.settled, timeout=10000):
        assert open_into(window, lambda: main.open_storage(demo_copy))
    assert at_ready == [["EntryListTab"] + ["QWidget"] * (len(TAB_TITLES) - 1)]
    assert _built(window) == TAB_CLASSES
    assert window.tabs.currentIndex() == 0
    assert window.tabs.currentWidget().model.rowCount() > 0
    window.close_storage()


def test_a_tab_chosen_before_it_was_built_is_built_at_once(window):
    window.select_event("truck-2023-gateway")
    window.show_tab("Standings")
    tab = window.tabs.currentWidget()
    assert isinstance(tab, StandingsTab)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Standings"
    assert "after round 12" in tab.heading.text()


def test_a_built_background_tab_shows_the_weekend_chosen_while_it_was_hidden(qtbot, window):
    with qtbot.waitSignal(window.settled, timeout=10000):
        pass
    standings = window.tabs.widget(TAB_TITLES.index("Standings"))
    window.select_event("truck-2023-charlotte")
    assert standings._lazy.stale
    window.show_tab("Standings")
    assert not standings._lazy.stale
    assert "after round 11" in standings.heading.text()


def test_the_entry_list_built_in_the_background_shows_the_weekend_when_first_shown(
    qtbot, demo_copy
):
    """Opened on another tab, the entry list is built after ready, when the weekend is already
    chosen: it must read it then (it once stayed empty until the weekend changed)."""
    settings.remember_tab("Standings")
    window = shown_app_window(qtbot)
    with qtbot.waitSignal(window.settled, timeout=10000):
        assert open_into(window, lambda: main.open_storage(demo_copy))
    window.select_event("cup-2025-chicago")
    qtbot.wait(50)  # a turn for the picker's choice to reach every tab
    window.show_tab("Entry list")
    entries = window.tabs.currentWidget()
    assert entries.model.rowCount() == 41
    assert entries.count.text() == "41 entered for 40 spots: 1 will go home"
    window.close_storage()


def test_opened_on_a_chart_tab_the_board_is_ready_first_and_the_chart_draws_after(qtbot, demo_copy):
    """DESIGN §6: ready is the remembered tab's data accepting input; its chart may follow."""
    settings.remember_tab("Qualifying")
    window = shown_app_window(qtbot)
    at_ready: list[tuple[int, object]] = []

    def note() -> None:
        tab = window.tabs.currentWidget()
        at_ready.append((tab.board.rowCount(), tab.chart.plot))

    window.ready.connect(note)
    with qtbot.waitSignal(window.settled, timeout=10000):
        assert open_into(window, lambda: main.open_storage(demo_copy))
    qualifying = window.tabs.currentWidget()
    [(rows, plot)] = at_ready
    assert rows > 0 and plot is None
    assert qualifying.chart.plot is not None
    qtbot.waitUntil(lambda: len(qualifying.chart.drawn_heights()) == len(qualifying.chart.bars()))
    assert qualifying.chart.bars()
    window.close_storage()
