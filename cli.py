"""The command line: list, init, import, board, lineup, standings and export, for scripts.

main.py owns the global --db option and calls `add_commands` and `run`. Every command exits 0
on success; an expected failure prints one line on stderr and exits 1 (bad input) or 3 (the
database could not be used). SQL and the rules are imported only when a command runs, so
`--help` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cli_standings import add_after_option, add_minimal_format_option, standings_after
from domain.errors import DomainError, NotFoundError, StorageError, ValidationError
from domain.laptime import format_gap, format_lap_time, format_speed
from domain.model import SessionKind
from domain.ruleset import canonical_series

if TYPE_CHECKING:
    from domain.model import Event, Session
    from domain.ports import Storage
    from domain.services.weekend import Weekend

EXIT_BAD_INPUT = 1
EXIT_STORAGE = 3


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add every command to main.py's parser; all of them honour the global --db."""
    commands.add_parser("list", help="list the events with their keys, and their sessions")
    init = commands.add_parser("init", help="create a new database file")
    init.add_argument("path", metavar="PATH", help="the new file (it must not exist yet)")
    init.add_argument("--demo", action="store_true", help="fill it with the demo weekends")
    for name, what in (("entries", "an entry list"), ("laps", "lap times"), ("results", "results")):
        command = commands.add_parser(f"import-{name}", help=f"import {what} from a CSV file")
        command.add_argument("event", metavar="EVENT", help="the event key, e.g. cup-2025-chicago")
        command.add_argument("file", metavar="FILE", type=Path, help="the CSV file (docs/CSV.md)")
        if name == "laps":
            command.add_argument("--session", metavar="NAME", help="for rows with no session")
        if name == "results":
            command.add_argument(
                "--session",
                metavar="NAME",
                default="Race",
                help='"Duel 1" or "Duel 2" (default: Race)',
            )
    board = commands.add_parser("board", help="a session's board as a text table")
    board.add_argument("event", metavar="EVENT")
    board.add_argument("--session", metavar="NAME", help="default: the event's qualifying")
    lineup = commands.add_parser("lineup", help="the starting lineup and who failed to qualify")
    lineup.add_argument("event", metavar="EVENT")
    standings = commands.add_parser("standings", help="driver (or owner) standings")
    standings.add_argument("series", metavar="SERIES_OR_EVENT", help="truck, or an event key")
    standings.add_argument("season", metavar="SEASON", type=int, nargs="?")
    standings.add_argument("--owners", action="store_true", help="owner points instead")
    add_after_option(standings)
    add_minimal_format_option(standings)
    _add_race_weekend_commands(commands)
    export = commands.add_parser("export", help="write the weekend summary as CSV files")
    export.add_argument("event", metavar="EVENT")
    export.add_argument("--out", metavar="PATH", type=Path, help="default: ./EVENT-summary")


def _add_race_weekend_commands(commands: argparse._SubParsersAction) -> None:
    """declare-oep, event-rules and add-duels (docs/RULE_PACKS.md, "Race weekends")."""
    oep = commands.add_parser("declare-oep", help="declare the event's OEP car (2026)")
    oep.add_argument("event", metavar="EVENT")
    oep.add_argument("car", metavar="CAR", help="the open car, or 'none' to clear it")
    rules = commands.add_parser("event-rules", help="an event's own stages or exhibition")
    rules.add_argument("event", metavar="EVENT")
    rules.add_argument("--stages", metavar="N", help="scored stages (e.g. 3), or 'pack'")
    paying = rules.add_mutually_exclusive_group()
    paying.add_argument("--exhibition", action="store_true", help="pays no points")
    paying.add_argument("--points-paying", action="store_true", help="pays points (default)")
    duels = commands.add_parser("add-duels", help="give an event the Daytona 500's sessions")
    duels.add_argument("event", metavar="EVENT")


