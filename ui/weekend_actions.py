"""File ▸ New database…, New season…, Import…; the Event menu; the screen of an empty database.

The edits themselves are in ui/weekend_edits.py. An import's notice goes on the change bus like
any edit's: the window's picker follows new events and seasons, the tabs what they show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from domain import services
from domain.changes import Changes
from domain.model import Event
from ui.context import AppContext
from ui.errors import run_guarded
from ui.race_rule_edits import RaceRuleEdits
from ui.weekend_edits import WeekendEdits
from ui.weekend_files import WeekendFiles
from ui.widgets.first_run import FirstRunPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def ask_new_database_path(parent: QWidget, start: str) -> str:
    """Where a new database file goes ("" if cancelled); tests replace this."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "New Trackside database", start, "Trackside databases (*.db)"
    )
    return path


class WeekendActions(QObject):
    """The menu actions that make and bring in weekends, and the screen of an empty database."""

    def __init__(
        self, window: MainWindow, file_menu: QMenu, before: QAction, files: WeekendFiles | None
    ) -> None:
        super().__init__(window)
        self._window, self._files = window, files
        self.first_run: FirstRunPanel | None = None
        self._tabs: QWidget | None = None  # the tab widget while the first-run screen shows
        self.edits = WeekendEdits(window)
        new_database = QAction("&New database…", window)
        new_season = QAction("New &season…", window)
        import_file = QAction("&Import…", window)
        import_file.setShortcut(QKeySequence("Ctrl+I"))
        for action, slot in (
            (new_database, self.new_database), (new_season, self.edits.new_season),
            (import_file, lambda: self.import_file()),
        ):  # fmt: skip
            file_menu.insertAction(before, action)
            action.triggered.connect(lambda _=False, run=slot: run())
        self.new_database_action, self.new_season_action = new_database, new_season
        self.import_action = import_file
        event_menu = window.menuBar().addMenu("E&vent")
        self.new_event_action = self._action(event_menu, "&New event…", self.edits.new_event)
        self.edit_event_action = self._action(event_menu, "&Edit event…", self.edits.edit_event)
        self.sessions_action = self._action(event_menu, "&Sessions…", self.edits.edit_sessions)
        self.track_action = self._action(event_menu, "Edit &track…", self.edits.edit_track)
        self.race_rules = RaceRuleEdits(window, self.edits)
        self.event_rules_action = self._action(
            event_menu, "Stages and &points…", self.race_rules.event_rules
        )
        self.oep_action = self._action(event_menu, "Declare &OEP car…", self.race_rules.declare_oep)
        self.delete_event_action = self._action(
            event_menu, "&Delete event", self.edits.delete_event
        )
        event_menu.addSeparator()
        self.delete_season_action = self._action(
            event_menu, "Delete this &season…", self.edits.delete_season
        )
        self.new_database_action.setEnabled(files is not None)
        self.attached(None)

    def _action(self, menu: QMenu, text: str, slot: Callable[[], None]) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        return action

    @property
    def _context(self) -> AppContext | None:
        return self._window.context

    # The window's hooks -----------------------------------------------------------------
    def attached(self, events: list[Event] | None) -> None:
        """A database was opened (events: what it holds) or closed (None)."""
        opened = events is not None
        for action in (self.new_season_action, self.new_event_action):
            action.setEnabled(opened)
        self.import_action.setEnabled(opened and self._files is not None)
        self.event_chosen(self._context.event if self._context else None)
        self._show_first_run(opened and not events)

    def event_chosen(self, event: Event | None) -> None:
        for action in (
            self.edit_event_action, self.sessions_action, self.track_action,
            self.event_rules_action, self.oep_action, self.delete_event_action,
            self.delete_season_action,
        ):  # fmt: skip
            action.setEnabled(event is not None)

    def _show_first_run(self, show: bool) -> None:
        window = self._window
        if show and self._tabs is None:
            if self.first_run is None:
                self.first_run = FirstRunPanel()
                self.first_run.new_event_clicked.connect(self.edits.new_event)
                self.first_run.import_schedule_clicked.connect(lambda: self.import_file("schedule"))
                self.first_run.open_demo_clicked.connect(self.open_demo)
                self.first_run.demo_button.setEnabled(self._files is not None)
                self.first_run.import_button.setEnabled(self._files is not None)
            self._tabs = window.takeCentralWidget()
            window.setCentralWidget(self.first_run)
        elif not show and self._tabs is not None:
            # Taken back, then deleted later: its button may be mid-click (New event…).
            panel = window.takeCentralWidget()
            window.setCentralWidget(self._tabs)
            self._tabs, self.first_run = None, None
            if panel is not None:
                panel.deleteLater()

    # Files ------------------------------------------------------------------------------
    def new_database(self) -> None:
        files = self._files
        if files is None:
            return
        path = ask_new_database_path(self._window, "")
        made: list[str] = []
        if path and run_guarded(
            self._window,
            "New database",
            lambda: made.append(files.create_database(path, demo=False)),
        ):
            self._window.switch_database(made[0])

    def open_demo(self) -> None:
        files = self._files
        found: list[str] = []
        if files and run_guarded(
            self._window, "Open the demo", lambda: found.append(files.demo_database())
        ):
            self._window.switch_database(found[0])

    def import_file(self, kind: str = "entries") -> None:
        context, files = self._context, self._files
        if context is None or files is None:
            return
        events, seasons = services.all_events(context.uow()), services.all_seasons(context.uow())
        from domain.services.import_kinds import ImportRequest, run_import  # on use: start-up
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(events, seasons, context.event, kind, self._window)
        done: list[tuple[str, Changes]] = []

        def bring_in() -> None:
            chosen = dialog.chosen_season()
            request = ImportRequest(
                kind=dialog.chosen_kind(),
                table=files.read_csv(dialog.chosen_path()),
                event_key=dialog.chosen_event_key(),
                series=chosen.series if chosen else "",
                season=chosen.season if chosen else 0,
                session=dialog.chosen_session(),
            )
            report, changes = run_import(context.uow(), context.storage.rulesets, request)
            done.append((report.summary, changes))

        dialog.on_save(bring_in)
        if dialog.exec():
            summary, changes = done[0]
            context.announce(changes, summary)
