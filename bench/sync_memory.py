"""Time and memory of a sync of a ten-season weekend file (DESIGN §6's ten-season database).

`python -m bench.sync_memory` (or the `sync` group of bench/run_all.py) syncs the generated
database, each in a fresh process: into an empty file (every record compared and copied) and
with an identical copy (every record compared, nothing written), printing the time and the
peak resident memory against the targets. A laptop syncing a fresh copy of the team's history
must not take minutes or a gigabyte; persistence/sync.py reads and writes a batch at a time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import Figure, peak_memory_mb

# (seconds, peak MB) on this 2-core machine. The first sync (issue #16), which read both sides
# whole and wrote one ORM object per row, took 218 s / 1.2 GB and 32 s / 0.56 GB.
TARGETS = {"into an empty file": (60.0, 400.0), "with an identical copy": (10.0, 300.0)}


def _worker(here: str, there: str) -> None:
    from persistence.storage import open_storage
    from persistence.sync import sync_databases

    started = time.perf_counter()
    first, second = open_storage(here), open_storage(there)
    report = sync_databases(first.engine, second.engine)
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_memory_mb(),
                      "to_server": report.to_server, "to_file": report.to_file}))  # fmt: skip
    first.close()
    second.close()


def _run(here: Path, there: Path) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-m", "bench.sync_memory", str(here), str(there)],
                         cwd=root, capture_output=True, text=True, check=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def figures(seasons: Path, workdir: Path) -> list[Figure]:
    """Both syncs of `seasons` (the generated ten-season file), with copies made in `workdir`."""
    from persistence.storage import create_database

    folder = Path(tempfile.mkdtemp(prefix="sync-", dir=workdir))
    try:
        empty = Path(create_database(str(folder / "empty.db"), demo=False))
        same = folder / "same.db"
        shutil.copy(seasons, same)
        rows: list[Figure] = []
        for name, other in (("into an empty file", empty), ("with an identical copy", same)):
            run = _run(seasons, other)  # only `other` is written
            seconds, megabytes = TARGETS[name]
            sent = f"{run['to_server'] + run['to_file']:,.0f} records copied, new process"
            rows.append(Figure(f"Sync ten seasons {name}", run["seconds"], "s", seconds, sent))
            rows.append(Figure(f"Sync ten seasons {name}, peak memory", run["peak_mb"], "MB",
                               megabytes))  # fmt: skip
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    from bench.generate import create_generated_database

    with tempfile.TemporaryDirectory() as folder:
        seasons = create_generated_database(Path(folder) / "seasons.db")
        print(f"ten seasons: {seasons.stat().st_size / 1e6:.0f} MB file")
        for figure in figures(seasons, Path(folder)):
            verdict = "PASS" if figure.passed else "FAIL"
            print(f"{figure.name}: {figure.value:,.1f} {figure.unit} "
                  f"(target ≤ {figure.target:,.0f} {figure.unit}) {verdict}"
                  + (f"; {figure.detail}" if figure.detail else ""))  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 3:
        _worker(sys.argv[1], sys.argv[2])
    else:
        main()
