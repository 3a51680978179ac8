"""Random fields for the Hypothesis tests of setting the field (test_field_properties.py checks
properties of one field, test_field_reference.py compares with the naive reference)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from hypothesis import strategies as st

from domain.model import Entry, Lap, Session, SessionKind
from domain.ruleset import FieldRules, OepRule, TieBreak

T0 = datetime(2026, 2, 11, 20, 0, tzinfo=UTC)
SESSION = Session(event_id=uuid4(), kind=SessionKind.QUALIFYING, name="Qualifying", order=1)


def qualifying_lap(car: str, lap_ms: int, second: int) -> Lap:
    """A lap in SESSION, logged `second` seconds into it (its order breaks exact ties)."""
    return Lap(
        session_id=SESSION.id, car_number=car, lap_ms=lap_ms,
        logged_at=T0 + timedelta(seconds=second),
    )  # fmt: skip


@st.composite
def field_rules(draw: st.DrawFn, *, rules_of_2026: bool = True) -> FieldRules:
    """Small fields, so a handful of cars is enough to fill and overflow them; with
    `rules_of_2026` also the 2026 OEP and Truck's manufacturer provisional."""
    starting_field = draw(st.integers(2, 8))
    owner = draw(st.integers(0, min(3, starting_field)))
    rules = FieldRules(
        starting_field=starting_field,
        guaranteed_spots=draw(st.integers(0, starting_field)),
        owner_points_provisionals=owner,
        past_champion_provisionals=draw(st.integers(0, min(2, starting_field - owner))),
        oep_available=draw(st.booleans()),
        oep_min_entries=draw(st.integers(0, starting_field + 2)),
        tie_break=draw(st.sampled_from(TieBreak)),
    )
    if not rules_of_2026:
        return rules
    return dataclasses.replace(
        rules,
        oep_rule=draw(st.sampled_from(OepRule)),
        manufacturer_provisionals=draw(st.integers(0, 4)),
        manufacturer_provisional_events=draw(st.integers(0, 3)),
        new_manufacturers=("Ram",),
    )


def entries_for(
    draw: st.DrawFn,
    cars: Sequence[str],
    guaranteed: int,
    *,
    makes: Sequence[str] = ("Ford",),
    past_champions: bool = True,
    may_withdraw: bool = False,
) -> list[Entry]:
    """One entry a car: the first `guaranteed` hold charters, at most one open car is the OEP."""
    oep_car = draw(st.sampled_from([None, *cars[guaranteed:]]))
    event = uuid4()
    return [
        Entry(
            event_id=event,
            car_number=car,
            driver_id=uuid4(),
            team="Team",
            owner="Owner",
            make=draw(st.sampled_from(makes)),
            guaranteed=index < guaranteed,
            oep=car == oep_car,
            past_champion=past_champions and draw(st.booleans()),
            withdrawn=may_withdraw and draw(st.booleans()) and draw(st.booleans()),
        )
        for index, car in enumerate(cars)
    ]
