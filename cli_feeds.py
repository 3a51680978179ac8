"""Command-line commands for NASCAR's files: import-feed, verify, follow (cli.py registers them).

A progress line is written to stderr only when it is a terminal, so scripts stay quiet.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from domain.ports import Storage
    from domain.services.import_cells import ImportReport

DEFAULT_EVERY_S = 5.0


def add_feed_commands(commands: argparse._SubParsersAction) -> None:
    feed = commands.add_parser(
        "import-feed", help="import NASCAR's own saved files (weekend feed, lap times, …)"
    )
    feed.add_argument("files", metavar="FILE", type=Path, nargs="+", help="docs/FEEDS.md")
    feed.add_argument("--event", metavar="KEY", help="import into this event")
    verify = commands.add_parser("verify", help="compare Trackside's points with NASCAR's")
    verify.add_argument("event", metavar="EVENT")
    follow = commands.add_parser("follow", help="follow a live feed (a URL or a file)")
    follow.add_argument("source", metavar="SOURCE", help="the live feed's URL, or a file path")
    follow.add_argument("--event", metavar="KEY", required=True)
    follow.add_argument(
        "--every", metavar="SECONDS", type=float, default=DEFAULT_EVERY_S, help="default: 5"
    )
    season = commands.add_parser(
        "import-season", help="import a season's results sheet (racing-reference layout)"
    )
    season.add_argument("file", metavar="FILE", type=Path, help="the CSV sheet (docs/FEEDS.md)")
    season.add_argument("--series", metavar="S", required=True, help="cup, xfinity, truck, …")
    season.add_argument("--season", metavar="Y", type=int, required=True)


def progress_line(
    stream: TextIO, what: str, *, percent: bool = False
) -> Callable[[int, int], None]:
    """A "\\rImporting file 3 of 10" line on a terminal; nothing on a file or a pipe."""
    if not stream.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        amount = f"{100 * done // max(total, 1)}%" if percent else f"{done:,} of {total:,}"
        stream.write(f"\r{what} {amount}{end}")
        stream.flush()

    return show


def import_laps_file(
    storage: Storage, event_key: str, path: Path, session: str | None
) -> ImportReport:
    """A CSV lap file streamed in batches, with a progress line on a terminal."""
    from domain.services.imports import import_laps
    from persistence.csv_io import open_csv_stream

    with open_csv_stream(path, progress_line(sys.stderr, "Importing laps", percent=True)) as rows:
        report, _ = import_laps(storage.uow_factory(), event_key, rows, session_name=session)
    return report


def import_feed(storage: Storage, args: argparse.Namespace) -> int:
    from domain.services.feed_import import import_feeds
    from persistence.feeds import read_feed

    feeds = [read_feed(path) for path in args.files]
    reports, _ = import_feeds(
        storage.uow_factory(),
        storage.rulesets,
        feeds,
        event_key=args.event,
        progress=progress_line(sys.stderr, "Importing file"),
    )
    for report in reports:
        print(report.summary)
    return 0


def import_season(storage: Storage, args: argparse.Namespace) -> int:
    from domain.services.season_sheet import import_season_sheet
    from persistence.csv_io import read_csv

    report, _ = import_season_sheet(
        storage.uow_factory(),
        storage.rulesets,
        args.series,
        args.season,
        read_csv(args.file),
        progress=progress_line(sys.stderr, "Importing race"),
    )
    print(report.summary)
    return 0


def verify(storage: Storage, args: argparse.Namespace) -> int:
    from domain.services.cross_check import verify_points

    check = verify_points(storage.uow_factory, args.event, storage.rulesets)
    print(check.summary.replace("; ", "\n  ", 1).replace("; No. ", "\n  No. "))
    if check.not_in_results:
        print(
            f"  NASCAR scored cars with no result in Trackside: {', '.join(check.not_in_results)}"
        )
    return 0


def follow(storage: Storage, args: argparse.Namespace) -> int:
    """Poll until Ctrl+C (or SIGTERM); each poll prints one status line."""
    from cli import find_event
    from domain.services.follow import follow_once
    from persistence.feeds import parse_feed_bytes
    from persistence.feeds.source import open_source

    event = find_event(storage, args.event)
    source = open_source(args.source)
    stopping = _stop_on_signals()
    print(f"Following {source.label} into {event.key} every {args.every:g} s; Ctrl+C stops.")
    while not stopping():
        step = follow_once(
            storage.uow_factory, storage.rulesets, event.key, source, parse_feed_bytes
        )
        print(f"{time.strftime('%H:%M:%S')} {step.status}", flush=True)
        _sleep(args.every, stopping)
    print("Stopped following.")
    return 0


def _stop_on_signals() -> Callable[[], bool]:
    """Ctrl+C and SIGTERM end the loop between polls, never in the middle of a commit."""
    stop = [False]

    def request(signum: int, frame: FrameType | None) -> None:
        stop[0] = True

    signal.signal(signal.SIGINT, request)
    signal.signal(signal.SIGTERM, request)
    return lambda: stop[0]


def _sleep(seconds: float, stopping: Callable[[], bool]) -> None:
    deadline = time.monotonic() + seconds
    while not stopping() and time.monotonic() < deadline:
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))


FEED_COMMANDS: dict[str, Callable[[Storage, argparse.Namespace], int]] = {
    "import-feed": import_feed,
    "verify": verify,
    "follow": follow,
    "import-season": import_season,
}
