"""The 2025 Chicago street race entry list (resources/demo) as Entry values and drivers' names."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid4

from domain.model import Entry

ENTRIES_CSV = Path(__file__).resolve().parents[2] / "resources/demo/cup_2025_chicago_entries.csv"
OPEN_CARS = ("13", "33", "66", "67", "78")


@dataclass(frozen=True, slots=True)
class EntryList:
    event_id: UUID
    entries: list[Entry]
    driver_names: dict[str, str]  # car number -> who drives it


def chicago_entries() -> EntryList:
    """41 entries: 36 chartered cars and the open Nos. 13, 33, 66, 67 and 78."""
    event_id = uuid4()
    entries: list[Entry] = []
    names: dict[str, str] = {}
    with ENTRIES_CSV.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            entries.append(
                Entry(
                    event_id=event_id,
                    car_number=line["car"],
                    driver_id=uuid4(),
                    team=line["team"],
                    owner=line["team"],
                    make=line["manufacturer"],
                    guaranteed=line["charter"] == "chartered",
                )
            )
            names[line["car"]] = line["driver"]
    return EntryList(event_id=event_id, entries=entries, driver_names=names)
