"""Undoable lap edits: log, correct, delete, flag and note. Each commits through a use case."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from PySide6.QtWidgets import QWidget

from domain.changes import Changes
from domain.laptime import format_lap_time
from domain.model import Lap, LapFlag
from domain.ports import UnitOfWork
from domain.services import laps
from ui.commands import Notice, TracksideCommand
from ui.context import AppContext


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
        if self.lap is None:
            self.lap, changes = laps.log_lap(
                self._context.uow(), self._session_id, self._car, self._time
            )
        else:
            _, changes = laps.restore_lap(self._context.uow(), self.lap)
        return changes, f"Saved lap {_describe(self.lap)}"

    def undo_do(self) -> Notice:
        assert self.lap is not None, "undo runs after do"
        _, changes = laps.delete_lap(self._context.uow(), self.lap.id)
        return changes, f"Removed lap {_describe(self.lap)}"


LapChange = Callable[[UnitOfWork], tuple[Lap, Changes]]  # one use case call that edits the lap


class ChangeLapCommand(TracksideCommand):
    """Correct a time, flag a lap or note it; undo is the same use case with the old value."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        change: LapChange,
        revert: LapChange,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, text, widget)
        self._change, self._revert = change, revert

    def do(self) -> Notice:
        _, changes = self._change(self._context.uow())
        return changes, f"Saved: {self.text()}"

    def undo_do(self) -> Notice:
        _, changes = self._revert(self._context.uow())
        return changes, f"Undone: {self.text()}"


def edit_time_command(
    context: AppContext, lap: Lap, time_text: str, widget: QWidget | None = None
) -> ChangeLapCommand:
    old_time = format_lap_time(lap.lap_ms)  # milliseconds, so it reads back exactly
    return ChangeLapCommand(
        context,
        f"correct lap {_describe(lap)} to {time_text.strip()}",
        lambda uow: laps.edit_lap(uow, lap.id, time_text),
        lambda uow: laps.edit_lap(uow, lap.id, old_time),
        widget,
    )


def flag_command(
    context: AppContext, lap: Lap, flag: LapFlag | None, widget: QWidget | None = None
) -> ChangeLapCommand:
    what = f"flag lap {_describe(lap)} {flag.value}" if flag else f"clear flag {_describe(lap)}"
    return ChangeLapCommand(
        context,
        what,
        lambda uow: laps.flag_lap(uow, lap.id, flag),
        lambda uow: laps.flag_lap(uow, lap.id, lap.flag),
        widget,
    )


def note_command(
    context: AppContext, lap: Lap, note: str, widget: QWidget | None = None
) -> ChangeLapCommand:
    return ChangeLapCommand(
        context,
        f"note on lap {_describe(lap)}",
        lambda uow: laps.set_lap_note(uow, lap.id, note),
        lambda uow: laps.set_lap_note(uow, lap.id, lap.note),
        widget,
    )


class DeleteLapCommand(TracksideCommand):
    """Delete a lap; undo restores it exactly (same id, flag, note and place)."""

    def __init__(self, context: AppContext, lap: Lap, widget: QWidget | None = None) -> None:
        super().__init__(context, f"Delete lap {_describe(lap)}", widget)
        self._lap = lap

    def do(self) -> Notice:
        _, changes = laps.delete_lap(self._context.uow(), self._lap.id)
        return changes, f"Deleted lap {_describe(self._lap)}"

    def undo_do(self) -> Notice:
        _, changes = laps.restore_lap(self._context.uow(), self._lap)
        return changes, f"Restored lap {_describe(self._lap)}"
