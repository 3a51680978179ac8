"""File ▸ New database…, New season…, Import…; Event ▸ New, Edit, Delete; the first-run screen.

The window shows what changed by reading its events again and re-picking the weekend (simple
and local; the change bus can route it later). Creating, editing and deleting events and
seasons are undoable: the first run refreshes before the command is pushed, because choosing
another weekend clears the undo stack; undo and redo refresh on the next turn of the loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from domain import services
from domain.model import Event, Season, TrackKind
from domain.services.import_kinds import IMPORT_KINDS, ImportRequest, ImportScope, run_import
from ui.commands import TracksideCommand
from ui.context import AppContext
from ui.dialogs.event_dialog import EventDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.season_dialog import SeasonDialog
from ui.dialogs.sessions_dialog import SessionsDialog
from ui.dialogs.track_dialog import TrackDialog
from ui.errors import run_guarded
from ui.weekend_files import WeekendFiles
from ui.widgets.first_run import FirstRunPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# The data_changed kind each import touches, so the tabs showing it read it again.
_IMPORT_TOUCHES = {"entries": "entries", "laps": "laps", "results": "results",
                   "penalties": "penalties", "waivers": "waivers"}  # fmt: skip


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before something big (deleting a weekend with laps); tests replace this."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_new_database_path(parent: QWidget, start: str) -> str:
    """Where a new database file goes ("" if cancelled); tests replace this."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "New Trackside database", start, "Trackside databases (*.db)"
    )
    return path


class WeekendCommand(TracksideCommand):
    """A database-wide edit already made; undo and redo each return the event key to show."""

    def __init__(
        self,
        text: str,
        redo_work: Callable[[], str | None],
        undo_work: Callable[[], str | None],
        refresh: Callable[[str | None], None],
        parent_widget: QWidget | None,
    ) -> None:
        super().__init__(text, parent_widget)
        self._redo_work, self._undo_work, self._refresh = redo_work, undo_work, refresh

    def push_as_done(self, stack: QUndoStack) -> None:
        """Put the made edit on the stack without making it again."""
        self._skip_next_redo = True
        stack.push(self)

    def do(self) -> None:
        self._later(self._redo_work())

    def undo_do(self) -> None:
        self._later(self._undo_work())

    def _later(self, key: str | None) -> None:
        # Not now: picking another weekend clears the undo stack this call runs from.
        QTimer.singleShot(0, lambda: self._refresh(key))


