"""Event ▸ Stages and points… and Declare OEP car…: an event's own rules, undoable like every
event edit (ui/weekend_edits.py announces them first, then puts them on the undo stack)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from domain import services
from domain.model import Event
from ui.context import AppContext
from ui.weekend_edits import Shown, WeekendEdits

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class RaceRuleEdits(QObject):
    """The two edits of an event's race-day rules, through the CLI's use cases."""

    def __init__(self, window: MainWindow, edits: WeekendEdits) -> None:
        super().__init__(window)
        self._window, self._edits = window, edits

    @property
    def _context(self) -> AppContext | None:
        return self._window.context

    def event_rules(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        old = context.event
        ruleset = context.ruleset
        pack_stages = ruleset.points.stages_scored if ruleset else None
        from ui.dialogs.race_rules_dialog import EventRulesDialog  # on use: a faster start

        dialog = EventRulesDialog(old, pack_stages, self._window)

        def set_rules(stages: int | None, paying: bool) -> Callable[[], Shown]:
            def save() -> Shown:
                event, changes = services.set_event_rules(
                    context.uow(), old.id, stages_scored=stages, points_paying=paying
                )
                return changes, f"Saved {event.key}: {_rules_text(event)}.", event.key

            return save

        saved: list[Shown] = []
        forth = lambda: set_rules(dialog.chosen_stages(), not dialog.exhibition.isChecked())  # noqa: E731
        dialog.on_save(lambda: saved.append(forth()()))
        if not dialog.exec():
            return
        back = set_rules(old.stages_scored, old.points_paying)
        self._edits.done(f"Stages and points of {old.key}", forth(), back, saved[0])

    def declare_oep(self) -> None:
        context = self._context
        if context is None or context.event is None:
            return
        event = context.event
        entries = services.event_entries(context.uow(), event.id)
        before = next((v.entry.car_number for v in entries if v.entry.oep), None)
        from ui.dialogs.race_rules_dialog import DeclareOepDialog  # on use: a faster start

        dialog = DeclareOepDialog(event, entries, self._window)

        def declare(car: str | None) -> Callable[[], Shown]:
            def save() -> Shown:
                declared, changes = services.declare_oep(context.uow(), event.id, car)
                who = f"No. {declared.car_number}" if declared else "no car"
                return changes, f"{event.key}: {who} holds the OEP.", event.key

            return save

        saved: list[Shown] = []
        dialog.on_save(lambda: saved.append(declare(dialog.chosen_car())()))
        if not dialog.exec():
            return
        forth = declare(dialog.chosen_car())
        self._edits.done(f"Declare the OEP car of {event.key}", forth, declare(before), saved[0])


def _rules_text(event: Event) -> str:
    kind = "points-paying" if event.points_paying else "an exhibition (no points)"
    stages = "the pack's" if event.stages_scored is None else str(event.stages_scored)
    return f"{kind}, {stages} scored stages"
