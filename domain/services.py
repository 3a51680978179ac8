"""The use cases in one import surface: `from domain import services; services.log_lap(...)`.

Every function takes a fresh, un-entered unit of work first (`context.uow()`), enters it,
commits explicitly and returns the domain values the caller refreshes from.
"""

from domain.services_boards import (
    EntryView,
    Standings,
    event_entries,
    owner_points_rank,
    playoff_picture,
    practice_board,
    qualifying_board,
    season_standings,
)
from domain.services_entries import (
    add_entry,
    edit_entry,
    find_or_add_driver,
    reinstate_entry,
    remove_substitution,
    substitute_driver,
    withdraw_entry,
)
from domain.services_laps import (
    add_session,
    delete_lap,
    edit_lap,
    flag_lap,
    log_lap,
    restore_lap,
    set_lap_note,
    set_session_cancelled,
)
from domain.services_penalties import (
    add_penalty,
    deny_waiver,
    grant_waiver,
    remove_penalty,
    request_waiver,
    restore_penalty,
    restore_waiver,
)
from domain.services_results import (
    correct_result,
    delete_result,
    enter_result,
    restore_result,
    set_results_official,
)

__all__ = [
    "EntryView",
    "Standings",
    "add_entry",
    "add_penalty",
    "add_session",
    "correct_result",
    "delete_lap",
    "delete_result",
    "deny_waiver",
    "edit_entry",
    "edit_lap",
    "enter_result",
    "event_entries",
    "find_or_add_driver",
    "flag_lap",
    "grant_waiver",
    "log_lap",
    "owner_points_rank",
    "playoff_picture",
    "practice_board",
    "qualifying_board",
    "reinstate_entry",
    "remove_penalty",
    "remove_substitution",
    "request_waiver",
    "restore_lap",
    "restore_penalty",
    "restore_result",
    "restore_waiver",
    "season_standings",
    "set_lap_note",
    "set_results_official",
    "set_session_cancelled",
    "substitute_driver",
    "withdraw_entry",
]
