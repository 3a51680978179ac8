"""The event's entry list: car, driver, team, owner, make, guaranteed or open, OEP and "(i)"."""

from __future__ import annotations

from domain.model import Entry, car_sort_key
from domain.services import EntryView
from ui.models.value_table_model import Column, ValueTableModel
from ui.theme import FLAGGED_TINT, GUARANTEED_TINT


def _charter(view: EntryView) -> str:
    return "Guaranteed" if view.entry.guaranteed else "Open"


_COLUMNS: list[Column[EntryView]] = [
    Column("Car", lambda e: e.entry.car_number, sort=lambda e: car_sort_key(e.entry.car_number)),
    Column("Driver", lambda e: e.driver.label, tooltip=lambda e: "\n".join(e.substitutions)),
    Column("Team", lambda e: e.entry.team),
    Column("Owner", lambda e: e.entry.owner),
    Column("Make", lambda e: e.entry.make),
    Column(
        "Charter",
        _charter,
        tint=lambda e: GUARANTEED_TINT if e.entry.guaranteed else None,
    ),
    Column("OEP", lambda e: "OEP" if e.entry.oep else ""),
    Column("(i)", lambda e: "" if e.entry.points_eligible else "(i)"),
    Column(
        "Status",
        lambda e: "withdrawn" if e.entry.withdrawn else ("substituted" if e.substitutions else ""),
        tint=lambda e: FLAGGED_TINT if e.entry.withdrawn else None,
        tooltip=lambda e: "\n".join(e.substitutions),
    ),
]


class EntryTableModel(ValueTableModel[EntryView]):
    """One row per entry; an edit replaces its row, an add appends one."""

    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def entry_at(self, row: int) -> Entry:
        return self._rows[row].entry
