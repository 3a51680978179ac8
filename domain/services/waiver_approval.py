"""Recording whether NASCAR initiated or approved a driver's absence (the 2026 Chase rule).

From 2026 a waived absence NASCAR did not initiate or approve starts the driver's Chase at the
pack's base (2,000) whatever the seed; an approved one (medical, a suspension) costs nothing more.
"""

from __future__ import annotations

from dataclasses import replace

from domain.changes import Changes, RowChanges
from domain.errors import ValidationError
from domain.model import Waiver
from domain.ports import UnitOfWork
from domain.services.common import get_driver, record_changes
from domain.services.penalties import stored_waiver
from domain.services.stale import next_version


def set_waiver_approved(
    uow: UnitOfWork, waiver: Waiver, approved: bool, *, why: str = ""
) -> tuple[Waiver, Changes]:
    """Mark the absence behind a waiver as NASCAR-approved (or not), kept in history.

    `waiver` is the one the user saw: changed since on another laptop, the mark is refused
    with what changed. The waiver returned is the new version.
    """
    with uow:
        old = stored_waiver(uow, waiver)
        driver = get_driver(uow, old.driver_id)
        if old.approved == approved:
            state = "already marked" if approved else "already not marked"
            raise ValidationError(f"The absence of {driver.label} is {state} as NASCAR-approved.")
        new = next_version(old, replace(old, approved=approved))
        uow.waivers.update(new)
        record_changes(
            uow, event_id=None, subject=f"Waiver {driver.label}", old=old, new=new, why=why
        )
        uow.commit()
    return new, Changes(waivers=RowChanges(changed=(new,)))
