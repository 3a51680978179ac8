"""The chosen event's season, scored by the domain: what the standings and playoffs tabs show."""

from __future__ import annotations

from domain import services
from domain.services import ScoredSeason
from ui.context import AppContext


def load_season(context: AppContext) -> ScoredSeason:
    """The season up to the chosen round; an empty one when no weekend or rule pack is chosen."""
    event, ruleset = context.event, context.ruleset
    if event is None or ruleset is None:
        return ScoredSeason()
    return services.score_season(
        context.uow(), event.series, event.season, ruleset, through_round=event.round_no
    )
