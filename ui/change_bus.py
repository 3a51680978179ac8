"""The one road a change notice travels in the app: a use case's `Changes`, to every view.

A command (or its undo, or its redo) hands the notice its use case returned to `announce`;
every view that shows facts connects to `changed` and updates the rows the notice names, or
reads its data again when the notice touches what it shows. A notice from an import, a
followed feed or the team server comes down the same road. `Changes.origin` is the view that
asked, so that view may skip its own echo or follow its own edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from domain.changes import Changes


class ChangeBus(QObject):
    """One `changed(Changes)` signal; empty notices are not sent."""

    changed = Signal(object)  # a domain.changes.Changes

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
