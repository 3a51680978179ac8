"""Undoable edits of results, penalties and waivers: each calls one use case, then announces."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtWidgets import QWidget

from domain.model import Penalty, RaceResult, Waiver, WaiverReason, WaiverStatus
from domain.services import penalties, results
from ui.commands import TracksideCommand
from ui.context import AppContext


class _ContextCommand(TracksideCommand):
    """A command that works on the context's storage and tells the tabs what changed."""

    kind = "results"

    def __init__(self, context: AppContext, text: str, parent_widget: QWidget | None) -> None:
        super().__init__(text, parent_widget)
        self._context = context

    def _announce(self, message: str) -> None:
        self._context.announce(self.kind, message)


class EnterResultCommand(_ContextCommand):
    """Enter a new result; undo deletes it, redo puts the same result back."""

    def __init__(self, context: AppContext, fields: dict, parent_widget=None) -> None:
        super().__init__(context, f"Enter result No. {fields['car_text']}", parent_widget)
        self._fields = fields
        self._result: RaceResult | None = None

    def do(self) -> None:
        if self._result is None:
            event_id: UUID = self._context.event.id
            self._result = results.enter_result(
                self._context.uow(), event_id, ruleset=self._context.ruleset, **self._fields
            )
        else:
            results.restore_result(self._context.uow(), self._result, why="redo")
        self._announce(f"Saved P{self._result.finish}: No. {self._result.car_number}.")

    def undo_do(self) -> None:
        results.delete_result(self._context.uow(), self._result.id, why="undo")
        self._announce(f"Removed the result of No. {self._result.car_number}.")


class CorrectResultCommand(_ContextCommand):
    def __init__(self, context: AppContext, old: RaceResult, new: RaceResult, parent_widget=None):
        super().__init__(context, f"Correct result No. {old.car_number}", parent_widget)
        self._old, self._new = old, new

    def do(self) -> None:
        self._new = results.correct_result(self._context.uow(), self._new)
        self._announce(f"Corrected the result of No. {self._new.car_number}.")

    def undo_do(self) -> None:
        results.correct_result(self._context.uow(), self._old, why="undo")
        self._announce(f"Restored the result of No. {self._old.car_number}.")


class DeleteResultCommand(_ContextCommand):
    def __init__(self, context: AppContext, result: RaceResult, parent_widget=None) -> None:
        super().__init__(context, f"Delete result No. {result.car_number}", parent_widget)
        self._result = result

    def do(self) -> None:
        results.delete_result(self._context.uow(), self._result.id)
        self._announce(f"Deleted the result of No. {self._result.car_number}.")

    def undo_do(self) -> None:
        results.restore_result(self._context.uow(), self._result, why="undo")
        self._announce(f"Restored the result of No. {self._result.car_number}.")


class SetOfficialCommand(_ContextCommand):
    """Make the race official or provisional; undo restores each result's own flag."""

    def __init__(
        self, context: AppContext, before: list[RaceResult], official: bool, parent_widget=None
    ):
        word = "official" if official else "provisional"
        super().__init__(context, f"Make results {word}", parent_widget)
        self._before, self._official = before, official

    def do(self) -> None:
        event_id = self._context.event.id
        results.set_results_official(self._context.uow(), event_id, self._official)
        word = "official" if self._official else "provisional"
        self._announce(f"The results are now {word}.")

    def undo_do(self) -> None:
        for old in self._before:
            if old.official != self._official:
                results.correct_result(self._context.uow(), old, why="undo")
        self._announce("The results' official flags are as they were.")


class AddPenaltyCommand(_ContextCommand):
    """Apply a penalty; undo rescinds it, redo applies the same penalty again."""

    kind = "penalties"

    def __init__(self, context: AppContext, car_text: str, amounts: dict, parent_widget=None):
        super().__init__(context, f"Penalise No. {car_text}", parent_widget)
        self._car_text, self._amounts = car_text, amounts
        self._penalty: Penalty | None = None

    def do(self) -> None:
        if self._penalty is None:
            event_id = self._context.event.id
            self._penalty = penalties.add_penalty(
                self._context.uow(), event_id, self._car_text, **self._amounts
            )
        else:
            penalties.restore_penalty(self._context.uow(), self._penalty, why="redo")
        self._announce(f"Penalty saved for No. {self._penalty.car_number}.")

    def undo_do(self) -> None:
        penalties.remove_penalty(self._context.uow(), self._penalty, why="undo")
        self._announce(f"Penalty of No. {self._penalty.car_number} taken back.")


class RemovePenaltyCommand(_ContextCommand):
    kind = "penalties"

    def __init__(self, context: AppContext, penalty: Penalty, why: str, parent_widget=None):
        super().__init__(context, f"Rescind penalty No. {penalty.car_number}", parent_widget)
        self._penalty, self._why = penalty, why

    def do(self) -> None:
        penalties.remove_penalty(self._context.uow(), self._penalty, why=self._why)
        self._announce(f"Penalty of No. {self._penalty.car_number} rescinded.")

    def undo_do(self) -> None:
        penalties.restore_penalty(self._context.uow(), self._penalty, why="undo")
        self._announce(f"Penalty of No. {self._penalty.car_number} restored.")


class RequestWaiverCommand(_ContextCommand):
    """Ask for a waiver; undo withdraws the request, redo files the same request again."""

    kind = "waivers"

    def __init__(
        self,
        context: AppContext,
        driver_id: UUID,
        reason: WaiverReason,
        note: str,
        driver_label: str,
        parent_widget=None,
    ):
        super().__init__(context, f"Request waiver for {driver_label}", parent_widget)
        self._driver_id, self._reason, self._note = driver_id, reason, note
        self._label = driver_label
        self._waiver: Waiver | None = None

    def do(self) -> None:
        event = self._context.event
        self._waiver = penalties.request_waiver(
            self._context.uow(),
            event.series,
            event.season,
            self._driver_id,
            self._reason,
            note=self._note,
        )
        self._announce(f"Waiver requested for {self._label}.")

    def undo_do(self) -> None:
        penalties.restore_waiver(self._context.uow(), self._waiver, None, why="undo")
        self._announce(f"Waiver request for {self._label} withdrawn.")


class DecideWaiverCommand(_ContextCommand):
    """Grant or deny a waiver; undo puts its earlier status back."""

    kind = "waivers"

    def __init__(
        self,
        context: AppContext,
        waiver: Waiver,
        status: WaiverStatus,
        driver_label: str,
        parent_widget=None,
    ):
        verb = "Grant" if status == WaiverStatus.GRANTED else "Deny"
        super().__init__(context, f"{verb} waiver for {driver_label}", parent_widget)
        self._before, self._status, self._label = waiver, status, driver_label
        self._after: Waiver | None = None

    def do(self) -> None:
        decide = (
            penalties.grant_waiver
            if self._status == WaiverStatus.GRANTED
            else penalties.deny_waiver
        )
        self._after = decide(self._context.uow(), self._before)
        self._announce(f"Waiver for {self._label} {self._status.value}.")

    def undo_do(self) -> None:
        penalties.restore_waiver(self._context.uow(), self._after, self._before, why="undo")
        self._announce(f"Waiver for {self._label} is {self._before.status.value} again.")
