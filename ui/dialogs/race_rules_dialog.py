"""Event ▸ Stages and points… and Declare OEP car…: an event's own rules, as the CLI's
`event-rules` and `declare-oep` set them (the same use cases; a refusal shows inline)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from domain.model import STAGE_SLOTS, Event
from domain.services import EntryView
from ui.dialogs.form_dialog import FormDialog


class EventRulesDialog(FormDialog):
    """Scored stages (the pack's, or the event's own: the Coca-Cola 600 scores 3) and whether
    the event is an exhibition (no points, no round of the standings)."""

    def __init__(self, event: Event, pack_stages: int | None, parent: QWidget | None = None):
        super().__init__(f"Stages and points: {event.name}", "Save", parent)
        self.stages = QComboBox(self)
        pack = "the rule pack's" if pack_stages is None else f"the rule pack's ({pack_stages})"
        self.stages.addItem(pack.capitalize(), None)
        for count in range(STAGE_SLOTS + 1):
            self.stages.addItem(str(count), count)
        own = event.stages_scored
        self.stages.setCurrentIndex(0 if own is None else self.stages.findData(own))
        self.exhibition = QCheckBox("Exhibition: pays no points (the Clash, the All-Star Race)")
        self.exhibition.setChecked(not event.points_paying)
        self.form.addRow("Scored stages", self.stages)
        self.form.addRow("", self.exhibition)
        self.finish_layout()

    def chosen_stages(self) -> int | None:
        chosen: int | None = self.stages.currentData()
        return chosen


class DeclareOepDialog(FormDialog):
    """The event's Open Exemption Provisional car: one open car that has not withdrawn, or none."""

    def __init__(self, event: Event, entries: Sequence[EntryView], parent: QWidget | None = None):
        super().__init__(f"Declare the OEP car: {event.name}", "Declare", parent)
        self.car = QComboBox(self)
        self.car.addItem("No OEP car", None)
        open_cars = [v for v in entries if not v.entry.guaranteed and not v.entry.withdrawn]
        for view in open_cars:
            self.car.addItem(
                f"No. {view.entry.car_number}  {view.driver.label}", view.entry.car_number
            )
        declared = next((v.entry.car_number for v in entries if v.entry.oep), None)
        if declared is not None:
            self.car.setCurrentIndex(max(self.car.findData(declared), 0))
        note = QLabel(
            "At most one car per event holds it; chartered cars start anyway and are not listed.",
            self,
        )
        note.setWordWrap(True)
        self.form.addRow("Car", self.car)
        self.form.addRow(note)
        self.finish_layout()

    def chosen_car(self) -> str | None:
        car: str | None = self.car.currentData()
        return car
