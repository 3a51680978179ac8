"""The undoable marking of an absence as NASCAR-approved (the 2026 Chase rule)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from domain import services
from domain.model import Waiver
from domain.services import penalties
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext


class ApproveAbsenceCommand(TracksideCommand):
    """Mark a waiver's absence NASCAR-approved (or not); undo puts the earlier mark back."""

    def __init__(
        self,
        context: AppContext,
        waiver: Waiver,
        approved: bool,
        driver_label: str,
        widget: QWidget | None = None,
    ) -> None:
        verb = "Mark" if approved else "Unmark"
        super().__init__(context, f"{verb} {driver_label}'s absence approved", widget)
        self._before, self._approved, self._label = waiver, approved, driver_label
        self._after: Waiver | None = None

    def do(self) -> Notice:
        self._after, changes = services.set_waiver_approved(
            self._context.uow(), self._before, self._approved
        )
        state = "NASCAR-approved" if self._approved else "not NASCAR-approved"
        return changes, f"{self._label}'s absence marked {state}."

    def undo_do(self) -> Notice:
        assert self._after is not None, "undo runs after do"
        _, changes = penalties.restore_waiver(
            self._context.uow(), self._after, self._before, why="undo"
        )
        return changes, f"{self._label}'s absence mark put back."
