"""What every tab shares: storage, rule packs, the chosen event, undo stack, status line."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from domain.model import Event
from domain.ports import Storage, UnitOfWork
from domain.ruleset import RuleSet


class AppContext(QObject):
    """Tabs talk to each other only through these signals, never by reaching into each other."""

    event_changed = Signal(object)  # the chosen Event, or None
    data_changed = Signal(str)  # what was edited: "entries", "laps", "results", "waivers", ...
    saved = Signal(str)  # a message for the status bar: what was just saved

    def __init__(self, storage: Storage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.storage = storage
        self.undo_stack = QUndoStack(self)
        self.event: Event | None = None

    def uow(self) -> UnitOfWork:
        """A fresh unit of work; use it as `with context.uow() as uow: ...`."""
        return self.storage.uow_factory()

    @property
    def ruleset(self) -> RuleSet | None:
        """The rule pack of the chosen event's series and season."""
        return self.storage.rulesets.get(self.event.ruleset_key) if self.event else None

    def set_event(self, event: Event | None) -> None:
        if event != self.event:
            self.event = event
            self.undo_stack.clear()  # edits of another weekend must not be undone from here
            self.event_changed.emit(event)

    def announce(self, what_changed: str, message: str) -> None:
        """After a committed edit: tell the other tabs what changed and the user what was saved."""
        self.data_changed.emit(what_changed)
        self.saved.emit(message)
