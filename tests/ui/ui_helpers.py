"""Helpers the UI tests share: choose an event, and type a lap the way a spotter does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from domain.model import Event
from ui.context import AppContext
from ui.widgets.lap_entry import LapEntry


def choose_event(context: AppContext, key: str) -> Event:
    with context.uow() as uow:
        event = uow.events.get_by_key(key)
    context.set_event(event)
    return event


def type_lap(qtbot, entry: LapEntry, car: str, time: str) -> None:
    """Car number, Tab, time, Enter: the keyboard path, with no mouse."""
    entry.car_edit.setFocus()
    qtbot.keyClicks(entry.car_edit, car)
    qtbot.keyClick(entry.car_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.time_edit, time)
    qtbot.keyClick(entry.time_edit, Qt.Key.Key_Return)
