"""Event ▸ Sessions…: add, rename, reorder and remove the chosen event's sessions, each undoable.

Each button is one use case at once (not a batch on OK), so the tabs and Edit ▸ Undo follow
every step; removing a session that holds laps asks first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.changes import Changes
from domain.model import Event, Session, SessionKind
from ui.commands import FunctionCommand, Notice, push_command
from ui.context import AppContext


def ask_session_name(parent: QWidget, title: str, current: str) -> str:
    """A session's new name ("" if cancelled); tests replace this."""
    name, ok = QInputDialog.getText(parent, title, "Session name:", text=current)
    return name if ok else ""


class SessionsDialog(QDialog):
    """The event's schedule; every change is saved (and undoable) as it is made."""

    def __init__(
        self,
        context: AppContext,
        event: Event,
        confirm: Callable[[QWidget, str, str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Sessions of {event.name}")
        self._context, self._event, self._confirm = context, event, confirm
        self.list = QListWidget(self)
        buttons = QVBoxLayout()
        for text, slot in (
            ("Add practice", lambda: self._add(SessionKind.PRACTICE, "Practice")),
            ("Add qualifying", lambda: self._add(SessionKind.QUALIFYING, "Qualifying")),
            ("Rename…", self._rename),
            ("Up", lambda: self._move(-1)),
            ("Down", lambda: self._move(1)),
            ("Remove", self._remove),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, run=slot: run())
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()
        context.bus.changed.connect(self._follow)

    def reload(self, chosen: Session | None = None) -> None:
        sessions = services.event_sessions(self._context.uow(), self._event.id)
        self.list.clear()
        for session in sessions:
            self.list.addItem(session.name)
            self.list.item(self.list.count() - 1).setData(Qt.ItemDataRole.UserRole, session)
            if chosen is not None and session.id == chosen.id:
                self.list.setCurrentRow(self.list.count() - 1)

    def current(self) -> Session | None:
        item = self.list.currentItem()
        session: Session | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        return session

    def _follow(self, changes: Changes) -> None:
        """A notice touching this event's sessions (from here, undo or redo): show them again."""
        if any(s.event_id == self._event.id for s in _sessions_named(changes)):
            self.reload(self.current())

    def _push(self, text: str, do: Callable[[], Notice], undo: Callable[[], Notice]) -> None:
        push_command(self._context, FunctionCommand(self._context, text, do, undo, self))

    def _add(self, kind: SessionKind, base: str) -> None:
        names = {self.list.item(i).text().casefold() for i in range(self.list.count())}
        name = next(
            n for n in [base, *(f"{base} {i}" for i in range(2, 20))] if n.casefold() not in names
        )
        added: list[Session] = []

        def add() -> Notice:
            session, changes = services.add_session(self._context.uow(), self._event.id, kind, name)
            added[:] = [session]
            return changes, f"Added {name}."

        def take_back() -> Notice:
            _, changes = services.remove_session(self._context.uow(), added[0].id)
            return changes, f"Removed {name}."

        self._push(f"Add {name}", add, take_back)

    def _rename(self) -> None:
        session = self.current()
        if session is None:
            return
        name = ask_session_name(self, "Rename session", session.name)
        if not name:
            return

        def rename_to(text: str) -> Callable[[], Notice]:
            def rename() -> Notice:
                renamed, changes = services.rename_session(self._context.uow(), session.id, text)
                return changes, f"Renamed the session {renamed.name}."

            return rename

        self._push(f"Rename {session.name}", rename_to(name), rename_to(session.name))

    def _move(self, steps: int) -> None:
        session = self.current()
        if session is None:
            return

        def move_by(places: int) -> Callable[[], Notice]:
            def move() -> Notice:
                _, changes = services.move_session(self._context.uow(), session.id, places)
                return changes, f"Moved {session.name}."

            return move

        self._push(f"Move {session.name}", move_by(steps), move_by(-steps))

    def _remove(self) -> None:
        session = self.current()
        if session is None:
            return
        laps = services.session_lap_count(self._context.uow(), session.id)
        if laps and not self._confirm(
            self,
            "Remove session",
            f"Remove {session.name} with its {laps} laps? Edit ▸ Undo brings them back.",
        ):
            return
        taken: list[services.SessionSnapshot] = []

        def remove() -> Notice:
            snapshot, changes = services.remove_session(self._context.uow(), session.id)
            taken[:] = [snapshot]
            return changes, f"Removed {session.name}."

        def restore() -> Notice:
            _, changes = services.restore_session(self._context.uow(), taken[0])
            return changes, f"Brought back {session.name}."

        self._push(f"Remove {session.name}", remove, restore)


def _sessions_named(changes: Changes) -> tuple[Session, ...]:
    rows = changes.sessions
    return rows.added + rows.changed + rows.removed
