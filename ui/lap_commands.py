"""Undoable lap edits: log, correct, delete, flag and note. Each commits through a use case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol
from uuid import UUID

from PySide6.QtWidgets import QWidget

from domain.laptime import format_lap_time
from domain.model import Lap, LapFlag
from domain.ports import UnitOfWork
from domain.services import laps
from ui.commands import TracksideCommand
from ui.context import AppContext


class LapView(Protocol):
    """What a tab showing laps does after a committed change; called after undo and redo too."""

    def lap_added(self, lap: Lap) -> None: ...
    def lap_changed(self, lap: Lap) -> None: ...
    def lap_removed(self, lap: Lap) -> None: ...


def _describe(lap: Lap) -> str:
    return f"No. {lap.car_number} {format_lap_time(lap.lap_ms)}"


class _LapCommand(TracksideCommand):
    def __init__(self, context: AppContext, view: LapView, text: str, widget: QWidget | None):
        super().__init__(text, widget)
        self._context = context
        self._view = view

    def _saved(self, message: str) -> None:
        self._context.announce("laps", message)


class LogLapCommand(_LapCommand):
    """Log a lap; undo deletes it, redo restores the very same lap (same id and time)."""

    def __init__(
        self,
        context: AppContext,
        view: LapView,
        session_id: UUID,
        car: str,
        time: str,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, view, f"Log lap No. {car.strip()}", widget)
        self._session_id, self._car, self._time = session_id, car, time
        self.lap: Lap | None = None

    def do(self) -> None:
        if self.lap is None:
            self.lap = laps.log_lap(self._context.uow(), self._session_id, self._car, self._time)
        else:
            laps.restore_lap(self._context.uow(), self.lap)
        self._view.lap_added(self.lap)
        self._saved(f"Saved lap {_describe(self.lap)}")

    def undo_do(self) -> None:
        assert self.lap is not None
        laps.delete_lap(self._context.uow(), self.lap.id)
        self._view.lap_removed(self.lap)
        self._saved(f"Removed lap {_describe(self.lap)}")


LapChange = Callable[[UnitOfWork], Lap]  # one use case call that edits the lap and commits


class ChangeLapCommand(_LapCommand):
    """Correct a time, flag a lap or note it; undo is the same use case with the old value."""

    def __init__(
        self,
        context: AppContext,
        view: LapView,
        text: str,
        change: LapChange,
        revert: LapChange,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(context, view, text, widget)
        self._change, self._revert = change, revert

    def do(self) -> None:
        self._view.lap_changed(self._change(self._context.uow()))
        self._saved(f"Saved: {self.text()}")

    def undo_do(self) -> None:
        self._view.lap_changed(self._revert(self._context.uow()))
        self._saved(f"Undone: {self.text()}")


def edit_time_command(
    context: AppContext, view: LapView, lap: Lap, time_text: str, widget: QWidget | None = None
) -> ChangeLapCommand:
    old_time = format_lap_time(lap.lap_ms)  # milliseconds, so it reads back exactly
    return ChangeLapCommand(
        context,
        view,
        f"correct lap {_describe(lap)} to {time_text.strip()}",
        lambda uow: laps.edit_lap(uow, lap.id, time_text),
        lambda uow: laps.edit_lap(uow, lap.id, old_time),
        widget,
    )


def flag_command(
    context: AppContext,
    view: LapView,
    lap: Lap,
    flag: LapFlag | None,
    widget: QWidget | None = None,
) -> ChangeLapCommand:
    what = f"flag lap {_describe(lap)} {flag.value}" if flag else f"clear flag {_describe(lap)}"
    return ChangeLapCommand(
        context,
        view,
        what,
        lambda uow: laps.flag_lap(uow, lap.id, flag),
        lambda uow: laps.flag_lap(uow, lap.id, lap.flag),
        widget,
    )


def note_command(
    context: AppContext, view: LapView, lap: Lap, note: str, widget: QWidget | None = None
) -> ChangeLapCommand:
    return ChangeLapCommand(
        context,
        view,
        f"note on lap {_describe(lap)}",
        lambda uow: laps.set_lap_note(uow, lap.id, note),
        lambda uow: laps.set_lap_note(uow, lap.id, lap.note),
        widget,
    )


class DeleteLapCommand(_LapCommand):
    """Delete a lap; undo restores it exactly (same id, flag, note and place)."""

    def __init__(
        self, context: AppContext, view: LapView, lap: Lap, widget: QWidget | None = None
    ) -> None:
        super().__init__(context, view, f"Delete lap {_describe(lap)}", widget)
        self._lap = lap

    def do(self) -> None:
        laps.delete_lap(self._context.uow(), self._lap.id)
        self._view.lap_removed(self._lap)
        self._saved(f"Deleted lap {_describe(self._lap)}")

    def undo_do(self) -> None:
        laps.restore_lap(self._context.uow(), self._lap)
        self._view.lap_added(self._lap)
        self._saved(f"Restored lap {_describe(self._lap)}")
