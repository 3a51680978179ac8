"""Undoable entry-list edits: add (undo deletes), edit, withdraw or reinstate, substitute."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from domain import services
from domain.model import Entry, Substitution
from ui.commands import TracksideCommand
from ui.context import AppContext


class _EntryCommand(TracksideCommand):
    def __init__(self, context: AppContext, text: str, widget: QWidget | None) -> None:
        super().__init__(text, widget)
        self._context = context

    def _saved(self, message: str) -> None:
        self._context.announce("entries", message)


class AddEntryCommand(_EntryCommand):
    """Add a car; undo deletes it (it has no laps yet) and redo puts the same entry back."""

    def __init__(self, context: AppContext, fields: dict, widget: QWidget | None = None) -> None:
        super().__init__(context, f"Add No. {fields['car_text'].strip()}", widget)
        self._fields = fields
        self.entry: Entry | None = None

    def do(self) -> None:
        uow = self._context.uow()
        if self.entry is None:
            assert self._context.event is not None
            self.entry = services.add_entry(uow, self._context.event.id, **self._fields)
            self._saved(f"Saved: No. {self.entry.car_number} added to the entry list")
        else:
            services.restore_entry(uow, self.entry, why="Redo of adding the car")
            self._saved(f"Saved: No. {self.entry.car_number} back on the entry list")

    def undo_do(self) -> None:
        assert self.entry is not None
        services.delete_entry(self._context.uow(), self.entry.id, why="Undo of adding the car")
        self._saved(f"Saved: No. {self.entry.car_number} taken off the entry list (undo)")


class EditEntryCommand(_EntryCommand):
    """Save changed fields of an entry; undo writes the old entry back."""

    def __init__(
        self, context: AppContext, old: Entry, new: Entry, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Edit No. {old.car_number}", widget)
        self._old, self._new = old, new

    def do(self) -> None:
        saved = services.edit_entry(self._context.uow(), self._new)
        self._saved(f"Saved changes to No. {saved.car_number}")

    def undo_do(self) -> None:
        services.edit_entry(self._context.uow(), self._old, why="Undo")
        self._saved(f"Undid changes to No. {self._old.car_number}")


class WithdrawEntryCommand(_EntryCommand):
    """Withdraw a car (or reinstate a withdrawn one); undo does the opposite."""

    def __init__(self, context: AppContext, entry: Entry, widget: QWidget | None = None) -> None:
        verb = "Reinstate" if entry.withdrawn else "Withdraw"
        super().__init__(context, f"{verb} No. {entry.car_number}", widget)
        self._entry = entry

    def _set(self, withdrawn: bool, why: str) -> None:
        action = services.withdraw_entry if withdrawn else services.reinstate_entry
        action(self._context.uow(), self._entry.id, why=why)
        state = "withdrawn" if withdrawn else "back on the entry list"
        self._saved(f"Saved: No. {self._entry.car_number} {state}")

    def do(self) -> None:
        self._set(not self._entry.withdrawn, "")

    def undo_do(self) -> None:
        self._set(self._entry.withdrawn, "Undo")


class SubstituteDriverCommand(_EntryCommand):
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

    def do(self) -> None:
        self.substitution = services.substitute_driver(
            self._context.uow(),
            self._entry.id,
            self._name,
            from_session_order=self._order,
            reason=self._reason,
        )
        self._saved(f"Saved: {self._name.strip()} drives No. {self._entry.car_number}")

    def undo_do(self) -> None:
        assert self.substitution is not None
        services.remove_substitution(self._context.uow(), self.substitution, why="Undo")
        self._saved(f"Undid the substitution in No. {self._entry.car_number}")


def edited_entry(entry: Entry, fields: dict, driver_id) -> Entry:
    """The entry with the form's values (the domain validates them on save)."""
    return replace(
        entry,
        car_number=fields["car_text"],
        driver_id=driver_id,
        team=fields["team"],
        owner=fields["owner"],
        make=fields["make"],
        guaranteed=fields["guaranteed"],
        oep=fields["oep"],
        points_eligible=fields["points_eligible"],
    )
