"""Client A of the propagation benchmark: logs one lap per "CAR TIME" line read on stdin.

After each commit it prints when the commit returned (time.perf_counter(), CLOCK_MONOTONIC on
Linux, the same clock in every process): the lap's path to client B's board is timed from the
moment it was committed, as DESIGN §6 states the bar.
"""

from __future__ import annotations

import sys
import time
from uuid import UUID

from domain import services
from persistence.storage import open_storage


def main() -> None:
    url, session_id = sys.argv[1], UUID(sys.argv[2])
    storage = open_storage(url)
    print("ready", flush=True)
    for line in sys.stdin:
        car, lap_time = line.split()
        services.log_lap(storage.uow_factory(), session_id, car, lap_time)
        print(f"{time.perf_counter()!r}", flush=True)
    storage.close()


if __name__ == "__main__":
    main()
