"""The main window: weekend picker, one tab per job, menus with shortcuts, a status line."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
)

from domain.model import Event
from domain.ports import Storage
from ui import settings
from ui.context import AppContext

TAB_TITLES = ("Entry list", "Practice", "Qualifying", "Race", "Standings", "Playoffs", "History")


class MainWindow(QMainWindow):
    """Shown empty at once (DESIGN §6); `attach_storage` fills it once the database is open.

    The weekend summary export is wired from outside through `export_requested` (emitted with
    the chosen Event when File ▸ Export weekend summary… / Ctrl+E is used), or by adding an
    action of one's own with `add_export_action`.
    """

    export_requested = Signal(object)  # the chosen Event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trackside")
        self.context: AppContext | None = None
        self._events: list[Event] = []
        self._picking = False  # True while select_event steps through series and season
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._loading = QLabel("Opening the database…", self)
        self.statusBar().addWidget(self._loading)
        self._build_picker()
        self._build_menus()
        if not settings.restore_window(self):
            self.resize(1400, 900)

    # Construction -------------------------------------------------------------------------
    def _build_picker(self) -> None:
        bar = QToolBar("Weekend", self)
        bar.setObjectName("weekendToolbar")
        bar.setMovable(False)
        self.series_box = QComboBox(bar)
        self.season_box = QComboBox(bar)
        self.event_box = QComboBox(bar)
        self.event_box.setMinimumContentsLength(34)
        for label, box in (
            ("Series ", self.series_box),
            ("  Season ", self.season_box),
            ("  Weekend ", self.event_box),
        ):
            bar.addWidget(QLabel(label, bar))
            bar.addWidget(box)
            box.setEnabled(False)
        self.addToolBar(bar)
        self.series_box.currentIndexChanged.connect(self._fill_seasons)
        self.season_box.currentIndexChanged.connect(self._fill_events)
        self.event_box.currentIndexChanged.connect(self._choose_event)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = file_menu.addAction("&Open database…")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._open_other_database)
        self.export_action = file_menu.addAction("&Export weekend summary…")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self._request_export)
        self._file_menu = file_menu
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self._edit_menu = self.menuBar().addMenu("&Edit")
        view_menu = self.menuBar().addMenu("&View")
        for number, title in enumerate(TAB_TITLES, start=1):
            action = view_menu.addAction(title)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, t=title: self.show_tab(t))

    def add_export_action(self, action: QAction) -> None:
        """Put an exporter's own action in the File menu, after the built-in export entry."""
        self._file_menu.insertAction(self._file_menu.actions()[2], action)

    # Storage ------------------------------------------------------------------------------
    def attach_storage(self, storage: Storage) -> None:
        """Build the context and the tabs over an opened database, then pick the last event."""
        self.context = AppContext(storage, self)
        self.setWindowTitle(f"Trackside — {storage.location}")
        self._add_undo_actions(self.context)
        self.context.saved.connect(lambda message: self.statusBar().showMessage(message))
        self.context.event_changed.connect(self._event_changed)
        for title, tab in zip(TAB_TITLES, _build_tabs(self.context, self), strict=True):
            self.tabs.addTab(tab, title)
        self._loading.setText(f"Database: {storage.location}")
        with self.context.uow() as uow:
            self._events = uow.events.list()
        self._fill_series(settings.last_event_key(storage.location))

    def _add_undo_actions(self, context: AppContext) -> None:
        undo = context.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = context.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self._edit_menu.addActions([undo, redo])

    def close_storage(self) -> None:
        if self.context is not None:
            self.context.storage.close()

    # Weekend picker -----------------------------------------------------------------------
    def _fill_series(self, remembered_key: str | None) -> None:
        series = sorted({event.series for event in self._events})
        self._picking = True
        _refill(self.series_box, [(name.capitalize(), name) for name in series])
        self._picking = False
        if any(e.key == remembered_key for e in self._events):
            self.select_event(remembered_key)
        else:
            self._choose_event()

    def _fill_seasons(self) -> None:
        series = self.series_box.currentData()
        seasons = sorted({e.season for e in self._events if e.series == series}, reverse=True)
        _refill(self.season_box, [(str(season), season) for season in seasons])
        self._fill_events()

    def _fill_events(self) -> None:
        series, season = self.series_box.currentData(), self.season_box.currentData()
        chosen = [e for e in self._events if e.series == series and e.season == season]
        _refill(self.event_box, [(f"R{e.round_no} · {e.name}", e.key) for e in chosen])

    def _choose_event(self) -> None:
        if self.context is None or self._picking:
            return
        key = self.event_box.currentData()
        event = next((e for e in self._events if e.key == key), None)
        self.context.set_event(event)
        if event is not None:
            settings.remember_event_key(self.context.storage.location, event.key)

    def select_event(self, key: str) -> None:
        """Choose an event by key, as if picked in the toolbar."""
        event = next(e for e in self._events if e.key == key)
        # Only the final choice loads: the series and season steps would load other weekends.
        self._picking = True
        self.series_box.setCurrentIndex(self.series_box.findData(event.series))
        self.season_box.setCurrentIndex(self.season_box.findData(event.season))
        self._picking = False
        index = self.event_box.findData(event.key)
        if index == self.event_box.currentIndex():
            self._choose_event()
        else:
            self.event_box.setCurrentIndex(index)

    def _event_changed(self, event: Event | None) -> None:
        self.export_action.setEnabled(event is not None)
        illustrative = " (practice and qualifying times illustrative)"
        note = illustrative if event is not None and event.illustrative else ""
        self.statusBar().showMessage(f"{event.name}{note}" if event else "No weekend chosen")

    # Actions ------------------------------------------------------------------------------
    def show_tab(self, title: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == title:
                self.tabs.setCurrentIndex(index)

    def _request_export(self) -> None:
        if self.context is not None and self.context.event is not None:
            self.export_requested.emit(self.context.event)

    def _open_other_database(self) -> None:
        """Open another weekend file in a window of its own; this one keeps its database."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a Trackside database", "", "Trackside databases (*.db *.sqlite);;All (*)"
        )
        if path:
            QProcess.startDetached(sys.executable, [sys.argv[0], "--db", path])

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.save_window(self)
        super().closeEvent(event)


def _refill(box: QComboBox, items: list[tuple[str, object]]) -> None:
    box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    box.setEnabled(bool(items))
    box.blockSignals(False)
    box.currentIndexChanged.emit(box.currentIndex())


def _build_tabs(context: AppContext, parent: QWidget) -> list[QWidget]:
    """Imported here, after the window is on screen: the tabs pull in pyqtgraph (DESIGN §6)."""
    from ui.tabs.entry_list_tab import EntryListTab
    from ui.tabs.history_tab import HistoryTab
    from ui.tabs.playoffs_tab import PlayoffsTab
    from ui.tabs.practice_tab import PracticeTab
    from ui.tabs.qualifying_tab import QualifyingTab
    from ui.tabs.race_tab import RaceTab
    from ui.tabs.standings_tab import StandingsTab

    kinds = (
        EntryListTab,
        PracticeTab,
        QualifyingTab,
        RaceTab,
        StandingsTab,
        PlayoffsTab,
        HistoryTab,
    )
    return [kind(context, parent) for kind in kinds]
