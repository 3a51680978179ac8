"""Undoable entry-list edits: add (undo deletes), edit, withdraw or reinstate, substitute."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from domain import services
from domain.model import Driver, Entry, Substitution
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext


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
        _, changes = services.delete_entry(
            self._context.uow(), self.entry.id, why="Undo of adding the car"
        )
        return changes, f"Saved: No. {self.entry.car_number} taken off the entry list (undo)"


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
        self._saved: Entry | None = None
        self._added_drivers: tuple[Driver, ...] = ()

    def do(self) -> Notice:
        self._saved, changes = services.edit_entry(
            self._context.uow(),
            self._new,
            driver_name=self._driver_name,
            ruleset=self._context.ruleset,
        )
        self._added_drivers = changes.drivers.added
        return changes, f"Saved changes to No. {self._saved.car_number}"

    def undo_do(self) -> Notice:
        assert self._saved is not None, "undo runs after do"
        _, changes = services.undo_entry_edit(
            self._context.uow(), self._saved, self._old, added_drivers=self._added_drivers
        )
        return changes, f"Undid changes to No. {self._old.car_number}"


class WithdrawEntryCommand(TracksideCommand):
    """Withdraw a car (or reinstate a withdrawn one); undo does the opposite."""

    def __init__(self, context: AppContext, entry: Entry, widget: QWidget | None = None) -> None:
        verb = "Reinstate" if entry.withdrawn else "Withdraw"
        super().__init__(context, f"{verb} No. {entry.car_number}", widget)
        self._entry = entry

    def _set(self, withdrawn: bool, why: str) -> Notice:
        if withdrawn:
            _, changes = services.withdraw_entry(self._context.uow(), self._entry.id, why=why)
        else:
            _, changes = services.reinstate_entry(
                self._context.uow(), self._entry.id, why=why, ruleset=self._context.ruleset
            )
        state = "withdrawn" if withdrawn else "back on the entry list"
        return changes, f"Saved: No. {self._entry.car_number} {state}"

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
