"""Properties of setting the field; a stateful check of the Chicago field against a naive one."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.model import Entry, Lap, LapFlag
from domain.rules.field import FieldResult, FieldStatus, set_field
from domain.rules.qualifying import qualifying_order
from domain.ruleset import RuleSet, TieBreak
from tests.domain.chicago import chicago_entries
from tests.domain.field_strategies import SESSION, entries_for, field_rules, qualifying_lap
from tests.domain.rulesets_for_tests import CUP_2025


@dataclasses.dataclass(frozen=True)
class Scenario:
    ruleset: RuleSet
    entries: list[Entry]
    laps: list[Lap]
    owner_rank: dict[str, int]

    def result(self, extra: tuple[Lap, ...] = ()) -> FieldResult:
        rules = self.ruleset.field
        laps = [*self.laps, *extra]
        runs = qualifying_order([SESSION], laps, rules.tie_break, self.owner_rank)
        return set_field(self.entries, runs, self.ruleset, self.owner_rank, driver_names={})

    def oep_applies(self) -> bool:
        rules = self.ruleset.field
        has_oep = any(e.oep and not e.guaranteed for e in self.entries)
        entered = len(self.entries)
        return (
            rules.oep_available
            and has_oep
            and entered > max(rules.oep_min_entries, rules.starting_field)
        )


@st.composite
def scenarios(draw: st.DrawFn, provisionals: bool = True) -> Scenario:
    rules = draw(field_rules(rules_of_2026=False))
    if not provisionals:
        rules = dataclasses.replace(
            rules, owner_points_provisionals=0, past_champion_provisionals=0
        )
    guaranteed = draw(st.integers(0, rules.guaranteed_spots))
    cars = [str(n) for n in range(guaranteed + draw(st.integers(0, 10)))]
    entries = entries_for(draw, cars, guaranteed)
    times = {car: draw(st.none() | st.integers(60_000, 60_020)) for car in cars}
    order = draw(st.permutations(cars))
    laps = [
        qualifying_lap(car, times[car], i) for i, car in enumerate(order) if times[car] is not None
    ]
    ranked = draw(st.lists(st.sampled_from(cars), unique=True)) if cars else []
    owner_rank = {car: rank for rank, car in enumerate(ranked, start=1)}
    pack = dataclasses.replace(CUP_2025, field=rules)
    return Scenario(ruleset=pack, entries=entries, laps=laps, owner_rank=owner_rank)


def _starters(result: FieldResult) -> set[str]:
    return {row.car_number for row in result.lineup}


@given(scenarios())
def test_the_field_never_exceeds_the_packs_size_or_one_more_with_the_oep(
    scenario: Scenario,
) -> None:
    result = scenario.result()
    # 2025: the OEP car races for an open spot first; only a car that misses adds a 41st spot.
    extra = any(row.status is FieldStatus.OEP for row in result.lineup)
    assert not extra or scenario.oep_applies()
    capacity = scenario.ruleset.field.starting_field + extra
    assert result.starting_field == len(result.lineup) == min(len(scenario.entries), capacity)
    assert [row.starting_position for row in result.lineup] == list(
        range(1, len(result.lineup) + 1)
    )
    assert sorted(_starters(result) | {r.car_number for r in result.dnq}) == sorted(
        e.car_number for e in scenario.entries
    )


@given(scenarios())
def test_every_guaranteed_car_starts(scenario: Scenario) -> None:
    starters = _starters(scenario.result())
    assert {e.car_number for e in scenario.entries if e.guaranteed} <= starters


@given(scenarios(provisionals=False))
def test_without_provisionals_the_open_cars_that_start_are_the_fastest_open_cars(
    scenario: Scenario,
) -> None:
    result = scenario.result()
    best = {row.car_number: row.best_lap_ms for row in result.rows}
    oep_in = {row.car_number for row in result.lineup if row.status is FieldStatus.OEP}
    racing = [e.car_number for e in scenario.entries if not e.guaranteed]
    # An OEP car that missed races like any open car: it is out of the open spots.
    starters_on_speed = _starters(result) - oep_in
    timed = [car for car in racing if best[car] is not None]
    starters = starters_on_speed
    timed_in = [best[car] for car in timed if car in starters]
    timed_out = [best[car] for car in timed if car not in starters]
    assert len(timed_in) == min(len(timed), result.open_spots)
    assert not timed_in or not timed_out or max(timed_in) <= min(timed_out)


@given(scenarios(), st.data())
def test_a_slower_new_lap_never_changes_who_is_in(scenario: Scenario, data: st.DataObject) -> None:
    before = scenario.result()
    timed = [row for row in before.rows if row.best_lap_ms is not None]
    if not timed:
        return
    row = data.draw(st.sampled_from(timed))
    slower = row.best_lap_ms + data.draw(st.integers(1, 500))
    after = scenario.result((qualifying_lap(row.car_number, slower, 999),))
    assert _starters(after) == _starters(before)
    assert [r.car_number for r in after.lineup] == [r.car_number for r in before.lineup]


CHICAGO = chicago_entries()
CHICAGO_OPEN = [e.car_number for e in CHICAGO.entries if not e.guaranteed]
CHICAGO_RANKS = {"78": 37, "13": 38, "33": 40, "1": 5, "23": 12}


def reference_starters(laps: list[Lap]) -> set[str]:
    """Every chartered car, then the four fastest open cars; open cars with no time by owner
    points if fewer than four have a time. Ties: the better owner rank, then car number."""
    best: dict[str, int] = {}
    for lap in laps:
        if lap.flag is None and (lap.car_number not in best or lap.lap_ms < best[lap.car_number]):
            best[lap.car_number] = lap.lap_ms

    def rank(car: str) -> int:
        return CHICAGO_RANKS.get(car, 1_000)

    timed = sorted(
        (c for c in CHICAGO_OPEN if c in best), key=lambda c: (best[c], rank(c), len(c), c)
    )
    untimed = sorted((c for c in CHICAGO_OPEN if c not in best), key=lambda c: (rank(c), len(c), c))
    chartered = {e.car_number for e in CHICAGO.entries if e.guaranteed}
    return chartered | set((timed + untimed)[:4])


class ChicagoQualifying(RuleBasedStateMachine):
    """Laps for random cars, some flagged, some tied; the field must match the naive reference."""

    def __init__(self) -> None:
        super().__init__()
        self.laps: list[Lap] = []

    @rule(
        car=st.sampled_from([e.car_number for e in CHICAGO.entries]),
        lap_ms=st.integers(92_000, 92_010),
        flag=st.none() | st.sampled_from(LapFlag),
    )
    def logqualifying_lap(self, car: str, lap_ms: int, flag: LapFlag | None) -> None:
        lap = qualifying_lap(car, lap_ms, len(self.laps))
        self.laps.append(dataclasses.replace(lap, flag=flag))

    @invariant()
    def the_field_matches_the_reference(self) -> None:
        runs = qualifying_order([SESSION], self.laps, TieBreak.OWNER_POINTS, CHICAGO_RANKS)
        result = set_field(
            CHICAGO.entries, runs, CUP_2025, CHICAGO_RANKS, driver_names=CHICAGO.driver_names
        )
        assert _starters(result) == reference_starters(self.laps)
        assert len(result.lineup) == 40
        assert all(row.needed_ms is None or row.needed_ms > 0 for row in result.dnq)


TestChicagoQualifying = ChicagoQualifying.TestCase
# Each step recomputes a 41-car field: fewer, shorter runs keep the domain tests fast.
TestChicagoQualifying.settings = settings(max_examples=40, stateful_step_count=30)
