"""Undoable edits of results and penalties: each calls one use case per run (waivers:
ui/waiver_commands.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from domain import services
from domain.changes import Changes
from domain.model import Event, Penalty, RaceResult
from domain.services import penalties, results
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext
from ui.stale_edits import Outcome, edit_as_seen


def _kept(command: TracksideCommand, outcome: Outcome[RaceResult, Any]) -> Notice:
    """The user kept the other laptop's result: nothing of this command's was saved."""
    command.setObsolete(True)
    car = outcome.base.car_number
    return outcome.changes, f"Kept the other laptop's change to No. {car}'s result."


def _kept_penalty(command: TracksideCommand, outcome: Outcome[Penalty, Any]) -> Notice:
    command.setObsolete(True)
    car = outcome.base.car_number
    return outcome.changes, f"Kept the other laptop's change to No. {car}'s penalty."


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
        outcome = edit_as_seen(
            self._widget,
            self._result,
            lambda seen: results.delete_result(self._context.uow(), seen.id, why="undo", seen=seen),
        )
        if outcome.saved is None:
            return _kept(self, outcome)
        self._result = outcome.saved  # redo puts back the result as it was when it went
        return outcome.changes, f"Removed the result of No. {self._result.car_number}."


class CorrectResultCommand(TracksideCommand):
    def __init__(
        self, context: AppContext, old: RaceResult, new: RaceResult, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Correct result No. {old.car_number}", widget)
        self._old, self._new = old, new
        self._before = old  # what undo puts back: the result this correction went onto
        self._current = old  # the result as this command last left it (its version included)

    def do(self) -> Notice:
        def save(base: RaceResult) -> tuple[RaceResult, Changes]:
            mine = services.reapplied(self._old, self._new, base)  # only the fields changed
            return results.correct_result(self._context.uow(), mine, seen=base)

        outcome = edit_as_seen(self._widget, self._current, save)
        if outcome.saved is None:
            return _kept(self, outcome)
        self._before, self._current = outcome.base, outcome.saved
        return outcome.changes, f"Corrected the result of No. {self._current.car_number}."

    def undo_do(self) -> Notice:
        saved = self._current

        def put_back(base: RaceResult) -> tuple[RaceResult, Changes]:
            earlier = services.reapplied(saved, self._before, base)
            return results.correct_result(self._context.uow(), earlier, why="undo", seen=base)

        outcome = edit_as_seen(self._widget, saved, put_back)
        if outcome.saved is None:
            return _kept(self, outcome)
        self._current = outcome.saved
        return outcome.changes, f"Restored the result of No. {self._old.car_number}."


class DeleteResultCommand(TracksideCommand):
    def __init__(
        self, context: AppContext, result: RaceResult, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Delete result No. {result.car_number}", widget)
        self._result = result

    def do(self) -> Notice:
        outcome = edit_as_seen(
            self._widget,
            self._result,
            lambda seen: results.delete_result(self._context.uow(), seen.id, seen=seen),
        )
        if outcome.saved is None:
            return _kept(self, outcome)
        self._result = outcome.saved  # undo puts back the result as it was when it went
        return outcome.changes, f"Deleted the result of No. {self._result.car_number}."

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
        outcome = _rescind(self._context, self._widget, self._penalty, "undo")
        if outcome.saved is None:
            return _kept_penalty(self, outcome)
        self._penalty = outcome.saved
        return outcome.changes, f"Penalty of No. {self._penalty.car_number} taken back."


class RemovePenaltyCommand(TracksideCommand):
    def __init__(
        self, context: AppContext, penalty: Penalty, why: str, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Rescind penalty No. {penalty.car_number}", widget)
        self._penalty, self._why = penalty, why

    def do(self) -> Notice:
        outcome = _rescind(self._context, self._widget, self._penalty, self._why)
        if outcome.saved is None:
            return _kept_penalty(self, outcome)
        self._penalty = outcome.saved  # undo restores the penalty as it was when it went
        return outcome.changes, f"Penalty of No. {self._penalty.car_number} rescinded."

    def undo_do(self) -> Notice:
        _, changes = penalties.restore_penalty(self._context.uow(), self._penalty, why="undo")
        return changes, f"Penalty of No. {self._penalty.car_number} restored."


def _rescind(
    context: AppContext, widget: QWidget | None, penalty: Penalty, why: str
) -> Outcome[Penalty, Penalty]:
    """Rescind the penalty as the user saw it; asks first if another laptop changed it."""
    return edit_as_seen(
        widget, penalty, lambda seen: penalties.remove_penalty(context.uow(), seen, why=why)
    )
