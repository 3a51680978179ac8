"""The points cross-check: an event's race as Trackside scores it beside NASCAR's own points."""

from __future__ import annotations

from collections.abc import Mapping

from domain.errors import ValidationError
from domain.ports import UnitOfWorkFactory
from domain.rules.cross_check import CarPoints, CrossCheck, cross_check
from domain.ruleset import RuleSet
from domain.services.race_sheet_query import race_sheet


def verify_points(
    uow_factory: UnitOfWorkFactory, event_key: str, rulesets: Mapping[str, RuleSet]
) -> CrossCheck:
    """Compare the event's stored results, scored by its pack, with the NASCAR points kept."""
    with uow_factory() as uow:
        event = uow.events.get_by_key(event_key)
        nascar = {
            p.car_number: p.race_points
            for p in uow.nascar_points.list_for_event(event.id)
            if p.car_number and p.race_points is not None
        }
    if not nascar:
        raise ValidationError(
            f"No NASCAR points are kept for {event.key}: import its weekend-feed.json or "
            "live-points.json first (python main.py import-feed FILE --event "
            f"{event.key})."
        )
    ruleset = rulesets.get(event.ruleset_key)
    if ruleset is None:
        raise ValidationError(
            f"There is no rule pack for {event.ruleset_key}, so Trackside cannot score "
            f"{event.key}; add resources/rulesets/{event.ruleset_key}.toml (docs/RULE_PACKS.md)."
        )
    sheet = race_sheet(uow_factory(), event.id, ruleset)
    cars = [
        CarPoints(
            car_number=row.result.car_number,
            driver=row.driver,
            points=row.points.driver_total,
            eligible=row.driver_eligible,
            penalty=row.points.penalty_driver,
            stage_points=row.points.stages if row.driver_eligible else 0,
            has_stages=row.result.stage1 is not None
            or row.result.stage2 is not None
            or row.result.reported_stage_points is not None,
        )
        for row in sheet.rows
    ]
    return cross_check(cars, nascar)
