"""Undoable entry-list edits: add (undo deletes), edit, withdraw or reinstate, substitute."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from domain import services
from domain.changes import Changes
from domain.model import Driver, Entry, Substitution
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext
from ui.stale_edits import Outcome, edit_as_seen


def _kept(command: TracksideCommand, outcome: Outcome[Entry, Entry]) -> Notice:
    """The user kept the other laptop's entry: nothing of this command's was saved."""
    command.setObsolete(True)
    return (
        outcome.changes,
        f"Kept the other laptop's change to No. {outcome.base.car_number}'s entry",
    )


class AddEntryCommand(TracksideCommand):
    """Add a car; undo deletes it (it has no laps yet) and redo puts the same entry back."""

    def __init__(
        self, context: AppContext, fields: dict[str, Any], widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Add No. {fields['car_text'].strip()}", widget)
        self._fields = fields
        self.entry: Entry | None = None

    def do(self) -> Notice:
        uow = self._context.uow()
        if self.entry is None:
            assert self._context.event is not None, "the tab adds cars to the chosen weekend"
            self.entry, changes = services.add_entry(
                uow, self._context.event.id, **self._fields, ruleset=self._context.ruleset
            )
            return changes, f"Saved: No. {self.entry.car_number} added to the entry list"
        _, changes = services.restore_entry(
            uow, self.entry, why="Redo of adding the car", ruleset=self._context.ruleset
        )
        return changes, f"Saved: No. {self.entry.car_number} back on the entry list"

    def undo_do(self) -> Notice:
        assert self.entry is not None, "undo runs after do"
        outcome = edit_as_seen(
            self._widget,
            self.entry,
            lambda seen: services.delete_entry(
                self._context.uow(), seen.id, why="Undo of adding the car", seen=seen
            ),
        )
        if outcome.saved is None:
            return _kept(self, outcome)
        self.entry = outcome.saved  # redo puts back the entry as it was when it went
        return (
            outcome.changes,
            f"Saved: No. {self.entry.car_number} taken off the entry list (undo)",
        )


class EditEntryCommand(TracksideCommand):
    """Save changed fields of an entry, its driver named by name (added if new, in the same
    transaction); undo writes the old entry back and drops a driver the edit added."""

    def __init__(
        self,
        context: AppContext,
        old: Entry,
        new: Entry,
        driver_name: str | None,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Edit No. {old.car_number}", widget)
        self._old, self._new, self._driver_name = old, new, driver_name
        self._before = old  # what undo puts back: the entry this edit went onto
        self._current = old  # the entry as this command last left it (its version included)
        self._added_drivers: tuple[Driver, ...] = ()

    def do(self) -> Notice:
        def save(base: Entry) -> tuple[Entry, Changes]:
            mine = services.reapplied(self._old, self._new, base)  # only the fields changed
            return services.edit_entry(
                self._context.uow(),
                mine,
                driver_name=self._driver_name,
                ruleset=self._context.ruleset,
                seen=base,
            )

        outcome = edit_as_seen(self._widget, self._current, save)
        if outcome.saved is None:
            return _kept(self, outcome)
        self._before, self._current = outcome.base, outcome.saved
        self._added_drivers = outcome.changes.drivers.added
        return outcome.changes, f"Saved changes to No. {self._current.car_number}"

    def undo_do(self) -> Notice:
        saved = self._current

        def put_back(base: Entry) -> tuple[Entry, Changes]:
            earlier = services.reapplied(saved, self._before, base)
            return services.undo_entry_edit(
                self._context.uow(), base, earlier, added_drivers=self._added_drivers
            )

        outcome = edit_as_seen(self._widget, saved, put_back)
        if outcome.saved is None:
            return _kept(self, outcome)
        self._current = outcome.saved
        return outcome.changes, f"Undid changes to No. {self._old.car_number}"


class WithdrawEntryCommand(TracksideCommand):
    """Withdraw a car (or reinstate a withdrawn one); undo does the opposite."""

    def __init__(self, context: AppContext, entry: Entry, widget: QWidget | None = None) -> None:
        verb = "Reinstate" if entry.withdrawn else "Withdraw"
        super().__init__(context, f"{verb} No. {entry.car_number}", widget)
        self._entry = entry
        self._current = entry  # as this command last left it (its version included)

    def _set(self, withdrawn: bool, why: str) -> Notice:
        def save(seen: Entry) -> tuple[Entry, Changes]:
            if withdrawn:
                return services.withdraw_entry(self._context.uow(), seen.id, why=why, seen=seen)
            return services.reinstate_entry(
                self._context.uow(), seen.id, why=why, ruleset=self._context.ruleset, seen=seen
            )

        outcome = edit_as_seen(self._widget, self._current, save)
        if outcome.saved is None:
            return _kept(self, outcome)
        self._current = outcome.saved
        state = "withdrawn" if withdrawn else "back on the entry list"
        return outcome.changes, f"Saved: No. {self._entry.car_number} {state}"

    def do(self) -> Notice:
        return self._set(not self._entry.withdrawn, "")

    def undo_do(self) -> Notice:
        return self._set(self._entry.withdrawn, "Undo")


class SubstituteDriverCommand(TracksideCommand):
    """Another driver takes the car from a session on; undo removes the substitution."""

    def __init__(
        self,
        context: AppContext,
        entry: Entry,
        driver_name: str,
        from_session_order: int,
        reason: str,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Substitute in No. {entry.car_number}", widget)
        self._entry, self._name = entry, driver_name
        self._order, self._reason = from_session_order, reason
        self.substitution: Substitution | None = None

    def do(self) -> Notice:
        self.substitution, changes = services.substitute_driver(
            self._context.uow(),
            self._entry.id,
            self._name,
            from_session_order=self._order,
            reason=self._reason,
            ruleset=self._context.ruleset,
        )
        return changes, f"Saved: {self._name.strip()} drives No. {self._entry.car_number}"

    def undo_do(self) -> Notice:
        assert self.substitution is not None, "undo runs after do"
        _, changes = services.remove_substitution(
            self._context.uow(), self.substitution, why="Undo"
        )
        return changes, f"Undid the substitution in No. {self._entry.car_number}"


class DriverEligibilityCommand(TracksideCommand):
    """Set a driver's date of birth (typed) and whether the driver is a Cup driver in a
    season; undo puts the old facts back."""

    def __init__(
        self,
        context: AppContext,
        old: Driver,
        birth_text: str,
        season: int,
        cup_driver: bool,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Eligibility of {old.label}", widget)
        self._old, self._birth_text = old, birth_text
        others = old.cup_seasons - {season}
        self._cup_seasons = others | {season} if cup_driver else others

    def _set(self, birth_date: date | None, cup_seasons: frozenset[int], why: str) -> Notice:
        saved, changes = services.set_driver_eligibility(
            self._context.uow(),
            self._old.id,
            birth_date=birth_date,
            cup_seasons=cup_seasons,
            why=why,
        )
        return changes, f"Saved {saved.label}'s date of birth and Cup seasons"

    def do(self) -> Notice:
        born = services.read_birth_date(self._birth_text)
        return self._set(born, self._cup_seasons, "")

    def undo_do(self) -> Notice:
        return self._set(self._old.birth_date, self._old.cup_seasons, "Undo")


def edited_entry(entry: Entry, fields: dict[str, Any]) -> Entry:
    """The entry with the form's values (the domain validates them on save)."""
    return replace(
        entry,
        car_number=fields["car_text"],
        team=fields["team"],
        owner=fields["owner"],
        make=fields["make"],
        guaranteed=fields["guaranteed"],
        oep=fields["oep"],
        points_eligible=fields["points_eligible"],
    )
