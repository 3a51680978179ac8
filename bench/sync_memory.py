"""Memory and time of a sync of a ten-season weekend file (DESIGN §6's ten-season database).

`python -m bench.sync_memory` generates the database in a temporary folder, then, each in a
fresh process: syncs it into an empty file (every record copied) and with an identical copy
(every record compared, nothing written), printing the peak resident memory and the time.
The sync reads both sides whole (persistence/sync.py); this says what that costs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import peak_memory_mb


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


def main() -> None:
    from bench.generate import create_generated_database
    from persistence.storage import create_database

    with tempfile.TemporaryDirectory() as folder:
        seasons = create_generated_database(Path(folder) / "seasons.db")
        print(f"ten seasons: {seasons.stat().st_size / 1e6:.0f} MB file")
        empty = Path(create_database(str(Path(folder) / "empty.db"), demo=False))
        same = Path(folder) / "same.db"
        shutil.copy(seasons, same)
        for name, other in (("into an empty file", empty), ("with an identical copy", same)):
            figures = _run(seasons, other)
            print(f"sync {name}: {figures['seconds']:.1f} s, peak {figures['peak_mb']:.0f} MB, "
                  f"{figures['to_server']:,} records sent")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 3:
        _worker(sys.argv[1], sys.argv[2])
    else:
        main()
