"""Event ▸ New, Edit, Sessions, Edit track, Delete, Delete this season; File ▸ New season.

Each edit is made (its dialog shows a refusal inline), then the window reads its events again
and re-picks the weekend, then the edit goes on the undo stack as already done: picking another
weekend clears the undo stack, so the push comes after. Undo and redo refresh on the next turn
of the event loop for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from domain import services
from domain.model import Event, Season, TrackKind
from ui.commands import TracksideCommand
from ui.context import AppContext
from ui.dialogs.event_dialog import EventDialog
from ui.dialogs.season_dialog import SeasonDialog
from ui.dialogs.sessions_dialog import SessionsDialog
from ui.dialogs.track_dialog import TrackDialog
from ui.errors import run_guarded

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before something big (deleting a weekend with laps); tests replace this."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


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


class WeekendEdits(QObject):
    """The season, event, session and track edits of the window's database."""

    def __init__(self, window: MainWindow, refresh: Callable[[str | None], None]) -> None:
        super().__init__(window)
        self._window, self.refresh = window, refresh

    @property
    def _context(self) -> AppContext | None:
        return self._window.context

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
