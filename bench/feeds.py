"""Bringing data in (DESIGN §6): a weekend feed, lap-times.json, CSV laps at any size.

Each import runs in a fresh database; the CSV imports each run in their own process so the
peak memory (VmHWM) is the import's own. `python -m bench.feeds csv DB EVENT FILE` is that
worker.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench import feed_files
from bench.measure import Figure, median, peak_memory_mb

WEEKEND_TARGET_MS = 300.0
SEASON_SHEET_TARGET_MS = 3_000.0
FOLLOW_TARGET_MS = 100.0
SNAPSHOTS = 10
LAP_TIMES_TARGET_MS = 1_500.0
CSV_TARGET_MS = 5_000.0
CSV_PEAK_TARGET_MB = 200.0
CSV_ROWS = 100_000
BIG_FILE_MB = 50
RUNS = 3
ROOT = Path(__file__).resolve().parent.parent


def _fresh(workdir: Path, name: str) -> Path:
    from persistence.storage import create_database

    path = workdir / f"{name}.db"
    path.unlink(missing_ok=True)
    return Path(create_database(str(path), demo=False))


def _import(db: Path, files: list[Path], event_key: str | None = None) -> float:
    """Milliseconds to read and store the files, as `main.py import-feed` does."""
    from domain.services.feed_import import import_feeds
    from persistence.feeds import read_feed
    from persistence.storage import open_storage

    storage = open_storage(str(db))
    try:
        started = time.perf_counter()
        feeds = [read_feed(f) for f in files]
        import_feeds(storage.uow_factory(), storage.rulesets, feeds, event_key=event_key)
        return (time.perf_counter() - started) * 1000
    finally:
        storage.close()


def _weekend_db(workdir: Path, weekend: Path, name: str) -> tuple[Path, str]:
    db = _fresh(workdir, name)
    _import(db, [weekend])
    from persistence.storage import open_storage

    storage = open_storage(str(db))
    with storage.uow_factory() as uow:
        key = uow.events.all()[0].key
    storage.close()
    return db, key


def figures(workdir: Path) -> list[Figure]:
    weekend = feed_files.write_weekend_feed(workdir / "weekend-feed.json")
    lap_times = feed_files.write_lap_times(workdir / "lap-times.json")
    weekend_ms = [_import(_fresh(workdir, f"weekend{i}"), [weekend]) for i in range(RUNS)]
    lap_ms = []
    for i in range(RUNS):
        db, key = _weekend_db(workdir, weekend, f"laps{i}")
        lap_ms.append(_import(db, [lap_times], key))
    rows_file = feed_files.write_csv_laps(workdir / "laps-100k.csv", CSV_ROWS)
    big_rows = int(BIG_FILE_MB * 1024 * 1024 / (rows_file.stat().st_size / CSV_ROWS))
    big_file = feed_files.write_csv_laps(workdir / "laps-big.csv", big_rows)
    csv_100k = _csv_worker(*_weekend_db(workdir, weekend, "csv100k"), rows_file)
    raw_ms = raw_reference_ms(rows_file, workdir)
    csv_big = _csv_worker(*_weekend_db(workdir, weekend, "csvbig"), big_file)
    big_mb = big_file.stat().st_size / (1024 * 1024)
    sheet = feed_files.write_season_sheet(workdir / "season-sheet.csv")
    sheet_ms = [_import_sheet(_fresh(workdir, f"sheet{i}"), sheet) for i in range(RUNS)]
    follow_ms = _follow_worker(workdir, weekend)
    return [
        Figure(
            "Weekend feed imported (40 cars, practice, qualifying, results; median)",
            median(weekend_ms),
            "ms",
            WEEKEND_TARGET_MS,
            f"median of {RUNS}, each into a fresh database",
        ),
        Figure(
            "lap-times.json imported (39 cars × 500 laps = 19,500 laps; median)",
            median(lap_ms),
            "ms",
            LAP_TIMES_TARGET_MS,
            f"median of {RUNS}; read, checked and stored",
        ),
        Figure(
            "100,000 CSV lap rows imported",
            csv_100k["ms"],
            "ms",
            CSV_TARGET_MS,
            f"raw csv + sqlite3 inserts of the same rows in this run: {raw_ms:,.0f} ms "
            f"({csv_100k['ms'] / raw_ms:.1f}× that floor; the issue's machine: 1.1 s)",
        ),
        Figure("100,000 CSV lap rows: peak memory", csv_100k["peak_mb"], "MB", CSV_PEAK_TARGET_MB),
        Figure(
            "Season results sheet imported (36 races × 40 cars; median)",
            median(sheet_ms),
            "ms",
            SEASON_SHEET_TARGET_MS,
            f"median of {RUNS}, each into a fresh database; points compared race by race",
        ),
        Figure(
            "Followed live-feed snapshot → Practice board painted (median)",
            median(follow_ms),
            "ms",
            FOLLOW_TARGET_MS,
            f"{SNAPSHOTS} snapshots of 40 cars, each adding a lap per car; worst "
            f"{max(follow_ms):.0f} ms",
        ),
        Figure(
            f"{big_mb:.0f} MB CSV lap file ({big_rows:,} rows): peak memory",
            csv_big["peak_mb"],
            "MB",
            CSV_PEAK_TARGET_MB,
            f"imported in {csv_big['ms'] / 1000:.1f} s",
        ),
    ]


def raw_reference_ms(csv_file: Path, workdir: Path) -> float:
    """The floor the issue quotes: csv.reader + sqlite3 executemany of the same rows into a
    table with the laps table's indexes, no checks, measured in this run."""
    import csv
    import sqlite3
    import uuid

    path = workdir / "raw-reference.db"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE laps (id CHAR(32) PRIMARY KEY, session_id CHAR(32), car_number TEXT, "
        "lap_ms INTEGER, flag TEXT, note TEXT, logged_at TEXT, lap_number INTEGER)"
    )
    connection.execute("CREATE INDEX ix ON laps (session_id, logged_at)")
    connection.execute("CREATE UNIQUE INDEX uq ON laps (session_id, car_number, lap_number)")
    session = uuid.uuid4().hex
    started = time.perf_counter()
    with csv_file.open(newline="", encoding="utf-8") as source:
        rows = csv.reader(source)
        next(rows)
        connection.executemany(
            "INSERT INTO laps VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                (uuid.uuid4().hex, session, car, int(float(t) * 1000), None, note, "")
                for _, car, t, _, note in rows
            ),
        )
    connection.commit()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed


