"""Undoable lap edits: log, correct, delete, flag and note. Each commits through a use case."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from PySide6.QtWidgets import QWidget

from domain.changes import Changes, changed
from domain.errors import ConcurrentEditError
from domain.laptime import format_lap_time
from domain.model import Lap, LapFlag
from domain.ports import UnitOfWork
from domain.services import laps
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext
from ui.dialogs import conflict_dialog


def _describe(lap: Lap) -> str:
    return f"No. {lap.car_number} {format_lap_time(lap.lap_ms)}"


class LogLapCommand(TracksideCommand):
    """Log a lap; undo deletes it, redo restores the very same lap (same id and time)."""

    def __init__(
        self,
        context: AppContext,
        session_id: UUID,
        car: str,
        time: str,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Log lap No. {car.strip()}", widget)
        self._session_id, self._car, self._time = session_id, car, time
        self.lap: Lap | None = None

    def do(self) -> Notice:
        team = self._context.team
        if self.lap is None and team is not None:  # the server, or the outbox while it is away
            self.lap, changes = team.log_lap(self._session_id, self._car, self._time)
        elif self.lap is None:
            self.lap, changes = laps.log_lap(
                self._context.uow(), self._session_id, self._car, self._time
            )
        elif team is not None:  # redo: the server, or the outbox while it is away
            _, changes = team.restore_lap(self.lap)
        else:
            _, changes = laps.restore_lap(self._context.uow(), self.lap)
        return changes, f"Saved lap {_describe(self.lap)}"

    def undo_do(self) -> Notice:
        assert self.lap is not None, "undo runs after do"
        team = self._context.team
        if team is not None:  # a lap still in the outbox is taken out of it, never sent
            _, changes = team.delete_lap(self.lap)
        else:
            _, changes = laps.delete_lap(self._context.uow(), self.lap.id)
        return changes, f"Removed lap {_describe(self.lap)}"


# One use case call that edits the lap and commits, given the version the edit is based on.
LapChange = Callable[[UnitOfWork, int], tuple[Lap, Changes]]


class ChangeLapCommand(TracksideCommand):
    """Correct a time, flag a lap or note it; undo is the same use case with the old value.

    Each run names the version of the lap it was made against; if another laptop changed the
    lap since, the user keeps theirs (nothing is saved, the lap shows their value) or applies
    this edit over it (ui/dialogs/conflict_dialog.py).
    """

    def __init__(
        self,
        context: AppContext,
        text: str,
        change: LapChange,
        revert: LapChange,
        widget: QWidget | None = None,
        *,
        seen_version: int = 1,
    ) -> None:
        super().__init__(context, text, widget)
        self._change, self._revert = change, revert
        self._seen = seen_version

    def do(self) -> Notice:
        return self._run(self._change, f"Saved: {self.text()}")

    def undo_do(self) -> Notice:
        return self._run(self._revert, f"Undone: {self.text()}")

    def _run(self, call: LapChange, message: str) -> Notice:
        try:
            lap, changes = call(self._context.uow(), self._seen)
        except ConcurrentEditError as clash:
            theirs = clash.current
            if not isinstance(theirs, Lap):
                raise
            if not conflict_dialog.ask_apply_yours(self._widget, str(clash)):
                self.setObsolete(True)  # nothing of ours was saved: nothing to undo
                return Changes(laps=changed(theirs)), f"Kept the other laptop's {_describe(theirs)}"
            lap, changes = call(self._context.uow(), theirs.version)
        self._seen = lap.version
        return changes, message


def edit_time_command(
    context: AppContext, lap: Lap, time_text: str, widget: QWidget | None = None
) -> ChangeLapCommand:
    old_time = format_lap_time(lap.lap_ms)  # milliseconds, so it reads back exactly
    return ChangeLapCommand(
        context,
        f"correct lap {_describe(lap)} to {time_text.strip()}",
        lambda uow, seen: laps.edit_lap(uow, lap.id, time_text, seen_version=seen),
        lambda uow, seen: laps.edit_lap(uow, lap.id, old_time, seen_version=seen),
        widget,
        seen_version=lap.version,
    )


def flag_command(
    context: AppContext, lap: Lap, flag: LapFlag | None, widget: QWidget | None = None
) -> ChangeLapCommand:
    what = f"flag lap {_describe(lap)} {flag.value}" if flag else f"clear flag {_describe(lap)}"
    return ChangeLapCommand(
        context,
        what,
        lambda uow, seen: laps.flag_lap(uow, lap.id, flag, seen_version=seen),
        lambda uow, seen: laps.flag_lap(uow, lap.id, lap.flag, seen_version=seen),
        widget,
        seen_version=lap.version,
    )


def note_command(
    context: AppContext, lap: Lap, note: str, widget: QWidget | None = None
) -> ChangeLapCommand:
    return ChangeLapCommand(
        context,
        f"note on lap {_describe(lap)}",
        lambda uow, seen: laps.set_lap_note(uow, lap.id, note, seen_version=seen),
        lambda uow, seen: laps.set_lap_note(uow, lap.id, lap.note, seen_version=seen),
        widget,
        seen_version=lap.version,
    )


class DeleteLapCommand(TracksideCommand):
    """Delete a lap; undo restores it exactly (same id, flag, note and place)."""

    def __init__(self, context: AppContext, lap: Lap, widget: QWidget | None = None) -> None:
        super().__init__(context, f"Delete lap {_describe(lap)}", widget)
        self._lap = lap

    def do(self) -> Notice:
        try:
            _, changes = laps.delete_lap(
                self._context.uow(), self._lap.id, seen_version=self._lap.version
            )
        except ConcurrentEditError as clash:
            theirs = clash.current
            if not isinstance(theirs, Lap):
                raise
            if not conflict_dialog.ask_apply_yours(self._widget, str(clash)):
                self.setObsolete(True)  # nothing was deleted: nothing to undo
                return Changes(laps=changed(theirs)), f"Kept the other laptop's {_describe(theirs)}"
            self._lap = theirs  # undo puts back the lap as it was when it went
            _, changes = laps.delete_lap(
                self._context.uow(), theirs.id, seen_version=theirs.version
            )
        return changes, f"Deleted lap {_describe(self._lap)}"

    def undo_do(self) -> Notice:
        _, changes = laps.restore_lap(self._context.uow(), self._lap)
        return changes, f"Restored lap {_describe(self._lap)}"
