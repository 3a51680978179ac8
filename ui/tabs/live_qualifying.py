"""The qualifying board kept live in memory: inputs read once, each saved lap applied in place.

Re-reading every lap of the event for each keystroke costs hundreds of ms with 5,000 laps;
DESIGN §6 wants one frame. The rules stay the domain's: `qualifying_order` and `set_field`
take the laps that were read once plus the laps this window has saved since.
"""

from __future__ import annotations

from uuid import UUID

from domain import services
from domain.model import Event, Lap, SessionKind
from domain.ports import UnitOfWorkFactory
from domain.rules.field import FieldResult, set_field
from domain.rules.qualifying import qualifying_order
from domain.ruleset import RuleSet


class LiveQualifyingBoard:
    """Also a LapView: the lap commands tell it what they saved, undid or redid."""

    def __init__(self, uow_factory: UnitOfWorkFactory, event: Event, ruleset: RuleSet) -> None:
        self._uow_factory, self._event, self._ruleset = uow_factory, event, ruleset
        with uow_factory() as uow:
            self._sessions = uow.sessions.list_for_event(event.id)
            qualifying = {s.id for s in self._sessions if s.kind is SessionKind.QUALIFYING}
            laps = [
                lap for lap in uow.laps.list_for_event(event.id) if lap.session_id in qualifying
            ]
        self._qualifying = qualifying
        self._laps: dict[UUID, Lap] = {lap.id: lap for lap in laps}
        self._views = services.event_entries(uow_factory(), event.id)
        self._owner_rank = services.owner_points_rank(uow_factory(), event, ruleset)

    @property
    def cancelled(self) -> bool:
        qualifying = [s for s in self._sessions if s.id in self._qualifying]
        return bool(qualifying) and all(s.cancelled for s in qualifying)

    def result(self) -> FieldResult:
        """The same answer as services.qualifying_board, from memory."""
        if self.cancelled:  # the fallback needs last race's results: rare, so ask storage
            return services.qualifying_board(self._uow_factory(), self._event.id, self._ruleset)
        runs = qualifying_order(
            self._sessions, self._laps.values(), self._ruleset.field.tie_break, self._owner_rank
        )
        return set_field(
            [view.entry for view in self._views],
            runs,
            self._ruleset,
            self._owner_rank,
            driver_names={view.entry.car_number: view.driver.label for view in self._views},
        )

    # LapView -------------------------------------------------------------------------------
    def lap_added(self, lap: Lap) -> None:
        if lap.session_id in self._qualifying:
            self._laps[lap.id] = lap

    def lap_changed(self, lap: Lap) -> None:
        self.lap_added(lap)

    def lap_removed(self, lap: Lap) -> None:
        self._laps.pop(lap.id, None)