class WeekendActions(QObject):
    """The menu actions that make and bring in weekends, and the screen of an empty database."""

    def __init__(
        self, window: MainWindow, file_menu: QMenu, before: QAction, files: WeekendFiles | None
    ) -> None:
        super().__init__(window)
        self._window, self._files = window, files
        self.first_run: FirstRunPanel | None = None
        self._tabs: QWidget | None = None  # the tab widget while the first-run screen shows
        new_database = QAction("&New database…", window)
        new_season = QAction("New &season…", window)
        import_file = QAction("&Import…", window)
        import_file.setShortcut(QKeySequence("Ctrl+I"))
        for action, slot in (
            (new_database, self.new_database), (new_season, self.new_season),
            (import_file, lambda: self.import_file()),
        ):  # fmt: skip
            file_menu.insertAction(before, action)
            action.triggered.connect(lambda _=False, run=slot: run())
        self.new_database_action, self.new_season_action = new_database, new_season
        self.import_action = import_file
        event_menu = window.menuBar().addMenu("E&vent")
        self.new_event_action = self._action(event_menu, "&New event…", self.new_event)
        self.edit_event_action = self._action(event_menu, "&Edit event…", self.edit_event)
        self.sessions_action = self._action(event_menu, "&Sessions…", self.edit_sessions)
        self.track_action = self._action(event_menu, "Edit &track…", self.edit_track)
        self.delete_event_action = self._action(event_menu, "&Delete event", self.delete_event)
        event_menu.addSeparator()
        self.delete_season_action = self._action(
            event_menu, "Delete this &season…", self.delete_season
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
            self.delete_event_action, self.delete_season_action,
        ):  # fmt: skip
            action.setEnabled(event is not None)

    def refresh(self, key: str | None = None) -> None:
        """Read the events again and pick `key` (else the weekend shown, else the first)."""
        context = self._context
        if context is None:
            return
        with context.uow() as uow:
            events = uow.events.list()
        if key is None and context.event is not None:
            key = context.event.key
        self._window.picker.set_events(events, key)
        self._show_first_run(not events)

    def _show_first_run(self, show: bool) -> None:
        window = self._window
        if show and self._tabs is None:
            if self.first_run is None:
                self.first_run = FirstRunPanel()
                self.first_run.new_event_clicked.connect(self.new_event)
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
        with context.uow() as uow:
            events, seasons = uow.events.list(), uow.seasons.list()
        dialog = ImportDialog(events, seasons, context.event, kind, self._window)
        reports: list[str] = []

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
            report, _ = run_import(context.uow(), context.storage.rulesets, request)
            reports.append(report.summary)

        dialog.on_save(bring_in)
        if not dialog.exec():
            return
        chosen_kind = dialog.chosen_kind()
        if IMPORT_KINDS[chosen_kind].scope is ImportScope.DATABASE or self._tabs is not None:
            self.refresh()
        touched = _IMPORT_TOUCHES.get(chosen_kind)
        if touched:
            context.announce(touched, reports[0])
        self._window.statusBar().showMessage(reports[0])

    # Seasons and events -----------------------------------------------------------------
    def new_season(self) -> bool:
        """Add a season (undoable); True when one was added."""
        context = self._context
        if context is None:
            return False
        dialog = SeasonDialog(context.storage.rulesets, self._window)
        added: list[Season] = []
        dialog.on_save(
            lambda: added.append(
                services.add_season(
                    context.uow(), context.storage.rulesets, dialog.series.currentText(),
                    dialog.year.value(), dialog.name.text(),
                )[0]
            )
        )  # fmt: skip
        if not dialog.exec():
            return False
        season = added[0]
        taken: list[services.SeasonSnapshot] = []

        def undo() -> None:
            taken[:] = [services.delete_season(context.uow(), season.series, season.season)[0]]

        def redo() -> None:
            services.restore_season(context.uow(), taken[0])

        self._done(f"New season {season.series} {season.season}", redo, undo, None)
        self._window.statusBar().showMessage(f"Added the {season.name} season.")
        return True

    def new_event(self) -> None:
        context = self._context
        if context is None:
            return
        with context.uow() as uow:
            has_season = bool(uow.seasons.list())
        if not has_season and not self.new_season():
            return
        with context.uow() as uow:
            seasons, tracks = uow.seasons.list(), uow.tracks.list()
        dialog = EventDialog(seasons, tracks, context.storage.rulesets, None, self._window)
        made: list[Event] = []
        dialog.on_save(
            lambda: made.append(
                services.add_event(context.uow(), context.storage.rulesets, dialog.spec())[0]
            )
        )
        if not dialog.exec():
            return
        event = made[0]
        snapshot = services.event_contents(context.uow(), event.id)
        self._done(
            f"New event {event.key}",
            lambda: _restore(context, snapshot),
            lambda: _delete(context, event.id),
            event.key,
        )
        self._window.statusBar().showMessage(f"Added {event.key}.")

    def edit_event(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        old = context.event
        with context.uow() as uow:
            seasons, tracks = uow.seasons.list(), uow.tracks.list()
        dialog = EventDialog(seasons, tracks, context.storage.rulesets, old, self._window)
        edited: list[Event] = []
        dialog.on_save(
            lambda: edited.append(services.edit_event(context.uow(), old.id, dialog.edit())[0])
        )
        if not dialog.exec():
            return
        new = edited[0]
        back = services.EventEdit(
            name=old.name, track=services.TrackSpec(name=old.track.name),
            start_date=old.start_date, end_date=old.end_date, round_no=old.round_no,
            key=old.key, points_paying=old.points_paying,
        )  # fmt: skip
        forth = dialog.edit()
        self._done(
            f"Edit event {new.key}",
            lambda: services.edit_event(context.uow(), old.id, forth)[0].key,
            lambda: services.edit_event(context.uow(), old.id, back)[0].key,
            new.key,
        )
        self._window.statusBar().showMessage(f"Saved {new.key}.")

    def edit_sessions(self) -> None:
        context = self._context
        if context is not None and context.event is not None:
            SessionsDialog(context, context.event, confirm, self._window).exec()

    def edit_track(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        old, key = context.event.track, context.event.key
        dialog = TrackDialog(old, self._window)

        def save_as(name: str, miles: str, kind: TrackKind) -> Callable[[], str]:
            def save() -> str:
                services.edit_track(context.uow(), old.id, name=name, length_miles=miles, kind=kind)
                return key

            return save

        def typed() -> Callable[[], str]:
            return save_as(dialog.name.text(), dialog.length.text(), dialog.chosen_kind())

        dialog.on_save(lambda: typed()())
        if not dialog.exec():
            return
        back = save_as(old.name, f"{old.length_millimiles / 1000:g}", old.kind)
        self._done(f"Edit track {old.name}", typed(), back, key)
        self._window.statusBar().showMessage(
            f"Saved {dialog.name.text().strip()}: speeds there follow the new length."
        )

    def delete_event(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        event = context.event
        taken: list[services.EventSnapshot] = []
        if not run_guarded(
            self._window,
            "Delete event",
            lambda: taken.append(services.event_contents(context.uow(), event.id)),
        ):
            return
        held = taken[0].describe()
        if taken[0].holds_data and not confirm(
            self._window,
            "Delete event",
            f"Delete {event.name} ({event.key}) with its {held}? Edit ▸ Undo brings it back.",
        ):
            return

        def delete() -> None:
            taken[:] = [services.delete_event(context.uow(), event.id)[0]]

        if not run_guarded(self._window, "Delete event", delete):
            return
        self._done(f"Delete event {event.key}", delete, lambda: _restore(context, taken[0]), None)
        self._window.statusBar().showMessage(
            f"Deleted {event.key} ({held}). Edit ▸ Undo brings it back."
        )

    def delete_season(self) -> None:
        """Delete the chosen event's season with all its events (asked first, undoable)."""
        context = self._context
        if context is None or context.event is None:
            return
        series, year = context.event.series, context.event.season
        with context.uow() as uow:
            events = uow.events.list_for_season(series, year)
        if not confirm(
            self._window,
            "Delete season",
            f"Delete the {series} {year} season with its {len(events)} events, and every lap, "
            "entry and result in them? Edit ▸ Undo brings it all back.",
        ):
            return
        taken: list[services.SeasonSnapshot] = []

        def delete() -> None:
            taken[:] = [services.delete_season(context.uow(), series, year)[0]]

        def restore() -> str | None:
            services.restore_season(context.uow(), taken[0])
            return events[0].key if events else None

        if run_guarded(self._window, "Delete season", delete):
            self._done(f"Delete season {series} {year}", delete, restore, None)
            self._window.statusBar().showMessage(
                f"Deleted the {series} {year} season. Edit ▸ Undo brings it back."
            )

    def _done(
        self,
        text: str,
        redo: Callable[[], str | None],
        undo: Callable[[], str | None],
        key: str | None,
    ) -> None:
        """After an edit was made: show it, then make it undoable.

        Showing comes first: picking another weekend clears the undo stack."""
        context = self._context
        self.refresh(key)
        if context is not None:
            command = WeekendCommand(text, redo, undo, self.refresh, self._window)
            command.push_as_done(context.undo_stack)


def _restore(context: AppContext, snapshot: services.EventSnapshot) -> str:
    services.restore_event(context.uow(), snapshot)
    return snapshot.event.key


def _delete(context: AppContext, event_id: UUID) -> None:
    services.delete_event(context.uow(), event_id)
