"""Commands that build a database from nothing: seasons, events, schedules, penalties, waivers.

cli.py registers them and runs them like its own: expected failures are one line on stderr.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from domain.errors import ValidationError

if TYPE_CHECKING:
    from domain.model import Event, Session
    from domain.ports import Storage
    from domain.services.events import TrackSpec


def add_commands(commands: argparse._SubParsersAction) -> None:
    """The season and event commands and the imports cli.py does not define itself."""
    season = commands.add_parser("add-season", help="start a season of a series (needs its pack)")
    season.add_argument("series", metavar="SERIES", help="cup, xfinity, truck or your own")
    season.add_argument("season", metavar="SEASON", type=int, help="the year, e.g. 2027")
    season.add_argument("--name", metavar="TEXT", default="", help="default: the pack's name")
    edit_season = commands.add_parser("edit-season", help="rename a season as shown")
    edit_season.add_argument("series", metavar="SERIES")
    edit_season.add_argument("season", metavar="SEASON", type=int)
    edit_season.add_argument("--name", metavar="TEXT", required=True)
    drop = commands.add_parser("delete-season", help="delete a season and all its events")
    drop.add_argument("series", metavar="SERIES")
    drop.add_argument("season", metavar="SEASON", type=int)
    drop.add_argument("--yes", action="store_true", help="required: its events go with it")
    add = commands.add_parser("add-event", help="add an event with its sessions from the pack")
    add.add_argument("series", metavar="SERIES")
    add.add_argument("season", metavar="SEASON", type=int)
    add.add_argument("name", metavar="NAME", help='the event\'s name, e.g. "Daytona 500"')
    _event_options(add, new=True)
    edit = commands.add_parser("edit-event", help="change an event's name, track, dates, round")
    edit.add_argument("event", metavar="KEY")
    edit.add_argument("--name", metavar="TEXT")
    _event_options(edit, new=False)
    delete = commands.add_parser("delete-event", help="delete an event and everything in it")
    delete.add_argument("event", metavar="KEY")
    delete.add_argument("--yes", action="store_true", help="required: the event's laps, "
                        "entries and results are deleted with it")  # fmt: skip
    track = commands.add_parser("edit-track", help="correct a track's name, length or kind")
    track.add_argument("track", metavar="NAME", help="the stored track's name")
    track.add_argument("--name", metavar="TEXT", help="a new name")
    track.add_argument("--length", metavar="MILES", help="e.g. 2.5; every speed there follows")
    track.add_argument("--kind", metavar="KIND", help="short, oval, superspeedway, road, …")
    schedule = commands.add_parser("import-schedule", help="import events from a CSV schedule")
    schedule.add_argument("file", metavar="FILE", type=Path, help="the CSV file (docs/CSV.md)")
    penalties = commands.add_parser("import-penalties", help="import an event's penalties")
    penalties.add_argument("event", metavar="EVENT", help="the event key")
    penalties.add_argument("file", metavar="FILE", type=Path, help="the CSV file (docs/CSV.md)")
    waivers = commands.add_parser("import-waivers", help="import a season's playoff waivers")
    waivers.add_argument("series", metavar="SERIES")
    waivers.add_argument("season", metavar="SEASON", type=int)
    waivers.add_argument("file", metavar="FILE", type=Path, help="the CSV file (docs/CSV.md)")


def _event_options(parser: argparse.ArgumentParser, *, new: bool) -> None:
    parser.add_argument("--track", metavar="TEXT", required=new, help="the track's name")
    parser.add_argument("--length", metavar="MILES", default="", help="for a new track, e.g. 2.2")
    parser.add_argument(
        "--kind", metavar="KIND", help="for a new track: short, oval, superspeedway, road, "
        "street or dirt",
    )  # fmt: skip
    parser.add_argument("--date", metavar="YYYY-MM-DD", required=new, help="the first day")
    parser.add_argument("--end-date", metavar="YYYY-MM-DD", help="default: the first day")
    parser.add_argument("--round", metavar="N", type=int, help="default: after the last round")
    parser.add_argument("--key", metavar="KEY", help="default: SERIES-YEAR-TRACK")
    if new:
        parser.add_argument("--exhibition", action="store_true", help="pays no points")
        parser.add_argument("--practices", metavar="N", type=int, default=1, help="default: 1")
    else:
        paying = parser.add_mutually_exclusive_group()
        paying.add_argument("--exhibition", action="store_true", default=None)
        paying.add_argument(
            "--points-paying", dest="exhibition", action="store_false", help="undo --exhibition"
        )


def _add_season(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    season, _ = services.add_season(
        storage.uow_factory(), storage.rulesets, args.series, args.season, args.name
    )
    print(f"Added the {season.series} {season.season} season: {season.name}.")
    return 0


def _edit_season(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    season, _ = services.edit_season(storage.uow_factory(), args.series, args.season, args.name)
    print(f"Saved the {season.series} {season.season} season: {season.name}.")
    return 0


def _delete_season(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    series = services.series_token(args.series)
    with storage.uow_factory() as uow:
        events = uow.events.list_for_season(series, args.season)
    if not args.yes:
        raise ValidationError(
            f"Deleting the {series} {args.season} season also deletes its {len(events)} "
            "events with their laps, entries and results; add --yes to delete it."
        )
    snapshot, _ = services.delete_season(storage.uow_factory(), series, args.season)
    print(f"Deleted the {series} {args.season} season and {len(snapshot.events)} events.")
    return 0


def _add_event(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    spec = services.EventSpec(
        series=args.series,
        season=args.season,
        name=args.name,
        track=_track(args),
        start_date=_day(args.date, "--date"),
        end_date=_day(args.end_date, "--end-date") if args.end_date else None,
        round_no=args.round,
        key=args.key or "",
        points_paying=not args.exhibition,
        practices=args.practices,
    )
    event, changes = services.add_event(storage.uow_factory(), storage.rulesets, spec)
    print(f"Added {describe_event(event)}")
    print(f"    sessions: {', '.join(s.name for s in changes.sessions.added)}")
    return 0


def _edit_event(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    event = services.find_event(storage.uow_factory(), args.event)
    edit = services.EventEdit(
        name=args.name,
        track=_track(args) if args.track else None,
        start_date=_day(args.date, "--date") if args.date else None,
        end_date=_day(args.end_date, "--end-date") if args.end_date else None,
        round_no=args.round,
        key=args.key,
        points_paying=None if args.exhibition is None else not args.exhibition,
    )
    if args.track is None and (args.length or args.kind):
        raise ValidationError(
            "--length and --kind describe the track given with --track; to correct a stored "
            "track, give its name with --track as well."
        )
    edited, _ = services.edit_event(storage.uow_factory(), event.id, edit)
    print(f"Saved {describe_event(edited)}")
    return 0


def _delete_event(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    event = services.find_event(storage.uow_factory(), args.event)
    contents = services.event_contents(storage.uow_factory(), event.id)
    if not args.yes:
        raise ValidationError(
            f"Deleting {event.key} also deletes {contents.describe()}; add --yes to delete it."
        )
    services.delete_event(storage.uow_factory(), event.id)
    print(f"Deleted {event.key} ({contents.describe()}).")
    return 0


def _edit_track(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services
    from domain.errors import NotFoundError
    from domain.rules.schedule import track_kind

    with storage.uow_factory() as uow:
        stored = uow.tracks.find_by_name(args.track)
        known = ", ".join(t.name for t in uow.tracks.all()) or "none"
    if stored is None:
        raise NotFoundError(f"There is no track '{args.track}'; the stored tracks: {known}.")
    track, changes = services.edit_track(
        storage.uow_factory(),
        stored.id,
        name=args.name or stored.name,
        length_miles=args.length or f"{stored.length_millimiles / 1000:g}",
        kind=track_kind(args.kind) if args.kind else stored.kind,
    )
    held = len(changes.events.changed)
    print(
        f"Saved {track.name}: {track.length_millimiles / 1000:g} miles, {track.kind} "
        f"({held} {'event' if held == 1 else 'events'} there)."
    )
    return 0


def _import(storage: Storage, args: argparse.Namespace) -> int:
    """Every import-KIND command: the same importers File ▸ Import… runs."""
    from domain.services.import_kinds import ImportRequest, run_import
    from persistence.csv_io import read_csv

    kind = args.command.removeprefix("import-")
    request = ImportRequest(
        kind=kind,
        table=read_csv(args.file),
        event_key=_event_key(storage, args),
        series=getattr(args, "series", ""),
        season=getattr(args, "season", 0),
        session=getattr(args, "session", None),
    )
    report, _ = run_import(storage.uow_factory(), storage.rulesets, request)
    print(report.summary)
    return 0


def _event_key(storage: Storage, args: argparse.Namespace) -> str:
    """The key of the EVENT argument (with cli's message when there is none), or ""."""
    if not hasattr(args, "event"):
        return ""
    from cli import find_event

    return find_event(storage, args.event).key


def describe_event(event: Event) -> str:
    """One line: key, name, track and length, dates, round, and "exhibition" where it is one."""
    dates = f"{event.start_date:%Y-%m-%d}"
    if event.end_date != event.start_date:
        dates += f" to {event.end_date:%Y-%m-%d}"
    paying = "" if event.points_paying else ", exhibition"
    miles = f"{event.track.length_millimiles / 1000:g} mi {event.track.kind}"
    return (
        f"{event.key}: {event.name}, {event.track.name} ({miles}), {dates}, "
        f"round {event.round_no}{paying}"
    )


def session_names(sessions: list[Session]) -> str:
    return ", ".join(s.name + (" (cancelled)" if s.cancelled else "") for s in sessions)


def _track(args: argparse.Namespace) -> TrackSpec:
    from domain.rules.schedule import track_kind
    from domain.services.events import TrackSpec

    return TrackSpec(
        name=args.track, length_miles=args.length, kind=track_kind(args.kind) if args.kind else None
    )


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{option} {text}: not a date; write it as YYYY-MM-DD, e.g. 2027-02-15."
        ) from None


COMMANDS: dict[str, Callable[[Storage, argparse.Namespace], int]] = {
    "add-season": _add_season,
    "edit-season": _edit_season,
    "delete-season": _delete_season,
    "add-event": _add_event,
    "edit-event": _edit_event,
    "delete-event": _delete_event,
    "edit-track": _edit_track,
    "import-entries": _import,
    "import-laps": _import,
    "import-results": _import,
    "import-schedule": _import,
    "import-penalties": _import,
    "import-waivers": _import,
}
