"""The use cases in one import surface: `from domain import services; services.log_lap(...)`.

Every function takes a fresh, un-entered unit of work first (`context.uow()`), enters it,
commits explicitly and returns the domain values the caller refreshes from.
"""

from domain.services.entries import (
    add_entry,
    delete_entry,
    edit_entry,
    ensure_driver_free,
    find_or_add_driver,
    reinstate_entry,
    remove_substitution,
    restore_entry,
    substitute_driver,
    withdraw_entry,
)
from domain.services.laps import (
    add_session,
    delete_lap,
    edit_lap,
    flag_lap,
    log_lap,
    restore_lap,
    set_lap_note,
    set_qualifying_cancelled,
    set_session_cancelled,
)
from domain.services.penalties import (
    add_penalty,
    deny_waiver,
    grant_waiver,
    remove_penalty,
    request_waiver,
    restore_penalty,
    restore_waiver,
)
from domain.services.queries import (
    EntryView,
    Standings,
    event_entries,
    live_qualifying_board,
    owner_points_rank,
    playoff_picture,
    practice_board,
    qualifying_board,
    season_standings,
)
from domain.services.race_sheet import RaceSheet, SheetRow, race_sheet
from domain.services.race_weekend import add_duels, declare_oep, set_event_rules
from domain.services.results import (
    correct_result,
    delete_result,
    enter_result,
    restore_result,
    set_results_official,
)
from domain.services.season import ScoredSeason, score_season
from domain.services.waiver_approval import set_waiver_approved

__all__ = [
    "EntryView",
    "RaceSheet",
    "ScoredSeason",
    "SheetRow",
    "Standings",
    "add_duels",
    "add_entry",
    "add_penalty",
    "add_session",
    "correct_result",
    "declare_oep",
    "delete_entry",
    "delete_lap",
    "delete_result",
    "deny_waiver",
    "edit_entry",
    "edit_lap",
    "ensure_driver_free",
    "enter_result",
    "event_entries",
    "find_or_add_driver",
    "flag_lap",
    "grant_waiver",
    "live_qualifying_board",
    "log_lap",
    "owner_points_rank",
    "playoff_picture",
    "practice_board",
    "qualifying_board",
    "race_sheet",
    "reinstate_entry",
    "remove_penalty",
    "remove_substitution",
    "request_waiver",
    "restore_entry",
    "restore_lap",
    "restore_penalty",
    "restore_result",
    "restore_waiver",
    "score_season",
    "season_standings",
    "set_event_rules",
    "set_lap_note",
    "set_qualifying_cancelled",
    "set_results_official",
    "set_session_cancelled",
    "set_waiver_approved",
    "substitute_driver",
    "withdraw_entry",
]
