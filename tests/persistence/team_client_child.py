"""Team-server test child: one laptop logging laps into a session while hearing the others.

Usage: python team_client_child.py URL EVENT_KEY SESSION_NAME CARS LAPS EXPECTED_HEARD OUTBOX.
It waits for "go" on stdin (so every client starts at once), logs LAPS laps round the CARS
(comma-separated) through TeamClient, then waits until it has heard EXPECTED_HEARD laps logged
by the other clients (or 30 s), and prints one JSON line: the laps it logged and those it heard.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from domain.changes import Changes
from domain.services.team import LapContext
from persistence.storage import open_storage
from persistence.team_client import TeamClient


def main() -> None:
    url, key, session_name, cars, laps, expected, outbox = sys.argv[1:8]
    storage = open_storage(url)
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(key)
        session = next(s for s in uow.sessions.list_for_event(event.id) if s.name == session_name)
        known = LapContext(event, session, tuple(uow.entries.list_for_event(event.id)))
    heard: list[str] = []
    all_heard = threading.Event()

    def deliver(changes: Changes) -> None:
        heard.extend(str(lap.id) for lap in changes.laps.added)
        if len(heard) >= int(expected):
            all_heard.set()

    client = TeamClient(storage, Path(outbox))
    client.start(deliver, lambda _status: None)
    print("ready", flush=True)
    sys.stdin.readline()
    logged = []
    car_list = cars.split(",")
    for n in range(int(laps)):
        car = car_list[n % len(car_list)]
        lap, _changes = client.log_lap(known.session.id, car, f"{30 + n % 9}.{n:03d}")
        logged.append(str(lap.id))
    all_heard.wait(timeout=30)
    time.sleep(0.2)  # a duplicate notice would arrive now, and be counted
    client.stop()
    storage.close()
    print(json.dumps({"logged": logged, "heard": heard}), flush=True)


if __name__ == "__main__":
    main()
