"""Undoable waiver edits: request, grant or deny, and mark an absence NASCAR-approved (2026).

Each run names the waiver as this command last saw it; if another laptop changed it since, the
user keeps theirs or applies this edit over it (ui/stale_edits.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from PySide6.QtWidgets import QWidget

from domain import services
from domain.changes import Changes
from domain.model import Event, Waiver, WaiverReason, WaiverStatus
from domain.services import penalties
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext
from ui.stale_edits import Outcome, edit_as_seen


def _chosen_event(context: AppContext) -> Event:
    assert context.event is not None, "the playoffs tab edits the chosen weekend's season"
    return context.event


def _kept(command: TracksideCommand, outcome: Outcome[Waiver, Any], label: str) -> Notice:
    """The user kept the other laptop's waiver: nothing of this command's was saved."""
    command.setObsolete(True)
    return outcome.changes, f"Kept the other laptop's change to {label}'s waiver."


class RequestWaiverCommand(TracksideCommand):
    """Ask for a waiver; undo withdraws the request, redo files the same request again."""

    def __init__(
        self,
        context: AppContext,
        driver_id: UUID,
        reason: WaiverReason,
        note: str,
        driver_label: str,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Request waiver for {driver_label}", widget)
        self._driver_id, self._reason, self._note = driver_id, reason, note
        self._label = driver_label
        self._waiver: Waiver | None = None

    def do(self) -> Notice:
        event = _chosen_event(self._context)
        self._waiver, changes = penalties.request_waiver(
            self._context.uow(),
            event.series,
            event.season,
            self._driver_id,
            self._reason,
            note=self._note,
        )
        return changes, f"Waiver requested for {self._label}."

    def undo_do(self) -> Notice:
        assert self._waiver is not None, "undo runs after do"
        outcome = edit_as_seen(
            self._widget,
            self._waiver,
            lambda seen: penalties.restore_waiver(self._context.uow(), seen, None, why="undo"),
        )
        if outcome.kept_theirs:
            return _kept(self, outcome, self._label)
        return outcome.changes, f"Waiver request for {self._label} withdrawn."


# One use case that edits a waiver, given the copy the edit is made against.
WaiverEdit = Callable[[Waiver], tuple[Waiver, Changes]]


class _WaiverEditCommand(TracksideCommand):
    """An edit of one field of a waiver; undo puts the field back as it was."""

    def __init__(
        self, context: AppContext, text: str, waiver: Waiver, label: str, widget: QWidget | None
    ) -> None:
        super().__init__(context, text, widget)
        self._before = waiver  # what undo puts back: the waiver this edit went onto
        self._current = waiver  # the waiver as this command last left it (version included)
        self._label = label

    def _edit(self, edit: WaiverEdit, message: str) -> Notice:
        outcome = edit_as_seen(self._widget, self._current, edit)
        if outcome.saved is None:
            return _kept(self, outcome, self._label)
        self._before, self._current = outcome.base, outcome.saved
        return outcome.changes, message

    def _put_back(self, message: str) -> Notice:
        saved = self._current

        def put_back(base: Waiver) -> tuple[Waiver, Changes]:
            earlier = services.reapplied(saved, self._before, base)
            back, changes = penalties.restore_waiver(self._context.uow(), base, earlier, why="undo")
            assert back is not None, "an edit's undo restores a waiver, never removes it"
            return back, changes

        outcome = edit_as_seen(self._widget, saved, put_back)
        if outcome.saved is None:
            return _kept(self, outcome, self._label)
        self._current = outcome.saved
        return outcome.changes, message


class DecideWaiverCommand(_WaiverEditCommand):
    """Grant or deny a waiver; undo puts its earlier status back."""

    def __init__(
        self,
        context: AppContext,
        waiver: Waiver,
        status: WaiverStatus,
        driver_label: str,
        widget: QWidget | None = None,
    ) -> None:
        verb = "Grant" if status == WaiverStatus.GRANTED else "Deny"
        super().__init__(context, f"{verb} waiver for {driver_label}", waiver, driver_label, widget)
        self._status = status

    def do(self) -> Notice:
        decide = (
            penalties.grant_waiver
            if self._status == WaiverStatus.GRANTED
            else penalties.deny_waiver
        )
        return self._edit(
            lambda seen: decide(self._context.uow(), seen),
            f"Waiver for {self._label} {self._status.value}.",
        )

    def undo_do(self) -> Notice:
        status = self._before.status.value
        return self._put_back(f"Waiver for {self._label} is {status} again.")


class ApproveAbsenceCommand(_WaiverEditCommand):
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
        text = f"{verb} {driver_label}'s absence approved"
        super().__init__(context, text, waiver, driver_label, widget)
        self._approved = approved

    def do(self) -> Notice:
        state = "NASCAR-approved" if self._approved else "not NASCAR-approved"
        return self._edit(
            lambda seen: services.set_waiver_approved(self._context.uow(), seen, self._approved),
            f"{self._label}'s absence marked {state}.",
        )

    def undo_do(self) -> Notice:
        return self._put_back(f"{self._label}'s absence mark put back.")
