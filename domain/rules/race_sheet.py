"""A race's sheet: each car's result, driver of record and points, in the order it is scored.

The race tab and the weekend summary (CSV export, CLI) both score a race through here, so a
disqualified car is moved to the back, and an "(i)" driver is left without driver points, by
one rule in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.model import Driver, Entry, Event, Penalty, RaceResult
from domain.rules.points import (
    RacePoints,
    event_rules,
    finish_shifts,
    race_points,
    scored_order,
)
from domain.ruleset import PointsRules


@dataclass(frozen=True, slots=True, kw_only=True)
class SheetRow:
    """One car's line: the stored result, who drove it, where it is scored and what it earned."""

    result: RaceResult  # as stored: what a correction edits and an export round-trips
    position: int  # as scored: disqualified cars at the back, the cars behind moved up
    driver: str  # the label of the driver of record (the result's driver)
    driver_eligible: bool  # False: "(i)", the owner scores but the driver does not
    points: RacePoints

    @property
    def driver_text(self) -> str:
        """The driver's label with the "(i)" flag where the driver scores no points here."""
        return self.driver if self.driver_eligible else f"{self.driver} (i)"


def score_sheet(
    results: Sequence[RaceResult],
    entries: Sequence[Entry],
    penalties: Sequence[Penalty],
    drivers: Mapping[UUID, Driver],
    rules: PointsRules,
    event: Event | None = None,
) -> list[SheetRow]:
    """One race's rows in scored order, each scored where it is placed (as the standings do):
    the event's own stage count, nothing at an exhibition, the 2026 OEP shift."""
    if event is not None:
        rules = event_rules(rules, event)
    # "(i)" is on the entry: whoever drives that car in this race scores no driver points.
    eligible = {e.car_number: e.points_eligible for e in entries}
    oep = {e.car_number for e in entries if e.oep and not e.withdrawn}
    stored = {r.id: r for r in results}
    order = scored_order(sorted(results, key=lambda r: r.finish), penalties)
    shifts = finish_shifts(order, oep, rules)
    rows = []
    for scored in order:
        car = scored.car_number
        ok = eligible.get(car, True)
        driver = drivers.get(scored.driver_id)
        rows.append(
            SheetRow(
                result=stored[scored.id],
                position=scored.finish,
                driver=driver.label if driver else "?",
                driver_eligible=ok,
                points=race_points(
                    scored,
                    rules,
                    driver_eligible=ok,
                    penalties=penalties,
                    shift=shifts.get(car, 0),
                    oep=car in oep,
                ),
            )
        )
    return rows
