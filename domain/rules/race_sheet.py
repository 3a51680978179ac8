"""A race's sheet: each car's result, driver of record and points, in the order it is scored.

The race tab and the weekend summary (CSV export, CLI) both score a race through here, so a
disqualified car is moved to the back, and an "(i)" driver is left without driver points, by
one rule in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.model import Driver, Entry, Penalty, RaceResult
from domain.rules.points import RacePoints, race_points, scored_order
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
) -> list[SheetRow]:
    """One race's rows in scored order, each scored where it is placed (as the standings do)."""
    # "(i)" is on the entry: whoever drives that car in this race scores no driver points.
    eligible = {e.car_number: e.points_eligible for e in entries}
    stored = {r.id: r for r in results}
    rows = []
    for scored in scored_order(sorted(results, key=lambda r: r.finish), penalties):
        ok = eligible.get(scored.car_number, True)
        driver = drivers.get(scored.driver_id)
        rows.append(
            SheetRow(
                result=stored[scored.id],
                position=scored.finish,
                driver=driver.label if driver else "?",
                driver_eligible=ok,
                points=race_points(scored, rules, driver_eligible=ok, penalties=penalties),
            )
        )
    return rows
