"""Event ▸ New, Edit, Sessions, Edit track, Delete, Delete this season; File ▸ New season.

Each edit is made by its dialog (which shows a refusal inline); its use case's notice is then
announced on the change bus, where the window's picker follows events and seasons, and the edit
goes on the undo stack as already done. A notice can make the picker choose another weekend,
which clears the undo stack, so the push comes after it, and undo and redo announce on the next
turn of the event loop rather than from inside the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from domain import services
from domain.changes import Changes
from domain.model import Event, Season, TrackKind
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext
from ui.errors import run_guarded

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# A use case's notice, the status line that says what it did, and the weekend to show after.
Shown = tuple[Changes, str, str | None]
ShowNotice = Callable[[Changes, str, str | None], None]


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before something big (deleting a weekend with laps); tests replace this."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class WeekendCommand(TracksideCommand):
    """A database-wide edit already made; undo and redo run one use case each."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        redo_work: Callable[[], Shown],
        undo_work: Callable[[], Shown],
        show: ShowNotice,
        widget: QWidget | None,
    ) -> None:
        super().__init__(context, text, widget)
        self._redo_work, self._undo_work, self._show = redo_work, undo_work, show
        self._key: str | None = None

    def push_as_done(self, stack: QUndoStack) -> None:
        """Put the made edit on the stack without making it again."""
        self._skip_next_redo = True
        stack.push(self)

    def do(self) -> Notice:
        changes, message, self._key = self._redo_work()
        return changes, message

    def undo_do(self) -> Notice:
        changes, message, self._key = self._undo_work()
        return changes, message

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._later(self.do)

    def undo(self) -> None:
        self._later(self.undo_do)

    def _later(self, action: Callable[[], Notice]) -> None:
        # Announced next turn: the picker following the notice may clear the running stack.
        notices: list[Notice] = []
        if not run_guarded(self._widget, self.text(), lambda: notices.append(action())):
            self.setObsolete(True)
            return
        changes, message = notices[0]
        key = self._key
        QTimer.singleShot(0, lambda: self._show(changes, message, key))


