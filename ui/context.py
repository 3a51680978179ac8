"""What every tab shares: storage, rule packs, the chosen event, undo stack, change bus."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from domain.changes import Changes
from domain.model import Event
from domain.ports import Storage, TeamLink, UnitOfWork
from domain.ruleset import RuleSet
from ui.change_bus import ChangeBus


class AppContext(QObject):
    """Tabs talk to each other only through these signals and the bus, never by reaching in."""

    event_changed = Signal(object)  # the chosen Event, or None
    saved = Signal(str)  # a message for the status bar: what was just saved

    def __init__(self, storage: Storage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.storage = storage
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self.team: TeamLink | None = None  # on a team server: laps go through it (ui/team_link)
        # Shadows QObject.event(), which nothing calls on a context (no events are sent to it).
        self.event: Event | None = None  # type: ignore[assignment]

    def uow(self) -> UnitOfWork:
        """A fresh unit of work, to hand to one use case or query (never opened in ui/)."""
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

    def announce(self, changes: Changes, message: str) -> None:
        """After a committed edit: the notice to every view, the message to the status bar."""
        self.bus.announce(changes)
        self.saved.emit(message)