def _import_sheet(db: Path, sheet: Path) -> float:
    from domain.services.season_sheet import import_season_sheet
    from persistence.csv_io import read_csv
    from persistence.storage import open_storage

    storage = open_storage(str(db))
    try:
        started = time.perf_counter()
        import_season_sheet(
            storage.uow_factory(), storage.rulesets, "cup", feed_files.SEASON, read_csv(sheet)
        )
        return (time.perf_counter() - started) * 1000
    finally:
        storage.close()


def _follow_worker(workdir: Path, weekend: Path) -> list[float]:
    """The app's follow path in its own process (Qt offscreen), over a weekend with Practice."""
    db, key = _weekend_db(workdir, weekend, "follow")
    folder = workdir / "snapshots"
    folder.mkdir(exist_ok=True)
    paths = feed_files.write_practice_snapshots(folder, SNAPSHOTS)
    done = subprocess.run(
        [sys.executable, "-m", "bench.follow_paint", str(db), key, *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _csv_worker(db: Path, event_key: str, csv_file: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.feeds", "csv", str(db), event_key, str(csv_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _csv_import(db: str, event_key: str, csv_file: str) -> None:
    """The worker: import the file as `main.py import-laps` does, print time and peak memory."""
    from cli_feeds import import_laps_file
    from persistence.storage import open_storage

    storage = open_storage(db)
    try:
        started = time.perf_counter()
        report = import_laps_file(storage, event_key, Path(csv_file), None)
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        storage.close()
    print(json.dumps({"ms": elapsed, "peak_mb": peak_memory_mb(), "added": report.added}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["csv"]:
        _csv_import(*sys.argv[2:5])
    else:
        for figure in figures(Path(sys.argv[1])):
            print(figure)
