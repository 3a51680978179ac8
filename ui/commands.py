"""Undo infrastructure: one idiom. A command runs its use case first, is pushed only when that
succeeded, and every run (first, undo, redo) announces its use case's notice on the bus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QLabel, QWidget

from domain.changes import Changes
from ui.context import AppContext
from ui.errors import run_guarded

Notice = tuple[Changes, str]  # what a use case changed, and the status line that says so


class TracksideCommand(QUndoCommand):
    """Base of every undoable edit.

    `QUndoStack.push()` calls `redo()` at once, and a `redo()` that raises still leaves the
    command on the stack (STYLE). So `push_command` runs the work in `apply()` first, pushes
    only on success, and the `redo()` that `push()` makes is skipped. Subclasses implement
    `do()` and `undo_do()`: each calls one use case (one transaction) and returns its notice.
    The first run's notice names `widget` as its origin; undo and redo name none, so every
    view, the one that asked included, takes them.
    """

    def __init__(self, context: AppContext, text: str, widget: QWidget | None = None) -> None:
        super().__init__(text)
        self._context = context
        self._widget = widget
        self._skip_next_redo = False

    def do(self) -> Notice:
        """Perform (or perform again) the edit; raise a DomainError/StorageError to refuse."""
        raise NotImplementedError(f"{type(self).__name__} must say what it does")

    def undo_do(self) -> Notice:
        """Take the edit back."""
        raise NotImplementedError(f"{type(self).__name__} must say how it is undone")

    def apply(self) -> None:
        """The first run, before the push; errors propagate to `run_guarded`."""
        changes, message = self.do()
        self._context.announce(changes.from_origin(self._widget), message)
        self._skip_next_redo = True

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_do)

    def _guarded(self, action: Callable[[], Notice]) -> None:
        # A failed undo/redo (e.g. the file went read-only) is shown, and the command is
        # dropped so the stack never claims a state the database does not have.
        def run() -> None:
            self._context.announce(*action())

        if not run_guarded(self._widget, self.text(), run):
            self.setObsolete(True)


class FunctionCommand(TracksideCommand):
    """A command built from two callables, for edits that need no state of their own."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        do: Callable[[], Notice],
        undo: Callable[[], Notice],
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, text, widget)
        self._do = do
        self._undo = undo

    def do(self) -> Notice:
        return self._do()

    def undo_do(self) -> Notice:
        return self._undo()


def push_command(
    context: AppContext, command: TracksideCommand, *, inline: QLabel | None = None
) -> bool:
    """Apply `command` once; push it only if that worked. A refusal shows in `inline` (its
    typed text stays) or as a message box. Returns whether it worked."""
    if run_guarded(command._widget, command.text(), command.apply, inline):
        context.undo_stack.push(command)
        return True
    return False
