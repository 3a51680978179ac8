"""The field rules agree with a naive reference on random fields: charters, open spots,
provisionals, the 2025 and 2026 OEP, Truck's manufacturer provisional and the Daytona 500."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings, strategies as st

from domain.model import Entry, Lap
from domain.rules.field import DuelFinish, FieldEvent, FieldStatus, set_field
from domain.rules.qualifying import qualifying_order
from domain.ruleset import FieldRules, OepRule, TieBreak
from tests.domain.field_reference import naive_daytona, naive_field
from tests.domain.field_strategies import SESSION, entries_for, field_rules, qualifying_lap
from tests.domain.rulesets_for_tests import CUP_2025


@dataclasses.dataclass(frozen=True)
class Field:
    rules: FieldRules
    entries: list[Entry]
    times: dict[str, int | None]
    owner_rank: dict[str, int]
    round_no: int


@st.composite
def fields(draw: st.DrawFn) -> Field:
    rules = draw(field_rules())
    guaranteed = draw(st.integers(0, rules.guaranteed_spots))
    cars = [str(n) for n in range(guaranteed + draw(st.integers(0, 10)))]
    entries = entries_for(
        draw, cars, guaranteed, makes=("Ford", "Ram", "ram", "Toyota"), may_withdraw=True
    )
    distinct = draw(st.lists(st.integers(60_000, 61_000), min_size=len(cars), unique=True))
    times = {car: draw(st.none() | st.just(distinct[i])) for i, car in enumerate(cars)}
    ranked = draw(st.lists(st.sampled_from(cars), unique=True)) if cars else []
    owner_rank = {car: rank for rank, car in enumerate(ranked, start=1)}
    return Field(rules, entries, times, owner_rank, draw(st.integers(1, 5)))


def _laps(times: dict[str, int | None]) -> list[Lap]:
    return [
        qualifying_lap(car, ms, second)
        for second, (car, ms) in enumerate(times.items())
        if ms is not None
    ]


@settings(max_examples=300)
@given(fields())
def test_the_field_rules_agree_with_the_naive_reference(field: Field) -> None:
    pack = dataclasses.replace(CUP_2025, field=field.rules)
    runs = qualifying_order([SESSION], _laps(field.times), TieBreak.OWNER_POINTS, field.owner_rank)
    result = set_field(
        field.entries,
        runs,
        pack,
        field.owner_rank,
        driver_names={},
        event=FieldEvent(round_no=field.round_no),
    )
    expected = naive_field(
        field.entries, field.times, field.owner_rank, field.rules, field.round_no
    )
    assert [row.car_number for row in result.lineup] == expected.lineup
    oep = [row.car_number for row in result.lineup if row.status is FieldStatus.OEP]
    assert oep == ([expected.oep] if expected.oep else [])
    makes = [row.car_number for row in result.lineup if row.status is FieldStatus.MANUFACTURER]
    assert makes == expected.manufacturer
    entered = [e.car_number for e in field.entries if not e.withdrawn]
    assert sorted(expected.lineup + [r.car_number for r in result.dnq]) == sorted(entered)


@st.composite
def daytonas(draw: st.DrawFn) -> tuple[FieldRules, list[Entry], dict[str, int], list[list]]:
    charters = draw(st.integers(0, 6))
    open_cars = draw(st.integers(0, 8))
    rules = dataclasses.replace(
        CUP_2025.field,
        starting_field=charters + draw(st.integers(0, 4)),
        guaranteed_spots=charters,
        oep_rule=OepRule.LOCKED_IN,
        oep_min_entries=0,
        duel_open_cars_on_time=draw(st.integers(0, 2)),
        duel_transfers=draw(st.integers(0, 2)),
        front_row_on_time=draw(st.integers(0, 3)),
    )
    cars = [str(n) for n in range(1, charters + open_cars + 2)]
    entries = entries_for(draw, cars, charters, makes=("Toyota",), past_champions=False)
    distinct = draw(st.lists(st.integers(49_000, 50_000), min_size=len(cars), unique=True))
    times = dict(zip(cars, distinct, strict=False))
    in_duel_1 = draw(st.sets(st.sampled_from(cars))) if cars else set()
    duels = [
        [(c, draw(st.booleans()) and draw(st.booleans())) for c in draw(st.permutations(group))]
        for group in ([c for c in cars if c in in_duel_1], [c for c in cars if c not in in_duel_1])
    ]
    return rules, entries, times, duels


@settings(max_examples=200)
@given(daytonas())
def test_the_daytona_500_field_agrees_with_the_naive_reference(case) -> None:
    rules, entries, times, duels = case
    pack = dataclasses.replace(CUP_2025, field=rules)
    runs = qualifying_order([SESSION], _laps(dict(times)), TieBreak.OWNER_POINTS, {})
    finishes = tuple(
        tuple(DuelFinish(car, place, dq) for place, (car, dq) in enumerate(duel, start=1))
        for duel in duels
    )
    result = set_field(
        entries, runs, pack, {}, driver_names={}, event=FieldEvent(round_no=1, duels=finishes)
    )
    expected = naive_daytona(entries, times, duels, rules)
    assert [row.car_number for row in result.lineup] == expected
