"""Undo infrastructure: a command runs its work first and is pushed only when that succeeded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ui.errors import run_guarded


class TracksideCommand(QUndoCommand):
    """Base of every undoable edit.

    `QUndoStack.push()` calls `redo()` at once, and a `redo()` that raises still leaves the
    command on the stack (STYLE). So the work runs in `apply()` under `run_guarded` first, the
    command is pushed only on success, and the `redo()` that `push()` makes is skipped.
    Subclasses implement `do()` and `undo_do()`; both go through a unit of work that commits.
    """

    def __init__(self, text: str, parent_widget: QWidget | None = None) -> None:
        super().__init__(text)
        self._parent_widget = parent_widget
        self._skip_next_redo = False

    def do(self) -> None:
        """Perform (or perform again) the edit; raise a DomainError/StorageError to refuse."""
        raise NotImplementedError

    def undo_do(self) -> None:
        """Take the edit back."""
        raise NotImplementedError

    def apply(self) -> None:
        """The first run, before the push; errors propagate to `run_guarded`."""
        self.do()
        self._skip_next_redo = True

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_do)

    def _guarded(self, action: Callable[[], None]) -> None:
        # A failed undo/redo (e.g. the file went read-only) is shown, and the command is
        # dropped so the stack never claims a state the database does not have.
        if not run_guarded(self._parent_widget, self.text(), action):
            self.setObsolete(True)


class FunctionCommand(TracksideCommand):
    """A command built from two callables, for edits that need no state of their own."""

    def __init__(
        self,
        text: str,
        do: Callable[[], None],
        undo: Callable[[], None],
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent_widget)
        self._do = do
        self._undo = undo

    def do(self) -> None:
        self._do()

    def undo_do(self) -> None:
        self._undo()


def push_guarded(stack: QUndoStack, command: TracksideCommand) -> bool:
    """Apply `command` once; push it only if that worked. Returns whether it worked."""
    if run_guarded(command._parent_widget, command.text(), command.apply):
        stack.push(command)
        return True
    return False
