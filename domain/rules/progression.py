"""Each driver's total after every round as the standings showed it then, resets included.

The Standings chart draws these, so its lines end where the table's totals are: a Chase driver
jumps to the seed's reset at the regular season's last race (2,100 … 2,000 in 2026) and adds
each later race; in the elimination format each round restarts its drivers at the round's
base. Drivers outside the postseason keep their season totals, as in the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from uuid import UUID

from domain.rules.postseason import PostseasonTable
from domain.ruleset import PostseasonFormat, RuleSet


def shown_progression(
    raw: Mapping[UUID, Sequence[int]],
    rounds: Sequence[int],
    ruleset: RuleSet,
    table_after: Callable[[int], PostseasonTable],
) -> dict[UUID, list[int]]:
    """`raw`: each driver's season total after each of `rounds`; `table_after(race)`: the
    postseason standings after that race. From the regular season's last race on, a field
    driver's value is the table's total then (the reset, plus the points since)."""
    shown = {driver: list(totals) for driver, totals in raw.items()}
    rules = ruleset.postseason
    if rules.format is PostseasonFormat.NONE or rules.field_size == 0:
        return shown
    for index, race in enumerate(rounds):
        if race < rules.regular_season_races:
            continue  # the table shows the resets from the regular season's last race on
        for row in table_after(race).rows:
            if row.reset_points is not None and row.driver_id in shown:
                shown[row.driver_id][index] = row.points
    return shown
