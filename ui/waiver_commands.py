"""The undoable marking of an absence as NASCAR-approved (the 2026 Chase rule)."""

from __future__ import annotations

from domain import services
from domain.model import Waiver
from domain.services import penalties
from ui.context import AppContext
from ui.race_commands import _ContextCommand


class ApproveAbsenceCommand(_ContextCommand):
    """Mark a waiver's absence NASCAR-approved (or not); undo puts the earlier mark back."""

    kind = "waivers"

    def __init__(
        self,
        context: AppContext,
        waiver: Waiver,
        approved: bool,
        driver_label: str,
        parent_widget=None,
    ):
        verb = "Mark" if approved else "Unmark"
        super().__init__(context, f"{verb} {driver_label}'s absence approved", parent_widget)
        self._before, self._approved, self._label = waiver, approved, driver_label
        self._after: Waiver | None = None

    def do(self) -> None:
        self._after, _ = services.set_waiver_approved(
            self._context.uow(), self._before, self._approved
        )
        state = "NASCAR-approved" if self._approved else "not NASCAR-approved"
        self._announce(f"{self._label}'s absence marked {state}.")

    def undo_do(self) -> None:
        penalties.restore_waiver(self._context.uow(), self._after, self._before, why="undo")
        self._announce(f"{self._label}'s absence mark put back.")
