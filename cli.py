"""The command line: list, init, import, board, lineup, standings, export, check, backups, restore.

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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import cli_drivers
import cli_weekends
from cli_feeds import FEED_COMMANDS, add_feed_commands
from cli_formats import add_format_option, emit
from cli_standings import add_after_option, standings_after
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
# Commands that never write the database: they run while the app has the file open.
READERS = frozenset({"list", "board", "lineup", "standings", "export", "report"})
Command = Callable[["Storage", argparse.Namespace], int]


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add every command to main.py's parser; all of them honour the global --db."""
    add_format_option(commands.add_parser("list", help="list the events, keys and sessions"))
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
    add_format_option(board)
    lineup = commands.add_parser("lineup", help="the starting lineup and who failed to qualify")
    lineup.add_argument("event", metavar="EVENT")
    add_format_option(lineup)
    standings = commands.add_parser("standings", help="driver (or owner) standings")
    standings.add_argument("series", metavar="SERIES_OR_EVENT", help="truck, or an event key")
    standings.add_argument("season", metavar="SEASON", type=int, nargs="?")
    standings.add_argument("--owners", action="store_true", help="owner points instead")
    add_after_option(standings)
    add_format_option(standings)
    _add_race_weekend_commands(commands)
    export = commands.add_parser("export", help="write the weekend summary as CSV files")
    export.add_argument("event", metavar="EVENT")
    export.add_argument(
        "--out", metavar="PATH", type=_folder_argument, help="default: ./EVENT-summary"
    )
    cli_weekends.add_commands(commands)
    cli_drivers.add_commands(commands)
    add_feed_commands(commands)
    _add_file_commands(commands)
    sync = commands.add_parser(
        "sync", help="merge a weekend file and the team server both ways (every lap once)"
    )
    sync.add_argument("file", metavar="FILE", help="the weekend file this laptop kept offline")
    sync.add_argument("--with", dest="server", metavar="URL", required=True,
                      help="the team server, e.g. postgresql+psycopg://user@host/db")  # fmt: skip


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


def run(args: argparse.Namespace, more: Mapping[str, Command] | None = None) -> int:
    """Run the chosen command; expected failures become one line on stderr.

    `more` adds commands main.py implements (`report` needs Qt, which cli.py never imports).
    """
    if not getattr(args, "verbose", False):
        _quiet_libraries()
    try:
        if args.command == "init":
            return _init(args)
        if args.command in _FILE_COMMANDS:
            return _FILE_COMMANDS[args.command](args)
        if args.command == "sync":
            return _sync(args)
        from persistence.storage import open_storage

        storage = open_storage(args.db, read_only=args.command in READERS)
        try:
            if getattr(storage, "check_pending", False):  # a big file: checked before use
                storage.check_integrity()
            return {**_COMMANDS, **(more or {})}[args.command](storage, args)
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


def _sync(args: argparse.Namespace) -> int:
    """Merge FILE and the server; Ctrl-C stops it cleanly (each side all or nothing)."""
    import signal

    from domain.errors import ReadOnlyError
    from persistence.storage import open_storage
    from persistence.sync import sync_databases

    stop = []
    previous = signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    here = open_storage(args.file)
    try:
        there = open_storage(args.server)
        try:
            if there.read_only:
                raise ReadOnlyError(
                    f"Your account on {there.location} may only read (a viewer role), so the "
                    "file cannot be merged into it. Sync with a writer account."
                )
            report = sync_databases(
                here.engine, there.engine, progress=_progress_line(), cancelled=lambda: bool(stop)
            )
        finally:
            there.close()
    finally:
        here.close()
        signal.signal(signal.SIGINT, previous)
    print(report.summary)
    for conflict in report.conflicts:
        kept = {"here": "the file's", "there": "the server's"}.get(conflict.kept, conflict.kept)
        print(f"  conflict: {conflict.subject}: file had {conflict.here}; server had "
              f"{conflict.there}; kept {kept}")  # fmt: skip
    return 0


