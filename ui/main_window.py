"""The main window: weekend picker, one tab per job, menus with shortcuts, a status line."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStyle, QTabWidget, QWidget

from domain.changes import Changes
from domain.model import Event
from domain.ports import BackupShelf, Storage
from ui import settings
from ui.backup_actions import BackupActions
from ui.board_actions import add_board_actions
from ui.charts import PlotGate
from ui.context import AppContext
from ui.dialogs import export_dialogs
from ui.dialogs.export_dialogs import documents_folder, file_name_for
from ui.dialogs.feed_import import install_feed_actions
from ui.dialogs.file_dialogs import ask_database_path, ask_export_folder
from ui.dialogs.shortcuts_dialog import ShortcutsDialog
from ui.errors import run_guarded
from ui.printing.print_actions import ReportActions
from ui.pyside_imports import import_pyqtgraph
from ui.team_link import TeamConnector, attach_team
from ui.theme import TAB_BAR_STYLE
from ui.undo_keys import REDO_KEYS, UndoKeys
from ui.weekend_actions import WeekendActions
from ui.weekend_files import WeekendFiles
from ui.weekend_picker import WeekendPicker

if TYPE_CHECKING:
    from domain.feeds import FeedReader
    from ui.dialogs.sync_dialog import Syncer

TAB_TITLES = ("Entry list", "Practice", "Qualifying", "Race", "Standings", "Postseason", "History")
_TAB_CLASSES = {  # imported when built: the chart tabs pull in pyqtgraph (DESIGN §6)
    "Entry list": ("ui.tabs.entry_list_tab", "EntryListTab"),
    "Practice": ("ui.tabs.practice_tab", "PracticeTab"),
    "Qualifying": ("ui.tabs.qualifying_tab", "QualifyingTab"),
    "Race": ("ui.tabs.race_tab", "RaceTab"),
    "Standings": ("ui.tabs.standings_tab", "StandingsTab"),
    "Postseason": ("ui.tabs.playoffs_tab", "PlayoffsTab"),
    "History": ("ui.tabs.history_tab", "HistoryTab"),
}

FIRST_START_SHARE = 0.94  # of the screen's free area, before any geometry is remembered
StorageOpener = Callable[[str | None], Storage]  # a file path or server URL; None: embedded
WeekendExporter = Callable[[Storage, Event, Path], list[Path]]  # returns the files written


class MainWindow(QMainWindow):
    """Shown empty at once (DESIGN §6); `attach_storage` fills it once the database is open.

    ui/ cannot import persistence/, so main.py hands in how to open a database (File ▸ Open
    database… switches this window to it), how to export a weekend (File ▸ Export weekend
    summary…, Ctrl+E and the toolbar) and the weekend files' backups (File ▸ Restore
    backup…); without them those actions stay disabled.
    """

    ready = Signal()  # a database is shown: the visible tab has the chosen weekend
    settled = Signal()  # after ready: every tab built and the chart library loaded

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_storage: StorageOpener | None = None,
        export_weekend: WeekendExporter | None = None,
        weekend_files: WeekendFiles | None = None,
        feed_reader: FeedReader | None = None,
        backups: BackupShelf | None = None,
        connect_team: TeamConnector | None = None,
        sync_with: Syncer | None = None,
    ) -> None:
        super().__init__(parent)
        self._connect_team, self._sync_with = connect_team, sync_with
        self._weekend_files = weekend_files
        self.setWindowTitle("Trackside")
        self.context: AppContext | None = None
        self._open_storage = open_storage
        self._export_weekend = export_weekend
        self._backups = backups
        self._undo_actions: list[QAction] = []
        self._unbuilt: dict[QWidget, str] = {}  # placeholder page -> title of its tab
        self._plots = PlotGate(self)  # closed while getting ready: charts draw after ready
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setStyleSheet(TAB_BAR_STYLE)
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.setCentralWidget(self.tabs)
        self._loading = QLabel("Opening the database…", self)
        self.statusBar().addWidget(self._loading)
        self._build_menus()
        self.undo_keys = UndoKeys(self)
        self.picker = WeekendPicker(self)
        self.picker.addSeparator()
        self.picker.addAction(self.open_action)
        self.picker.addAction(self.export_action)
        self.picker.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.picker.chosen.connect(self._choose_event)
        self.addToolBar(self.picker)
        self.feed_actions = install_feed_actions(self, feed_reader)  # NASCAR's files (issue 15)
        if not settings.restore_window(self):
            self._fill_most_of_screen()

    def show_opening(self, text: str) -> None:
        """What the first painted frame says while the database opens."""
        self._loading.setText(text)

    def _fill_most_of_screen(self) -> None:
        """First start: most of the screen, centred, so every board shows its columns."""
        screen = self.screen().availableGeometry()
        width = max(min(1400, screen.width()), int(screen.width() * FIRST_START_SHARE))
        height = max(min(900, screen.height()), int(screen.height() * FIRST_START_SHARE))
        self.resize(min(width, screen.width()), min(height, screen.height()))
        frame = self.frameGeometry()
        frame.moveCenter(screen.center())
        self.move(frame.topLeft())

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = file_menu.addAction("&Open database…")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setIconText("Open…")
        self.open_action.setIcon(self._standard_icon("SP_DialogOpenButton"))
        self.open_action.setToolTip("Open another weekend database (Ctrl+O)")
        self.open_action.setEnabled(self._open_storage is not None)
        self.open_action.triggered.connect(self._open_other_database)
        self.export_action = file_menu.addAction("&Export weekend summary…")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setIconText("Export summary…")
        self.export_action.setIcon(self._standard_icon("SP_DialogSaveButton"))
        self.export_action.setToolTip("Write the chosen weekend's summary as CSV files (Ctrl+E)")
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self._export_chosen_weekend)
        self.backup_actions = BackupActions(self, file_menu, self._backups, self._open_storage)
        self.sync_action = file_menu.addAction("S&ync with team server…")
        self.sync_action.setEnabled(False)
        self.sync_action.triggered.connect(self._sync_with_team)
        self.report_actions = ReportActions(
            self,
            file_menu,
            lambda: self.context,
            lambda: self.tabs.tabText(self.tabs.currentIndex()),
        )
        before_quit = file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self._edit_menu = self.menuBar().addMenu("&Edit")
        view_menu = self.menuBar().addMenu("&View")
        for number, title in enumerate(TAB_TITLES, start=1):
            action = view_menu.addAction(title)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, t=title: self.show_tab(t))
        self.board_actions = add_board_actions(
            view_menu, self.tabs.currentWidget, self._board_title
        )
        self.weekends = WeekendActions(self, file_menu, before_quit, self._weekend_files)
        help_menu = self.menuBar().addMenu("&Help")
        self.shortcuts_action = help_menu.addAction("&Keyboard shortcuts…")
        self.shortcuts_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.shortcuts_action.triggered.connect(
            lambda: ShortcutsDialog(self.menuBar(), self).exec()
        )

    def _standard_icon(self, name: str) -> QIcon:
        return self.style().standardIcon(getattr(QStyle.StandardPixmap, name))

    # Storage ------------------------------------------------------------------------------
    def attach_storage(self, storage: Storage) -> None:
        """Build the context over an opened database, then pick the last event.

        Only the visible tab is built and loaded now (DESIGN §6: ready ≤ 1 s); `ready` follows
        on the next turn of the event loop, then the other tabs are built one per idle turn
        (each loads when first shown, ui/tabs/lazy.py) and `settled` says they all exist.
        """
        self.context = AppContext(storage, self)
        self.setWindowTitle(f"Trackside — {storage.location}")
        self._add_undo_actions(self.context)
        attach_team(self, self.context, self._connect_team)
        self.sync_action.setEnabled(self._sync_with is not None and not storage.read_only)
        self.context.saved.connect(lambda message: self.statusBar().showMessage(message))
        self.context.event_changed.connect(self._event_changed)
        self.context.bus.changed.connect(self._offer_new_events)
        self._plots.close()
        self.tabs.blockSignals(True)  # only the remembered tab is built, not the first added
        for title in TAB_TITLES:
            placeholder = QWidget(self)
            self._unbuilt[placeholder] = title
            self.tabs.addTab(placeholder, title)
        remembered = settings.last_tab()
        self.tabs.setCurrentIndex(TAB_TITLES.index(remembered) if remembered in TAB_TITLES else 0)
        self.tabs.blockSignals(False)
        self._build_tab(self.tabs.currentIndex())
        self._loading.setText(f"Database: {storage.location}")
        from domain import services  # after the first paint: ~80 ms of imports (DESIGN §6)

        events = services.all_events(self.context.uow())
        self.picker.set_events(events, settings.last_event_key(storage.location))
        self.weekends.attached(events)
        self.backup_actions.attach(storage)
        QTimer.singleShot(0, self._announce_ready)

    def _announce_ready(self) -> None:
        if self.context is not None:
            self.ready.emit()
            QTimer.singleShot(0, self._plots.open)  # the remembered tab's chart, if it has one
            QTimer.singleShot(0, self._build_next_tab)

    def _tab_chosen(self, index: int) -> None:
        if self.tabs.widget(index) in self._unbuilt:
            self._build_tab(index)
        if self.context is not None and index >= 0:
            settings.remember_tab(self.tabs.tabText(index))
            # Ctrl+1…7 left the focus on the toolbar: put it where the tab's typing starts.
            focus = getattr(self.tabs.widget(index), "focus_entry", None)
            if callable(focus):
                QTimer.singleShot(0, focus)

    def _build_tab(self, index: int) -> None:
        """Put the real tab where its placeholder is, keeping it current if it was."""
        placeholder = self.tabs.widget(index)
        assert placeholder is not None, "a placeholder stands at every unbuilt tab's index"
        title = self._unbuilt.pop(placeholder)
        module, name = _TAB_CLASSES[title]
        tab = getattr(importlib.import_module(module), name)(self.context, self)
        was_current = self.tabs.currentIndex() == index
        self.tabs.insertTab(index, tab, title)
        if was_current:
            self.tabs.setCurrentIndex(index)
        self.tabs.removeTab(index + 1)
        placeholder.deleteLater()

    def _build_next_tab(self) -> None:
        if self.context is None:
            return
        if self._unbuilt:
            self._build_tab(self.tabs.indexOf(next(iter(self._unbuilt))))
            QTimer.singleShot(0, self._build_next_tab)
        else:
            # Warm the chart library even if no built tab needed it yet (a slow import, once).
            import_pyqtgraph()
            self.settled.emit()

    def _add_undo_actions(self, context: AppContext) -> None:
        undo = context.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = context.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(list(REDO_KEYS))  # Ctrl+Shift+Z, and Ctrl+Y as on Windows
        self._undo_actions = [undo, redo]
        self._edit_menu.addActions(self._undo_actions)

    def close_storage(self, *, back_up: bool = True) -> None:
        """Take the tabs down and close the database (after its closing backup, unless told
        not to), releasing its lock."""
        context, self.context = self.context, None
        if context is None:
            return
        self.backup_actions.detach(back_up=back_up)
        for action in self._undo_actions:
            self._edit_menu.removeAction(action)
            action.deleteLater()
        self._undo_actions = []
        self._unbuilt.clear()
        self._plots.forget()
        while self.tabs.count():
            tab = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if tab is not None:
                tab.deleteLater()
        self.picker.clear_events()
        self.weekends.attached(None)
        self.export_action.setEnabled(False)
        self.sync_action.setEnabled(False)
        if context.team is not None:
            context.team.stop()
        self.report_actions.set_enabled(False)
        context.undo_stack.clear()
        context.storage.close()
        context.deleteLater()
        self.setWindowTitle("Trackside")
        self._loading.setText("No database open")

    def switch_database(self, target: str) -> bool:
        """Show another database in this window; if it cannot be opened, the current one stays.

        The new file is opened first, so a bad or busy file (a StorageError's message, shown
        as critical) changes nothing here.
        """
        opener = self._open_storage
        if opener is None:
            return False
        current = self.context.storage.location if self.context else None
        if current is not None and _same_database(current, target):
            self.statusBar().showMessage(f"{current} is already open.")
            return True
        opened: list[Storage] = []
        if not run_guarded(self, "Open database", lambda: opened.append(opener(target))):
            return False
        shown = self.tabs.tabText(self.tabs.currentIndex())
        self.close_storage()
        self.attach_storage(opened[0])
        self.show_tab(shown)  # the same job, on the other file
        return True

    # Weekend ------------------------------------------------------------------------------
    def select_event(self, key: str) -> None:
        """Choose an event by key, as if picked in the toolbar."""
        self.picker.select_event(key)

    def _choose_event(self, event: Event | None) -> None:
        if self.context is None:
            return
        self.context.set_event(event)
        if event is not None:
            settings.remember_event_key(self.context.storage.location, event.key)

    def _offer_new_events(self, changes: Changes) -> None:
        """Events or seasons added, edited or deleted (here or elsewhere): offer them, keeping
        the chosen weekend chosen while it exists."""
        if self.context is not None and (changes.events or changes.seasons):
            from domain import services  # loaded after the first paint (DESIGN §6)

            chosen = self.context.event.key if self.context.event else None
            events = services.all_events(self.context.uow())
            self.picker.set_events(events, chosen)
            self.weekends.attached(events)

    def _event_changed(self, event: Event | None) -> None:
        self.export_action.setEnabled(event is not None and self._export_weekend is not None)
        self.report_actions.set_enabled(event is not None)
        self.weekends.event_chosen(event)
        illustrative = " (practice and qualifying times illustrative)"
        note = illustrative if event is not None and event.illustrative else ""
        self.statusBar().showMessage(f"{event.name}{note}" if event else "No weekend chosen")

    # Actions ------------------------------------------------------------------------------
    def _board_title(self) -> str:
        event = self.context.event if self.context else None
        tab = self.tabs.tabText(self.tabs.currentIndex())
        return f"{event.name} — {tab}" if event else tab

    def show_tab(self, title: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == title:
                self.tabs.setCurrentIndex(index)

    def _export_chosen_weekend(self) -> None:
        if self.context is None or self.context.event is None:
            return
        folder = ask_export_folder(self, settings.last_export_folder() or documents_folder())
        if not folder:
            return
        settings.remember_export_folder(folder)
        target = Path(folder) / file_name_for(self.context.event, "summary")
        if target.exists() and not export_dialogs.ask_replace(self, target):
            return
        if written := self.export_weekend_to(target):
            text = f"Wrote {len(written)} CSV files to {target}."
            export_dialogs.offer_open_folder(self, "Export weekend summary", text, target)

    def export_weekend_to(self, folder: Path) -> list[Path]:
        """Write the chosen weekend's summary into `folder` and say in the status bar what was."""
        context, export = self.context, self._export_weekend
        if context is None or context.event is None or export is None:
            return []
        event, written = context.event, []
        title = "Export weekend summary"
        if run_guarded(self, title, lambda: written.extend(export(context.storage, event, folder))):
            self.statusBar().showMessage(f"Exported {len(written)} files to {folder}")
        return written

    def _open_other_database(self) -> None:
        current = self.context.storage.location if self.context else ""
        start = str(Path(current).parent) if current and "://" not in current else ""
        path = ask_database_path(self, start)
        if path:
            self.switch_database(path)

    def _sync_with_team(self) -> None:
        if self.context is not None and self._sync_with is not None:
            from ui.dialogs.sync_dialog import sync_with_team  # on use: a faster start

            sync_with_team(self, self.context, self._sync_with)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.save_window(self)
        super().closeEvent(event)


def _same_database(location: str, target: str) -> bool:
    if "://" in location or "://" in target:  # a server: compare what the user would see
        return location == target
    return Path(location).expanduser().resolve() == Path(target).expanduser().resolve()
