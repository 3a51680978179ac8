"""The use cases in one import surface: `from domain import services; services.log_lap(...)`.

Every function takes a fresh, un-entered unit of work first (`context.uow()`) and enters it.
A command commits explicitly and returns `(value, Changes)`: what it made, and the change
notice (domain/changes.py) the ui's bus hands to every view. A query returns values only.

The use cases load on first use (PEP 562): importing this package is free, so the window can
paint before the rules behind a feed import or a sync are read (docs/BENCHMARKS.md, start-up).
The imports under TYPE_CHECKING are what type checkers see; `_HOMES` is what runs, and
tests/domain/test_services_surface.py holds the two to the same names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `x as x`: each name is the package's own (an explicit re-export)
    from domain.services.cross_check import verify_points as verify_points
    from domain.services.eligibility import (
        driver_named as driver_named,
        read_birth_date as read_birth_date,
        set_driver_eligibility as set_driver_eligibility,
    )
    from domain.services.entries import (
        add_entry as add_entry,
        delete_entry as delete_entry,
        edit_entry as edit_entry,
        ensure_driver_free as ensure_driver_free,
        find_or_add_driver as find_or_add_driver,
        reinstate_entry as reinstate_entry,
        remove_substitution as remove_substitution,
        restore_entry as restore_entry,
        substitute_driver as substitute_driver,
        undo_entry_edit as undo_entry_edit,
        withdraw_entry as withdraw_entry,
    )
    from domain.services.events import (
        EventEdit as EventEdit,
        EventSpec as EventSpec,
        TrackSpec as TrackSpec,
        add_event as add_event,
        add_event_in as add_event_in,
        add_track as add_track,
        delete_event as delete_event,
        edit_event as edit_event,
        edit_event_in as edit_event_in,
        edit_track as edit_track,
        event_contents as event_contents,
        find_event as find_event,
        proposed_sessions as proposed_sessions,
        restore_event as restore_event,
    )
    from domain.services.feed_import import import_feeds as import_feeds
    from domain.services.follow import follow_once as follow_once, take_snapshot as take_snapshot
    from domain.services.lap_checks import other_group_cars as other_group_cars
    from domain.services.laps import (
        add_session as add_session,
        delete_lap as delete_lap,
        edit_lap as edit_lap,
        flag_lap as flag_lap,
        log_lap as log_lap,
        restore_lap as restore_lap,
        restore_sessions_cancelled as restore_sessions_cancelled,
        set_lap_note as set_lap_note,
        set_qualifying_cancelled as set_qualifying_cancelled,
        set_session_cancelled as set_session_cancelled,
    )
    from domain.services.penalties import (
        add_penalty as add_penalty,
        deny_waiver as deny_waiver,
        grant_waiver as grant_waiver,
        remove_penalty as remove_penalty,
        request_waiver as request_waiver,
        restore_penalty as restore_penalty,
        restore_waiver as restore_waiver,
    )
    from domain.services.queries import (
        EditHistory as EditHistory,
        EntryView as EntryView,
        Standings as Standings,
        WeekendSchedule as WeekendSchedule,
        all_events as all_events,
        all_seasons as all_seasons,
        all_tracks as all_tracks,
        edit_history as edit_history,
        event_entries as event_entries,
        event_sessions as event_sessions,
        live_qualifying_board as live_qualifying_board,
        owner_points_rank as owner_points_rank,
        playoff_picture as playoff_picture,
        practice_board as practice_board,
        qualifying_board as qualifying_board,
        season_standings as season_standings,
        session_laps as session_laps,
        weekend_schedule as weekend_schedule,
    )
    from domain.services.race_sheet_query import (
        RaceSheet as RaceSheet,
        SheetRow as SheetRow,
        race_sheet as race_sheet,
    )
    from domain.services.race_weekend import (
        add_duels as add_duels,
        declare_oep as declare_oep,
        set_event_rules as set_event_rules,
    )
    from domain.services.results import (
        correct_result as correct_result,
        delete_result as delete_result,
        enter_result as enter_result,
        restore_official_flags as restore_official_flags,
        restore_result as restore_result,
        set_results_official as set_results_official,
    )
    from domain.services.season import ScoredSeason as ScoredSeason, score_season as score_season
    from domain.services.season_sheet import import_season_sheet as import_season_sheet
    from domain.services.seasons import (
        SeasonSnapshot as SeasonSnapshot,
        add_season as add_season,
        add_season_in as add_season_in,
        delete_season as delete_season,
        edit_season as edit_season,
        restore_season as restore_season,
        series_token as series_token,
    )
    from domain.services.session_edits import (
        SessionSnapshot as SessionSnapshot,
        move_session as move_session,
        remove_session as remove_session,
        rename_session as rename_session,
        restore_session as restore_session,
        session_lap_count as session_lap_count,
    )
    from domain.services.snapshots import EventSnapshot as EventSnapshot
    from domain.services.stale import reapplied as reapplied
    from domain.services.team import (
        LapContext as LapContext,
        change_log_position as change_log_position,
        changes_since as changes_since,
        lap_as_typed as lap_as_typed,
        lap_context as lap_context,
        queue_lap as queue_lap,
        send_lap as send_lap,
        send_outbox as send_outbox,
        unqueue_lap as unqueue_lap,
    )
    from domain.services.waiver_approval import set_waiver_approved as set_waiver_approved

# Each use case (or value) by the module that holds it.
_HOMES: dict[str, tuple[str, ...]] = {
    "cross_check": ("verify_points",),
    "eligibility": ("driver_named", "read_birth_date", "set_driver_eligibility"),
    "entries": (
        "add_entry",
        "delete_entry",
        "edit_entry",
        "ensure_driver_free",
        "find_or_add_driver",
        "reinstate_entry",
        "remove_substitution",
        "restore_entry",
        "substitute_driver",
        "undo_entry_edit",
        "withdraw_entry",
    ),
    "session_edits": (
        "SessionSnapshot",
        "move_session",
        "remove_session",
        "rename_session",
        "restore_session",
        "session_lap_count",
    ),
    "events": (
        "EventEdit",
        "EventSpec",
        "TrackSpec",
        "add_event",
        "add_event_in",
        "add_track",
        "delete_event",
        "edit_event",
        "edit_event_in",
        "edit_track",
        "event_contents",
        "find_event",
        "proposed_sessions",
        "restore_event",
    ),
    "feed_import": ("import_feeds",),
    "follow": (
        "follow_once",
        "take_snapshot",
    ),
    "lap_checks": ("other_group_cars",),
    "laps": (
        "add_session",
        "delete_lap",
        "edit_lap",
        "flag_lap",
        "log_lap",
        "restore_lap",
        "restore_sessions_cancelled",
        "set_lap_note",
        "set_qualifying_cancelled",
        "set_session_cancelled",
    ),
    "penalties": (
        "add_penalty",
        "deny_waiver",
        "grant_waiver",
        "remove_penalty",
        "request_waiver",
        "restore_penalty",
        "restore_waiver",
    ),
    "queries": (
        "EditHistory",
        "EntryView",
        "Standings",
        "WeekendSchedule",
        "all_events",
        "all_seasons",
        "all_tracks",
        "edit_history",
        "event_entries",
        "event_sessions",
        "live_qualifying_board",
        "owner_points_rank",
        "playoff_picture",
        "practice_board",
        "qualifying_board",
        "season_standings",
        "session_laps",
        "weekend_schedule",
    ),
    "race_sheet_query": (
        "RaceSheet",
        "SheetRow",
        "race_sheet",
    ),
    "race_weekend": (
        "add_duels",
        "declare_oep",
        "set_event_rules",
    ),
    "results": (
        "correct_result",
        "delete_result",
        "enter_result",
        "restore_official_flags",
        "restore_result",
        "set_results_official",
    ),
    "season": (
        "ScoredSeason",
        "score_season",
    ),
    "season_sheet": ("import_season_sheet",),
    "seasons": (
        "SeasonSnapshot",
        "add_season",
        "add_season_in",
        "delete_season",
        "edit_season",
        "restore_season",
        "series_token",
    ),
    "snapshots": ("EventSnapshot",),
    "stale": ("reapplied",),
    "team": (
        "LapContext",
        "change_log_position",
        "changes_since",
        "lap_as_typed",
        "lap_context",
        "queue_lap",
        "send_lap",
        "send_outbox",
        "unqueue_lap",
    ),
    "waiver_approval": ("set_waiver_approved",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_HOME_OF)


if not TYPE_CHECKING:  # type checkers see the imports above, so a misspelt name stays an error

    def __getattr__(name: str) -> Any:
        """Load the module that holds `name`, and keep the name here for the next use."""
        module = _HOME_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
