"""Cancelled qualifying: the lineup by the series' metric, who starts by owner points (§3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from uuid import UUID

from domain.errors import RuleSetError
from domain.model import Entry, Lap, RaceResult, Session, SessionKind, car_sort_key
from domain.rules.field_split import (
    Board,
    Call,
    FieldEvent,
    FieldStatus,
    Plan,
    Split,
    manufacturer_provisionals,
    ordinal,
    split_field,
)
from domain.rules.qualifying import owner_rank_key
from domain.ruleset import CancelledMetric, RuleSet


@dataclass(frozen=True, slots=True, kw_only=True)
class CancelledInputs:
    """The metric's terms by car number, each a rank or a finish where lower is better.

    A rule pack's `cancelled_weights` names these fields. A car missing from a mapping ranks
    last for that term.
    """

    previous_owner_finish: Mapping[str, int] = field(default_factory=dict)
    owner_points_rank: Mapping[str, int] = field(default_factory=dict)
    driver_finish: Mapping[str, int] = field(default_factory=dict)
    fastest_lap_rank: Mapping[str, int] = field(default_factory=dict)


TERMS = tuple(f.name for f in fields(CancelledInputs))


def cancelled_inputs(
    previous: Sequence[RaceResult],
    previous_entries: Sequence[Entry],
    previous_laps: Iterable[Lap],
    racing: Mapping[str, tuple[UUID, str]],
    owner_rank: Mapping[str, int],
) -> CancelledInputs:
    """The metric's terms for this weekend's cars from the previous race of the season.

    `racing` maps each car entered this weekend to (the driver who races it, after any
    substitution; its owner identity). A driver's finish goes to the car that driver races now
    (Love's finish follows Love into the No. 11, not Heim's), an owner's finish to the car
    carrying that owner identity, and the fastest-lap rank comes from the previous race's
    logged laps (best clean lap per car), or else its fastest-lap flag.
    """
    identity = {e.car_number: e.owner_identity for e in previous_entries}
    owner_finish = {identity.get(r.car_number, r.car_number): r.finish for r in previous}
    driver_finish = {r.driver_id: r.finish for r in previous}
    lap_rank = _lap_ranks(previous, previous_laps)
    by_identity = {key: lap_rank[car] for car, key in identity.items() if car in lap_rank}
    by_identity |= {car: rank for car, rank in lap_rank.items() if car not in identity}
    return CancelledInputs(
        previous_owner_finish={
            car: owner_finish[key] for car, (_d, key) in racing.items() if key in owner_finish
        },
        owner_points_rank=owner_rank,
        driver_finish={
            car: driver_finish[d] for car, (d, _key) in racing.items() if d in driver_finish
        },
        fastest_lap_rank={
            car: by_identity[key] for car, (_d, key) in racing.items() if key in by_identity
        },
    )


def _lap_ranks(previous: Sequence[RaceResult], laps: Iterable[Lap]) -> dict[str, int]:
    """Cars of the previous race by their fastest clean lap; the flagged car alone without laps."""
    raced = {r.car_number for r in previous}
    best: dict[str, int] = {}
    for lap in laps:
        if lap.flag is None and lap.car_number in raced:
            best[lap.car_number] = min(lap.lap_ms, best.get(lap.car_number, lap.lap_ms))
    if not best:
        return {r.car_number: 1 for r in previous if r.fastest_lap}
    ranked = sorted(best, key=lambda car: (best[car], car_sort_key(car)))
    return {car: place for place, car in enumerate(ranked, start=1)}


_METRIC_WORDS = {
    "previous_owner_finish": "owner's finish in the previous race",
    "owner_points_rank": "owner-points rank",
    "driver_finish": "driver's finish in the previous race",
    "fastest_lap_rank": "fastest-lap rank",
}


def metric_weights(ruleset: RuleSet) -> dict[str, float]:
    """The pack's weights by term; plain owner-points order when the metric says so."""
    if ruleset.qualifying.cancelled_metric is CancelledMetric.OWNER_POINTS:
        return {"owner_points_rank": 1.0}
    weights = dict(ruleset.qualifying.cancelled_weights)
    unknown = ", ".join(sorted(set(weights) - set(TERMS)))
    if unknown or not weights:
        where = ruleset.source or ruleset.key
        raise RuleSetError(
            f"{where}: qualifying.cancelled_weights names {unknown or 'no terms'}; "
            f"give weights for {', '.join(TERMS)}."
        )
    return weights


