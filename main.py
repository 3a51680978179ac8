"""Trackside's composition root: arguments, logging, paths, storage, then the window or a command.

The only module that imports both persistence/ and ui/. Heavy imports (Qt, SQL) happen only
once the chosen path needs them, so `--help` and the window both start quickly.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import cli

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from domain.feeds import FeedFile, FeedReader, SnapshotSource
    from domain.model import Event
    from domain.ports import BackupRecord, Storage, TeamLink
    from domain.services.import_cells import ImportTable
    from domain.team import SyncReport

    SyncProgress = Callable[[str, int, int], None]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Trackside: an offline race-weekend tracker for NASCAR-style series. "
        "With no command it opens the desktop app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="a weekend database file, or postgresql+psycopg://user@host/db for a team server "
        "(default: the embedded database in your data folder, with the demo weekends)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debugging detail")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli.add_commands(commands)
    add_report_command(commands)
    return parser


def add_report_command(commands: argparse._SubParsersAction) -> None:
    """`report` renders with Qt (ui/printing), so it lives here and cli.py stays free of Qt."""
    report = commands.add_parser(
        "report", help="print the lineup with DNQ reasons, session boards and standings to PDF"
    )
    report.add_argument("event", metavar="EVENT", help="the event key, e.g. cup-2025-chicago")
    report.add_argument("--pdf", metavar="FILE", type=Path, required=True, help="the PDF to write")
    report.add_argument(
        "--only",
        choices=("lineup", "boards", "standings"),
        action="append",
        help="print only this part (repeatable; default: all three)",
    )
    report.add_argument("--session", metavar="NAME", action="append", help="boards of this session")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "report":
        return cli.run(args, {"report": write_report})
    if args.command:
        return cli.run(args)
    # Start-up allocates ~1,000 modules' worth of objects and frees almost none, so collecting
    # while it runs is wasted work (docs/BENCHMARKS.md). run_gui collects once, freezes what
    # is left and switches collection back on when every tab is built (settled).
    gc.disable()
    from ui import start_up

    start_up.install()  # threading settings and library patches, before Qt or numpy load
    from ui.app import run_gui

    return run_gui(
        open_storage,
        args.db,
        export_weekend,
        FileBackups(),
        connect_team=connect_team,
        sync_with=sync_with,
        create_storage=create_storage,
        weekend_files=WeekendFiles(),
        feed_reader=LazyFeedReader(),
    )


def open_storage(target: str | None) -> Storage:
    """The app's database opener: imported on use, so the window shows before SQL loads."""
    from persistence.storage import open_storage as open_app_storage

    return open_app_storage(target)


def connect_team(storage: Storage) -> TeamLink | None:
    """A team server's live link (LISTEN, the lap outbox); None for a weekend file."""
    from persistence.storage import SqlStorage

    if not isinstance(storage, SqlStorage) or storage.engine.dialect.name == "sqlite":
        return None
    from persistence.team_client import TeamClient, outbox_path  # psycopg: only for a server

    return TeamClient(storage, outbox_path(storage.location))


def sync_with(
    storage: Storage, other: str, progress: SyncProgress, cancelled: Callable[[], bool]
) -> SyncReport:
    """Merge the open database with `other` (the server when a file is open, and back)."""
    from persistence.storage import SqlStorage, open_storage
    from persistence.sync import sync_databases

    assert isinstance(storage, SqlStorage)
    opened = open_storage(other)
    try:
        if storage.engine.dialect.name == "sqlite":
            here, there = storage, opened
        else:
            here, there = opened, storage
        return sync_databases(here.engine, there.engine, progress=progress, cancelled=cancelled)
    finally:
        opened.close()


def write_report(storage: Storage, args: argparse.Namespace) -> int:
    """`report EVENT --pdf FILE`: the printed report as a PDF, rendered by ui/printing."""
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF needs no screen
    from PySide6.QtGui import QGuiApplication

    from domain.services.weekend import load_weekend
    from ui.printing.pdf_report import write_report_pdf
    from ui.printing.report_sections import Part

    event = cli.find_event(storage, args.event)
    weekend = load_weekend(storage.uow_factory, event.key, storage.rulesets)
    app = QGuiApplication.instance() or QGuiApplication(["trackside-report"])
    parts = [Part(name) for name in args.only] if args.only else list(Part)
    pages = write_report_pdf(weekend, args.pdf, parts, sessions=args.session or ())
    del app
    print(f"Wrote {args.pdf} ({pages} page{'s' if pages != 1 else ''}).")
    return 0


def create_storage(path: str) -> Storage:
    """A new, empty weekend file at `path`, opened: the app's "New database…" and "Create it"."""
    from persistence.storage import create_database

    return open_storage(create_database(path, demo=False))


def export_weekend(storage: Storage, event: Event, folder: Path) -> list[Path]:
    """The weekend summary, as `main.py export` writes it: derived from the stored facts."""
    from domain.services.weekend import load_weekend
    from persistence.summary_export import export_weekend as write_summary

    return write_summary(load_weekend(storage.uow_factory, event.key, storage.rulesets), folder)


class WeekendFiles:
    """The files the window reaches through persistence/ (ui.weekend_files.WeekendFiles)."""

    def read_csv(self, path: Path) -> ImportTable:
        from persistence.csv_io import read_csv

        return read_csv(path)

    def create_database(self, path: str, *, demo: bool) -> str:
        from persistence.storage import create_database

        return create_database(path, demo=demo)

    def demo_database(self) -> str:
        """demo.db in the data folder, filled with the demo weekends the first time."""
        from persistence.storage import create_database, data_dir

        path = data_dir() / "demo.db"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            create_database(str(path), demo=True)
        return str(path)


class LazyFeedReader:
    """domain.feeds.FeedReader that imports persistence/feeds on first use (start-up stays fast)."""

    def _reader(self) -> FeedReader:
        from persistence.feeds import FileFeedReader

        return FileFeedReader()

    def read(self, path: Path) -> FeedFile:
        return self._reader().read(path)

    def parse(self, data: bytes, source: str) -> FeedFile:
        return self._reader().parse(data, source)

    def source(self, text: str) -> SnapshotSource:
        return self._reader().source(text)


class FileBackups:
    """domain.ports.BackupShelf for the app, importing persistence only when first used."""

    def list_backups(self, location: str) -> Sequence[BackupRecord]:
        from persistence.backups import FileBackupShelf

        return FileBackupShelf().list_backups(location)

    def restore(self, backup: Path, location: str) -> Path | None:
        from persistence.backups import FileBackupShelf

        return FileBackupShelf().restore(backup, location)


if __name__ == "__main__":
    sys.exit(main())
