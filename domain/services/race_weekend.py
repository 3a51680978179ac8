"""Use cases of a 2026 race weekend: declare the OEP car, an event's own rules, the Duels.

Each takes a fresh unit of work, commits explicitly and returns (value, Changes).
"""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from domain.changes import Changes, RowChanges
from domain.errors import ValidationError
from domain.model import STAGE_SLOTS, Entry, Event, Session, SessionKind
from domain.ports import UnitOfWork
from domain.rules.duels import daytona_500_sessions
from domain.ruleset import RuleSet
from domain.services.common import active_entry_for_car, record_changes, record_event_change


def declare_oep(
    uow: UnitOfWork, event_id: UUID, car_text: str | None, *, why: str = ""
) -> tuple[Entry | None, Changes]:
    """Declare the event's Open Exemption Provisional car (None: no OEP car); at most one per
    event, so declaring a car clears any other's declaration. Kept in each entry's history."""
    with uow:
        entries = uow.entries.list_for_event(event_id)
        chosen = active_entry_for_car(uow, event_id, car_text) if car_text else None
        if chosen is not None and chosen.guaranteed:
            raise ValidationError(
                f"No. {chosen.car_number} is chartered: it starts anyway and cannot hold the "
                "Open Exemption Provisional. Declare an open car."
            )
        changed = []
        for old in entries:
            new = replace(old, oep=chosen is not None and old.id == chosen.id)
            if new != old:
                uow.entries.update(new)
                record_event_change(uow, _entry_subject, old, new, why)
                changed.append(new)
        uow.commit()
    declared = next((e for e in changed if e.oep), chosen)
    return declared, Changes(entries=RowChanges(changed=tuple(changed)))


def set_event_rules(
    uow: UnitOfWork,
    event_id: UUID,
    *,
    stages_scored: int | None,
    points_paying: bool,
    why: str = "",
) -> tuple[Event, Changes]:
    """An event's own overrides of its pack: scored stages (None: the pack's; the Coca-Cola 600
    scores 3) and whether it pays points (an exhibition does not)."""
    if stages_scored is not None and not 0 <= stages_scored <= STAGE_SLOTS:
        raise ValidationError(
            f"{stages_scored} scored stages: write 0 to {STAGE_SLOTS}, or leave it to the rule "
            "pack."
        )
    with uow:
        old = uow.events.get(event_id)
        new = replace(old, stages_scored=stages_scored, points_paying=points_paying)
        if new != old:
            uow.events.update(new)
            record_changes(
                uow, event_id=event_id, subject=f"Event {old.key}", old=old, new=new, why=why
            )
        uow.commit()
    changes = Changes(events=RowChanges(changed=(new,))) if new != old else Changes()
    return new, changes


def add_duels(uow: UnitOfWork, event_id: UUID, ruleset: RuleSet) -> tuple[list[Session], Changes]:
    """Give an event the Daytona 500's sessions it lacks (time trials, Duel 1, Duel 2, Race),
    named and ordered as `daytona_500_sessions` says; sessions already there are kept, and an
    event that has its qualifying gets no second one."""
    with uow:
        existing = uow.sessions.list_for_event(event_id)
        names = {s.name.casefold() for s in existing}
        has_qualifying = any(s.kind is SessionKind.QUALIFYING for s in existing)
        start = max((s.order for s in existing), default=0) + 1
        wanted = daytona_500_sessions(event_id, ruleset, first_order=start)
        added = [
            s
            for s in wanted
            if s.name.casefold() not in names
            and not (has_qualifying and s.kind is SessionKind.QUALIFYING)
        ]
        added = [replace(s, order=start + i) for i, s in enumerate(added)]
        for session in added:
            uow.sessions.add(session)
        uow.commit()
    return added, Changes(sessions=RowChanges(added=tuple(added)))


def _entry_subject(entry: Entry) -> str:
    return f"Entry No. {entry.car_number}"