def describe_metric(weights: Mapping[str, float]) -> str:
    """'70% owner's finish in the previous race, 30% owner-points rank'."""
    parts = [f"{round(w * 100)}% {_METRIC_WORDS[term]}" for term, w in weights.items() if w]
    return ", ".join(parts)


def metric_order(
    cars: Sequence[str],
    inputs: CancelledInputs,
    weights: Mapping[str, float],
    owner_rank: Mapping[str, int],
) -> list[str]:
    """Cars by weighted metric, lowest first; ties by owner points, then car number."""

    worst = {  # a car missing from a term's mapping ranks last for that term
        term: max([len(cars), *getattr(inputs, term).values()]) + 1 for term in weights
    }

    def score(car: str) -> float:
        total: float = sum(w * getattr(inputs, t).get(car, worst[t]) for t, w in weights.items())
        return round(total, 9)  # so 0.7 * 4 + 0.3 * 1 ties 0.7 * 1 + 0.3 * 8 exactly

    return sorted(
        cars, key=lambda car: (score(car), owner_rank_key(car, owner_rank), car_sort_key(car))
    )


def plan_by_owner_points(
    board: Board, ruleset: RuleSet, inputs: CancelledInputs, event: FieldEvent | None = None
) -> Plan:
    """Qualifying cancelled: open cars in by owner points, the lineup by the pack's metric.

    A 2025 OEP car is in by owner points if it ranks high enough, else on the extra spot; a
    locked-in (2026) OEP car is in regardless; a new make's trucks may take their spots last.
    """
    weights = metric_weights(ruleset)
    split = split_field(board, ruleset)
    by_owner = board.owner_sorted(split.pool)
    in_by_owner = by_owner[: split.spots]
    oep_car = split.oep_car
    if oep_car is not None and not split.oep_locked and oep_car in in_by_owner:
        oep_car = None  # it made the field by owner points: no extra spot
    split = Split(split.guaranteed, oep_car, split.pool, split.spots, split.oep_locked)
    oep = [oep_car] if oep_car is not None else []
    starters = split.guaranteed + oep + in_by_owner
    order = metric_order(starters, inputs, weights, board.owner_rank)
    metric = describe_metric(weights)
    calls: dict[str, Call] = {}
    for place, car in enumerate(order, start=1):
        status, route = _route(board, split, by_owner, car)
        reason = f"Qualifying cancelled: {route}; starts {ordinal(place)} by the metric ({metric})."
        calls[car] = Call(status, reason)
    for car in by_owner[split.spots :]:
        if car != oep_car:
            standing = _open_standing(split, by_owner, car)
            calls[car] = Call(
                FieldStatus.DNQ, f"Qualifying cancelled: {board.who(car)} is {standing}."
            )
    extra = manufacturer_provisionals(board, ruleset.field, calls, event)
    calls.update(extra)
    order += list(extra)  # no times when cancelled: already in owner-points order
    return Plan(calls=calls, lineup=order, open_spots=split.spots, oep_car=oep_car)


def _route(board: Board, split: Split, by_owner: list[str], car: str) -> tuple[FieldStatus, str]:
    """How a starter got in when nobody set a time."""
    if car in split.guaranteed:
        return FieldStatus.GUARANTEED, "chartered, starts regardless"
    if car == split.oep_car:
        return FieldStatus.OEP, "in on the Open Exemption Provisional"
    if len(split.pool) <= split.spots:
        return FieldStatus.PROVISIONAL, "every open car starts"
    return FieldStatus.PROVISIONAL, f"in by owner points, {_open_standing(split, by_owner, car)}"


def _open_standing(split: Split, by_owner: list[str], car: str) -> str:
    """'5th of 5 open cars in owner points for 4 open spots'."""
    place = ordinal(by_owner.index(car) + 1)
    return f"{place} of {len(split.pool)} open cars in owner points for {split.spots} open spots"


def qualifying_cancelled(sessions: Iterable[Session]) -> bool:
    """True when the weekend has qualifying and every qualifying session of it is cancelled:
    only then does the metric set the lineup (one cancelled group of two changes nothing)."""
    qualifying = [s for s in sessions if s.kind is SessionKind.QUALIFYING]
    return bool(qualifying) and all(s.cancelled for s in qualifying)