class WeekendEdits(QObject):
    """The season, event, session and track edits of the window's database."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    @property
    def _context(self) -> AppContext | None:
        return self._window.context

    def show(self, changes: Changes, message: str, key: str | None) -> None:
        """Announce a notice on the bus (the picker follows it), then pick `key` if given."""
        context = self._context
        if context is None:
            return
        context.announce(changes, message)
        if key is not None and self._window.picker.offers(key):
            self._window.select_event(key)

    def new_season(self) -> bool:
        """Add a season (undoable); True when one was added."""
        context = self._context
        if context is None:
            return False
        from ui.dialogs.season_dialog import SeasonDialog  # on use: a faster start

        dialog = SeasonDialog(context.storage.rulesets, self._window)
        added: list[tuple[Season, Changes]] = []
        dialog.on_save(
            lambda: added.append(
                services.add_season(
                    context.uow(), context.storage.rulesets, dialog.series.currentText(),
                    dialog.year.value(), dialog.name.text(),
                )
            )
        )  # fmt: skip
        if not dialog.exec():
            return False
        season, changes = added[0]
        taken: list[services.SeasonSnapshot] = []

        def undo() -> Shown:
            snapshot, removed = services.delete_season(context.uow(), season.series, season.season)
            taken[:] = [snapshot]
            return removed, f"Removed the {season.name} season.", None

        def redo() -> Shown:
            _, restored = services.restore_season(context.uow(), taken[0])
            return restored, f"Added the {season.name} season.", None

        first = (changes, f"Added the {season.name} season.", None)
        self.done(f"New season {season.series} {season.season}", redo, undo, first)
        return True

    def new_event(self) -> None:
        context = self._context
        if context is None:
            return
        has_season = bool(services.all_seasons(context.uow()))
        if not has_season and not self.new_season():
            return
        seasons, tracks = services.all_seasons(context.uow()), services.all_tracks(context.uow())
        from ui.dialogs.event_dialog import EventDialog  # on use: a faster start

        dialog = EventDialog(seasons, tracks, context.storage.rulesets, None, self._window)
        made: list[tuple[Event, Changes]] = []
        dialog.on_save(
            lambda: made.append(
                services.add_event(context.uow(), context.storage.rulesets, dialog.spec())
            )
        )
        if not dialog.exec():
            return
        event, changes = made[0]
        snapshot = services.event_contents(context.uow(), event.id)
        self.done(
            f"New event {event.key}",
            lambda: _restore(context, snapshot, f"Added {event.key}."),
            lambda: _delete(context, event.id, f"Removed {event.key}."),
            (changes, f"Added {event.key}.", event.key),
        )

    def edit_event(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        old = context.event
        seasons, tracks = services.all_seasons(context.uow()), services.all_tracks(context.uow())
        from ui.dialogs.event_dialog import EventDialog  # on use: a faster start

        dialog = EventDialog(seasons, tracks, context.storage.rulesets, old, self._window)
        edited: list[tuple[Event, Changes]] = []
        dialog.on_save(
            lambda: edited.append(services.edit_event(context.uow(), old.id, dialog.edit()))
        )
        if not dialog.exec():
            return
        new, changes = edited[0]
        back = services.EventEdit(
            name=old.name, track=services.TrackSpec(name=old.track.name),
            start_date=old.start_date, end_date=old.end_date, round_no=old.round_no,
            key=old.key, points_paying=old.points_paying,
        )  # fmt: skip
        forth = dialog.edit()

        def edit_to(edit: services.EventEdit) -> Callable[[], Shown]:
            def save() -> Shown:
                event, saved = services.edit_event(context.uow(), old.id, edit)
                return saved, f"Saved {event.key}.", event.key

            return save

        first = (changes, f"Saved {new.key}.", new.key)
        self.done(f"Edit event {new.key}", edit_to(forth), edit_to(back), first)

    def edit_sessions(self) -> None:
        context = self._context
        if context is not None and context.event is not None:
            from ui.dialogs.sessions_dialog import SessionsDialog  # on use: a faster start

            SessionsDialog(context, context.event, confirm, self._window).exec()

    def edit_track(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        old, key = context.event.track, context.event.key
        from ui.dialogs.track_dialog import TrackDialog  # on use: a faster start

        dialog = TrackDialog(old, self._window)

        def save_as(name: str, miles: str, kind: TrackKind) -> Callable[[], Shown]:
            def save() -> Shown:
                track, changes = services.edit_track(
                    context.uow(), old.id, name=name, length_miles=miles, kind=kind
                )
                return changes, f"Saved {track.name}: speeds there follow its length.", key

            return save

        def typed() -> Callable[[], Shown]:
            return save_as(dialog.name.text(), dialog.length.text(), dialog.chosen_kind())

        saved: list[Shown] = []
        dialog.on_save(lambda: saved.append(typed()()))
        if not dialog.exec():
            return
        back = save_as(old.name, f"{old.length_millimiles / 1000:g}", old.kind)
        self.done(f"Edit track {old.name}", typed(), back, saved[0])

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

        def delete() -> Shown:
            snapshot, changes = services.delete_event(context.uow(), event.id)
            taken[:] = [snapshot]
            return changes, f"Deleted {event.key} ({held}). Edit ▸ Undo brings it back.", None

        done: list[Shown] = []
        if not run_guarded(self._window, "Delete event", lambda: done.append(delete())):
            return
        restore = lambda: _restore(context, taken[0], f"Brought back {event.key}.")  # noqa: E731
        self.done(f"Delete event {event.key}", delete, restore, done[0])

    def delete_season(self) -> None:
        """Delete the chosen event's season with all its events (asked first, undoable)."""
        context = self._context
        if context is None or context.event is None:
            return
        series, year = context.event.series, context.event.season
        events = [
            e for e in services.all_events(context.uow()) if (e.series, e.season) == (series, year)
        ]
        if not confirm(
            self._window,
            "Delete season",
            f"Delete the {series} {year} season with its {len(events)} events, and every lap, "
            "entry and result in them? Edit ▸ Undo brings it all back.",
        ):
            return
        taken: list[services.SeasonSnapshot] = []

        def delete() -> Shown:
            snapshot, changes = services.delete_season(context.uow(), series, year)
            taken[:] = [snapshot]
            message = f"Deleted the {series} {year} season. Edit ▸ Undo brings it back."
            return changes, message, None

        def restore() -> Shown:
            _, changes = services.restore_season(context.uow(), taken[0])
            key = events[0].key if events else None
            return changes, f"Brought back the {series} {year} season.", key

        done: list[Shown] = []
        if run_guarded(self._window, "Delete season", lambda: done.append(delete())):
            self.done(f"Delete season {series} {year}", delete, restore, done[0])

    def done(
        self,
        text: str,
        redo: Callable[[], Shown],
        undo: Callable[[], Shown],
        first: Shown,
    ) -> None:
        """After an edit was made: announce it, then make it undoable.

        Announcing comes first: the picker may choose another weekend, clearing the stack."""
        context = self._context
        self.show(*first)
        if context is not None:
            command = WeekendCommand(context, text, redo, undo, self.show, self._window)
            command.push_as_done(context.undo_stack)


def _restore(context: AppContext, snapshot: services.EventSnapshot, message: str) -> Shown:
    event, changes = services.restore_event(context.uow(), snapshot)
    return changes, message, event.key


def _delete(context: AppContext, event_id: UUID, message: str) -> Shown:
    _, changes = services.delete_event(context.uow(), event_id)
    return changes, message, None