def _declare_oep(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    event = find_event(storage, args.event)
    car = None if args.car.strip().casefold() == "none" else args.car
    declared, _ = services.declare_oep(storage.uow_factory(), event.id, car)
    who = f"No. {declared.car_number}" if declared else "no car"
    print(f"{event.key}: {who} holds the Open Exemption Provisional")
    return 0


def _event_rules(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    event = find_event(storage, args.event)
    stages = event.stages_scored
    if args.stages is not None:
        text = args.stages.strip().casefold()
        if text != "pack" and not (text.isascii() and text.isdigit()):
            raise ValidationError(f"--stages {args.stages!r}: write a number such as 3, or 'pack'")
        stages = None if text == "pack" else int(text)
    paying = event.points_paying
    if args.exhibition or args.points_paying:
        paying = args.points_paying
    event, _ = services.set_event_rules(
        storage.uow_factory(), event.id, stages_scored=stages, points_paying=paying
    )
    scored = "the pack's" if event.stages_scored is None else str(event.stages_scored)
    kind = "points-paying" if event.points_paying else "an exhibition (no points)"
    print(f"{event.key}: {kind}, {scored} scored stages")
    return 0


def _add_duels(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    event = find_event(storage, args.event)
    ruleset = storage.rulesets.get(event.ruleset_key)
    if ruleset is None:
        raise NotFoundError(f"no rule pack {event.ruleset_key} for {event.key}")
    added, _ = services.add_duels(storage.uow_factory(), event.id, ruleset)
    names = ", ".join(s.name for s in added) or "nothing (it has them all)"
    print(f"{event.key}: added {names}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; expected failures become one line on stderr."""
    if not getattr(args, "verbose", False):
        # Migration chatter would bury the one line a script reads on stderr.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        if args.command == "init":
            return _init(args)
        from persistence.storage import open_storage

        storage = open_storage(args.db)
        try:
            return _COMMANDS[args.command](storage, args)
        finally:
            storage.close()
    except DomainError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except StorageError as exc:
        return _fail(str(exc), EXIT_STORAGE)
    except BrokenPipeError:
        # The reader stopped early (`| head`): not a failure; keep Python from complaining.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _fail(message: str, code: int) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return code


def _init(args: argparse.Namespace) -> int:
    from persistence.storage import create_database

    location = create_database(args.path, demo=args.demo)
    print(f"Created {location}{' with the demo weekends' if args.demo else ''}.")
    return 0


def find_event(storage: Storage, key: str) -> Event:
    """The event with this key, or a message that says how to see the keys."""
    with storage.uow_factory() as uow:
        try:
            return uow.events.get_by_key(key)
        except NotFoundError:
            raise NotFoundError(f"no event '{key}'; run `python main.py list`") from None


def _list(storage: Storage, args: argparse.Namespace) -> int:
    with storage.uow_factory() as uow:
        events = uow.events.list()
        sessions = {e.id: uow.sessions.list_for_event(e.id) for e in events}
    if not events:
        print("No events yet.")
    for event in events:
        dates = f"{event.start_date:%Y-%m-%d}"
        if event.end_date != event.start_date:
            dates += f" to {event.end_date:%Y-%m-%d}"
        print(f"{event.key}  {event.name}, {event.track.name}, {dates}")
        names = ", ".join(
            s.name + (" (cancelled)" if s.cancelled else "") for s in sessions[event.id]
        )
        print(f"    sessions: {names or 'none'}")
    return 0


def _import(storage: Storage, args: argparse.Namespace) -> int:
    from domain.services import imports
    from persistence.csv_io import read_csv

    event = find_event(storage, args.event)
    table = read_csv(args.file)
    uow = storage.uow_factory()
    if args.command == "import-entries":
        report = imports.import_entries(uow, event.key, table)
    elif args.command == "import-laps":
        report = imports.import_laps(uow, event.key, table, session_name=args.session)
    else:
        report = imports.import_results(uow, event.key, table, session_name=args.session)
    print(report.summary)
    return 0


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """A plain text table; columns in `right` are right-aligned (numbers and times)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _weekend(storage: Storage, key: str) -> Weekend:
    from domain.services.weekend import load_weekend

    event = find_event(storage, key)
    return load_weekend(storage.uow_factory, event.key, storage.rulesets)


def _board(storage: Storage, args: argparse.Namespace) -> int:
    weekend = _weekend(storage, args.event)
    session = _session(weekend, args.session) if args.session else None
    if session is None:
        print(field_board_text(weekend))
        return 0
    if session.kind is SessionKind.RACE:
        print(f"{weekend.event.key}: {session.name}")
        print(results_text(weekend))
        return 0
    rows = [b for b in weekend.boards if b.session.id == session.id]
    length = weekend.event.track.length_millimiles
    table = [
        (
            _text(b.position), b.car_number, b.driver, str(b.laps_run), _time(b.best_lap_ms),
            format_speed(b.best_lap_ms, length) if b.best_lap_ms else "",
            _gap(b.gap_to_first_ms), _gap(b.gap_to_ahead_ms),
        )
        for b in rows
    ]  # fmt: skip
    header = ("Pos", "Car", "Driver", "Laps", "Best", "mph", "Gap", "Ahead")
    print(f"{weekend.event.key}: {session.name}")
    print(format_table(header, table, right={0, 3, 4, 5, 6, 7}))
    return 0


def results_text(weekend: Weekend) -> str:
    """The race results with each car's driver points (owner points where the driver is "(i)")."""
    rows = [
        (
            str(s.position), s.result.car_number, s.driver, str(s.result.laps),
            str(s.result.laps_led), s.result.status, str(s.points.driver_total),
            str(s.points.owner_total),
        )
        for s in weekend.results
    ]  # fmt: skip
    header = ("Pos", "Car", "Driver", "Laps", "Led", "Status", "Points", "Owner")
    return format_table(header, rows, right={0, 3, 4, 6, 7})


def field_board_text(weekend: Weekend) -> str:
    """The qualifying board with the bubble line under the last open car in on speed."""
    from domain.rules.field import bubble_index

    field = weekend.field
    if field is None:
        raise ValidationError(
            f"{weekend.event.key} has no qualifying session; pass --session NAME for another."
        )
    rows = [
        (
            _text(f.position), f.car_number, f.driver_name, _time(f.best_lap_ms),
            _gap(f.gap_to_pole_ms), _gap(f.gap_to_cutoff_ms), str(f.status),
        )
        for f in field.rows
    ]  # fmt: skip
    header = ("Pos", "Car", "Driver", "Best", "Gap", "Cutoff", "Status")
    lines = format_table(header, rows, right={0, 3, 4, 5}).split("\n")
    bubble = bubble_index(field)
    if bubble is not None:
        width = max(len(line) for line in lines)
        lines.insert(bubble + 3, "~~ cutoff ".ljust(width, "~"))
    return "\n".join([f"{weekend.event.key}: {field.summary}", *lines])


def _lineup(storage: Storage, args: argparse.Namespace) -> int:
    field = _weekend(storage, args.event).field
    if field is None:
        raise ValidationError(f"{args.event} has no qualifying session, so no lineup yet.")
    rows = [
        (
            _text(f.starting_position),
            f.car_number,
            f.driver_name,
            str(f.status),
            _time(f.best_lap_ms),
        )
        for f in field.lineup
    ]
    print(format_table(("Start", "Car", "Driver", "Status", "Best"), rows, right={0, 4}))
    if field.dnq:
        print("\nDid not qualify:")
    for f in field.dnq:
        print(f"  {f.reason}" if f.reason else f"  No. {f.car_number} ({f.driver_name}): out")
    return 0


def _standings(storage: Storage, args: argparse.Namespace) -> int:
    if args.after is not None or args.format != "table":
        return standings_after(storage, args)
    key = args.series
    if args.season is not None:
        with storage.uow_factory() as uow:
            events = uow.events.list_for_season(canonical_series(args.series), args.season)
        if not events:
            raise NotFoundError(
                f"no events for {args.series} {args.season}; run `python main.py list`"
            )
        key = events[-1].key
    weekend = _weekend(storage, key)
    standings = weekend.owner_standings if args.owners else weekend.driver_standings
    who = "Owner" if args.owners else "Driver"
    rows = [
        (str(s.position), s.name, str(s.points), str(-s.behind_leader), str(s.wins),
         str(s.top5), str(s.top10), str(s.playoff_points))
        for s in standings
    ]  # fmt: skip
    header = ("Pos", who, "Points", "Behind", "Wins", "Top 5", "Top 10", "Playoff")
    print(f"{who} standings after {weekend.event.key}")
    print(format_table(header, rows, right={0, 2, 3, 4, 5, 6, 7}))
    return 0


def _export(storage: Storage, args: argparse.Namespace) -> int:
    from persistence.summary_export import export_weekend

    weekend = _weekend(storage, args.event)
    folder = args.out or Path(f"{weekend.event.key}-summary")
    written = export_weekend(weekend, folder)
    print(f"Wrote {len(written)} files to {folder}: {', '.join(p.name for p in written)}")
    return 0


def _session(weekend: Weekend, name: str) -> Session:
    for session in weekend.sessions:
        if session.name.casefold() == name.strip().casefold():
            return session
    known = ", ".join(s.name for s in weekend.sessions) or "none"
    raise NotFoundError(f"no session '{name}' in {weekend.event.key}; its sessions: {known}")


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def _time(ms: int | None) -> str:
    return "" if ms is None else format_lap_time(ms)


def _gap(ms: int | None) -> str:
    return "" if ms is None else format_gap(ms)


_COMMANDS: dict[str, Callable[[Storage, argparse.Namespace], int]] = {
    "list": _list,
    "import-entries": _import,
    "import-laps": _import,
    "import-results": _import,
    "board": _board,
    "lineup": _lineup,
    "standings": _standings,
    "export": _export,
    "declare-oep": _declare_oep,
    "event-rules": _event_rules,
    "add-duels": _add_duels,
}
