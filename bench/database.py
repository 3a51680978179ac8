"""Opening a generated ten-season database in a fresh process, as a user opening a file does.

The worker (`python -m bench.database DB EVENT_KEY`) times each step from its own start and
prints one JSON line; the parent takes the median of a few runs and the peak memory.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import Figure, median, peak_memory_mb

TARGET_MS = 1000.0
RUNS = 3


def _worker(database: str, event_key: str) -> dict[str, float]:
    """Import, open_storage, list the events, open the latest event: each step's milliseconds."""
    marks = [time.perf_counter()]
    from domain.services.weekend import load_weekend
    from persistence.storage import open_storage

    marks.append(time.perf_counter())
    storage = open_storage(database)
    marks.append(time.perf_counter())
    with storage.uow_factory() as uow:
        events = uow.events.all()
    marks.append(time.perf_counter())
    weekend = load_weekend(storage.uow_factory, event_key, storage.rulesets)
    marks.append(time.perf_counter())
    storage.close()
    steps = [(later - earlier) * 1000 for earlier, later in itertools.pairwise(marks)]
    return {
        "import_ms": steps[0],
        "open_ms": steps[1],
        "events_ms": steps[2],
        "event_ms": steps[3],
        "events": len(events),
        "laps_in_event": len(weekend.laps),
        "peak_mb": peak_memory_mb(),
    }


def _run_worker(database: Path, event_key: str) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-m", "bench.database", str(database), event_key],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def figures(database: Path, event_key: str) -> list[Figure]:
    runs = [_run_worker(database, event_key) for _ in range(RUNS)]

    def mid(key: str) -> float:
        return median([run[key] for run in runs])

    warm = mid("open_ms") + mid("events_ms") + mid("event_ms")
    steps = (
        f"imports {mid('import_ms'):.0f} + open_storage {mid('open_ms'):.0f} + event list "
        f"{mid('events_ms'):.0f} + latest event {mid('event_ms'):.0f} ms; "
        f"{runs[0]['events']:.0f} events, median of {RUNS} processes"
    )
    return [
        Figure(
            "Ten-season database opened, new process",
            mid("import_ms") + warm,
            "ms",
            TARGET_MS,
            steps,
        ),
        Figure(
            "Ten-season database opened, SQL already imported",
            warm,
            "ms",
            None,
            "the same steps without the one-off import of SQLAlchemy and SQLModel "
            "(Alembic loads only when a file needs migrating)",
        ),
        Figure(
            "Peak memory with the ten-season database open",
            max(run["peak_mb"] for run in runs),
            "MB",
            None,
            "peak resident memory (VmHWM) of the worker (no Qt loaded)",
        ),
    ]


if __name__ == "__main__":
    print(json.dumps(_worker(sys.argv[1], sys.argv[2])))