def _progress_line() -> Callable[[str, int, int], None]:
    """Progress on one rewritten line of a terminal; nothing when stderr is a file or pipe."""
    if not sys.stderr.isatty():
        return lambda _what, _done, _total: None

    def show(what: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{what}: {done:,} of {total:,} records", end=end, file=sys.stderr, flush=True)

    return show


def find_event(storage: Storage, key: str) -> Event:
    """The event with this key, or a message that says how to see the keys."""
    with storage.uow_factory() as uow:
        try:
            return uow.events.get_by_key(key)
        except NotFoundError:
            raise NotFoundError(f"no event '{key}'; run `python main.py list`") from None


def _list(storage: Storage, args: argparse.Namespace) -> int:
    with storage.uow_factory() as uow:
        events = uow.events.all()
        sessions = {e.id: uow.sessions.list_for_event(e.id) for e in events}
    if args.format != "table":
        from persistence.summary_export import schedule_table

        emit(args.format, *schedule_table(events, sessions))
        return 0
    if not events:
        print(
            "No events yet. Add a season and an event (python main.py add-season cup 2027, "
            "then add-event), or import a schedule (import-schedule FILE)."
        )
    for event in events:
        print(cli_weekends.describe_event(event))
        print(f"    sessions: {cli_weekends.session_names(sessions[event.id]) or 'none'}")
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
    if args.format != "table":
        _emit_board(args.format, weekend, session)
        return 0
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


def _emit_board(fmt: str, weekend: Weekend, session: Session | None) -> None:
    """A board as the export writes it: the field (lineup.csv), results or a session's times."""
    from persistence import summary_export

    if session is None:
        if weekend.field is None:
            field_board_text(weekend)  # raises the message that names --session
        emit(fmt, *summary_export.lineup_table(weekend))
    elif session.kind is SessionKind.RACE:
        emit(fmt, *summary_export.results_table(weekend.results, weekend.drivers))
    else:
        boards = [b for b in weekend.boards if b.session.id == session.id]
        emit(fmt, *summary_export.sessions_table(boards, weekend.event.track.length_millimiles))


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
    weekend = _weekend(storage, args.event)
    field = weekend.field
    if field is None:
        raise ValidationError(f"{args.event} has no qualifying session, so no lineup yet.")
    if args.format != "table":
        from persistence.summary_export import lineup_table

        emit(args.format, *lineup_table(weekend))
        return 0
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
    if args.after is not None:  # the season's standings after a race, with postseason columns
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
    if args.format != "table":
        from persistence.summary_export import standings_table

        emit(args.format, *standings_table(weekend, owners=args.owners))
        return 0
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


_COMMANDS: dict[str, Command] = {
    "list": _list,
    "board": _board,
    "lineup": _lineup,
    "standings": _standings,
    "export": _export,
    "declare-oep": _declare_oep,
    "event-rules": _event_rules,
    "add-duels": _add_duels,
    **cli_weekends.COMMANDS,
    **cli_drivers.COMMANDS,
    **FEED_COMMANDS,
}


def _folder_argument(text: str) -> Path:
    """--out "" would mean the current folder by accident: refuse it (argparse says why)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a folder name (an empty one is not a folder)")
    return Path(text)


def _quiet_libraries() -> None:
    """Keep the libraries' own chatter off the terminal (--verbose shows it): migration notes
    and a lost server's pool and driver warnings would bury the one line a script reads."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn(...) from psycopg, SQLAlchemy: to logging
    for name in ("py.warnings", "sqlalchemy", "psycopg"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


# Commands on the weekend file itself: they never open it for writing through open_storage.
def _add_file_commands(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="check a weekend file for damage (read-only)")
    check.add_argument("file", metavar="FILE", help="the weekend file (or sqlite:///PATH)")
    commands.add_parser("backups", help="list the backups of the --db file (newest first)")
    restore = commands.add_parser(
        "restore", help="bring back a backup; the current file is kept aside, not overwritten"
    )
    restore.add_argument("backup", metavar="BACKUP", help="a path or name from `backups`")


def _weekend_file(args: argparse.Namespace) -> Path:
    """The file --db names (a path or sqlite:///PATH), or the embedded one."""
    from persistence import db
    from persistence.storage import embedded_path

    if args.db is None:
        return embedded_path()
    target = db.file_target(args.db)
    if db.is_server(target):
        raise ValidationError(
            "Backups are for weekend files; a team server is backed up by its administrator "
            "(pg_dump). Give --db a file path."
        )
    return Path(target).expanduser()


def _check(args: argparse.Namespace) -> int:
    """Every page, index and foreign key, read-only: a damaged file exits 3 and says so."""
    from persistence import db, integrity

    path = Path(db.file_target(args.file)).expanduser()
    db.ensure_readable_sqlite_file(path)
    integrity.ensure_sound(path, integrity.full_check(path))
    found = integrity.look(path, check=None)
    db.ensure_known_revision(found.revision, str(path), is_trackside=found.is_trackside)
    print(f"{path}: no damage found (SQLite's integrity check and foreign key check).")
    return 0


def _backups(args: argparse.Namespace) -> int:
    from persistence.backups import backups_folder, list_backups

    path = _weekend_file(args)
    found = list_backups(path)
    if not found:
        print(
            f"No backups of {path} yet. Trackside takes one when it opens and closes the file, "
            "and every hour it is open."
        )
        return 0
    rows = [
        (f"{b.taken_at.astimezone():%Y-%m-%d %H:%M:%S}", b.reason, _size(b.size_bytes), b.path.name)
        for b in found
    ]
    print(f"Backups of {path}, newest first, in {backups_folder(path)}:")
    print(format_table(("Taken", "Why", "Size", "Backup"), rows, right={2}))
    print(f"Bring one back with: python main.py --db {path} restore BACKUP")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from persistence.backups import backups_folder, restore_backup

    path = _weekend_file(args)
    backup = Path(args.backup).expanduser()
    if not backup.exists() and backup.name == args.backup:  # a name as `backups` lists it
        backup = backups_folder(path) / args.backup
    aside = restore_backup(backup, path)
    kept = f" The file it replaced is kept as {aside}." if aside else ""
    print(f"Restored {backup} to {path}.{kept}")
    return 0


def _size(size_bytes: int) -> str:
    return (
        f"{size_bytes / 1_000_000:.1f} MB" if size_bytes >= 100_000 else f"{size_bytes // 1000} kB"
    )


_FILE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "backups": _backups,
    "restore": _restore,
}
