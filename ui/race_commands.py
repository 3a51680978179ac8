"""Undoable edits of results, penalties and waivers: each calls one use case per run."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtWidgets import QWidget

from domain.model import Event, Penalty, RaceResult, Waiver, WaiverReason, WaiverStatus
from domain.services import penalties, results
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext


def _chosen_event(context: AppContext) -> Event:
    assert context.event is not None, "the race and playoffs tabs edit the chosen weekend"
    return context.event


class EnterResultCommand(TracksideCommand):
    """Enter a new result; undo deletes it, redo puts the same result back."""

    def __init__(
        self, context: AppContext, fields: dict[str, Any], widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Enter result No. {fields['car_text']}", widget)
        self._fields = fields
        self._result: RaceResult | None = None

    def do(self) -> Notice:
        uow = self._context.uow()
        if self._result is None:
            event_id = _chosen_event(self._context).id
            self._result, changes = results.enter_result(
                uow, event_id, ruleset=self._context.ruleset, **self._fields
            )
        else:
            _, changes = results.restore_result(uow, self._result, why="redo")
        return changes, f"Saved P{self._result.finish}: No. {self._result.car_number}."

    def undo_do(self) -> Notice:
        assert self._result is not None, "undo runs after do"
        _, changes = results.delete_result(self._context.uow(), self._result.id, why="undo")
        return changes, f"Removed the result of No. {self._result.car_number}."


class CorrectResultCommand(TracksideCommand):
    def __init__(
        self, context: AppContext, old: RaceResult, new: RaceResult, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Correct result No. {old.car_number}", widget)
        self._old, self._new = old, new

    def do(self) -> Notice:
        self._new, changes = results.correct_result(self._context.uow(), self._new)
        return changes, f"Corrected the result of No. {self._new.car_number}."

    def undo_do(self) -> Notice:
        _, changes = results.correct_result(self._context.uow(), self._old, why="undo")
        return changes, f"Restored the result of No. {self._old.car_number}."


class DeleteResultCommand(TracksideCommand):
    def __init__(
        self, context: AppContext, result: RaceResult, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Delete result No. {result.car_number}", widget)
        self._result = result

    def do(self) -> Notice:
        _, changes = results.delete_result(self._context.uow(), self._result.id)
        return changes, f"Deleted the result of No. {self._result.car_number}."

    def undo_do(self) -> Notice:
        _, changes = results.restore_result(self._context.uow(), self._result, why="undo")
        return changes, f"Restored the result of No. {self._result.car_number}."


class SetOfficialCommand(TracksideCommand):
    """Make the race official or provisional; undo restores each result's own flag."""

    def __init__(
        self,
        context: AppContext,
        before: list[RaceResult],
        official: bool,
        widget: QWidget | None = None,
    ) -> None:
        word = "official" if official else "provisional"
        super().__init__(context, f"Make results {word}", widget)
        self._before, self._official = before, official

    def do(self) -> Notice:
        event_id = _chosen_event(self._context).id
        _, changes = results.set_results_official(self._context.uow(), event_id, self._official)
        word = "official" if self._official else "provisional"
        return changes, f"The results are now {word}."

    def undo_do(self) -> Notice:
        _, changes = results.restore_official_flags(self._context.uow(), self._before, why="undo")
        return changes, "The results' official flags are as they were."


class AddPenaltyCommand(TracksideCommand):
    """Apply a penalty; undo rescinds it, redo applies the same penalty again."""

    def __init__(
        self,
        context: AppContext,
        car_text: str,
        amounts: dict[str, Any],
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Penalise No. {car_text}", widget)
        self._car_text, self._amounts = car_text, amounts
        self._penalty: Penalty | None = None

    def do(self) -> Notice:
        uow = self._context.uow()
        if self._penalty is None:
            event_id = _chosen_event(self._context).id
            self._penalty, changes = penalties.add_penalty(
                uow, event_id, self._car_text, **self._amounts
            )
        else:
            _, changes = penalties.restore_penalty(uow, self._penalty, why="redo")
        return changes, f"Penalty saved for No. {self._penalty.car_number}."

    def undo_do(self) -> Notice:
        assert self._penalty is not None, "undo runs after do"
        _, changes = penalties.remove_penalty(self._context.uow(), self._penalty, why="undo")
        return changes, f"Penalty of No. {self._penalty.car_number} taken back."


class RemovePenaltyCommand(TracksideCommand):
    def __init__(
        self, context: AppContext, penalty: Penalty, why: str, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Rescind penalty No. {penalty.car_number}", widget)
        self._penalty, self._why = penalty, why

    def do(self) -> Notice:
        _, changes = penalties.remove_penalty(self._context.uow(), self._penalty, why=self._why)
        return changes, f"Penalty of No. {self._penalty.car_number} rescinded."

    def undo_do(self) -> Notice:
        _, changes = penalties.restore_penalty(self._context.uow(), self._penalty, why="undo")
        return changes, f"Penalty of No. {self._penalty.car_number} restored."


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
        _, changes = penalties.restore_waiver(self._context.uow(), self._waiver, None, why="undo")
        return changes, f"Waiver request for {self._label} withdrawn."


class DecideWaiverCommand(TracksideCommand):
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
        super().__init__(context, f"{verb} waiver for {driver_label}", widget)
        self._before, self._status, self._label = waiver, status, driver_label
        self._after: Waiver | None = None

    def do(self) -> Notice:
        decide = (
            penalties.grant_waiver
            if self._status == WaiverStatus.GRANTED
            else penalties.deny_waiver
        )
        self._after, changes = decide(self._context.uow(), self._before)
        return changes, f"Waiver for {self._label} {self._status.value}."

    def undo_do(self) -> Notice:
        assert self._after is not None, "undo runs after do"
        _, changes = penalties.restore_waiver(
            self._context.uow(), self._after, self._before, why="undo"
        )
        return changes, f"Waiver for {self._label} is {self._before.status.value} again."
