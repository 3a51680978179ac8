"""Who may have a race result: a car that failed to qualify did not start (DESIGN §3).

A car that went home can still be in the results when it started in place of a qualified car
that could not (the user records it as a replacement start); otherwise its result is refused,
typed or imported alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from domain.errors import ValidationError
from domain.model import RaceResult, SessionKind
from domain.ports import UnitOfWork
from domain.ruleset import RuleSet
from domain.services.queries import live_qualifying_board_in


def non_qualifiers(uow: UnitOfWork, event_id: UUID, ruleset: RuleSet) -> dict[str, str]:
    """Inside an open unit of work: each car that failed to qualify, with the board's reason.

    Empty while qualifying has no lap and is not cancelled: the field is not set yet (a
    historical race imported without its qualifying, for one).
    """
    qualifying = [
        s for s in uow.sessions.list_for_event(event_id) if s.kind is SessionKind.QUALIFYING
    ]
    ran = any(uow.laps.list_for_session(s.id) for s in qualifying)
    if not qualifying or not (ran or all(s.cancelled for s in qualifying)):
        return {}
    field = live_qualifying_board_in(uow, event_id, ruleset).result()
    return {row.car_number: row.reason for row in field.dnq}


def ensure_started(result: RaceResult, dnq: Mapping[str, str]) -> None:
    """Refuse the result of a car that went home, unless it started as a replacement."""
    if result.car_number in dnq and not result.replacement_start:
        why = dnq[result.car_number].rstrip(".")
        raise ValidationError(
            f"No. {result.car_number} did not qualify for this race"
            f"{f' ({why})' if why else ''}, so it cannot have a result. If it started in place "
            "of a qualified car that could not, record the result as a replacement start."
        )
