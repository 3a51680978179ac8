"""Power-loss child: forks lap writers, under the power-loss shim, that acknowledge each commit.

Usage: python powerloss_writer.py DATABASE SESSION_ID full|checkpoints|sync-off, then one line on
stdin: the number of tracked writes and syncs after which the shim cuts the power. For each
line it forks a writer (imports are paid once), prints "writer PID", and "done" once that
writer has died. A writer opens the file exactly as the app does (open_storage, its pragmas)
and prints "ack LAP_ID" only after the lap's commit returned. "checkpoints" also copies the
journal into the file every few laps, so cuts land in checkpoints too; "sync-off" adds
PRAGMA synchronous=OFF on every connection: the negative control that must lose laps.
"""

from __future__ import annotations

import itertools
import os
import sys
import traceback
from uuid import UUID

from sqlalchemy import event

from domain.model import Lap
from persistence.storage import open_storage

CUT_VARIABLE = "TRACKSIDE_POWERLOSS_CUT_AFTER"  # read by tests/persistence/powerloss_shim.c


def _synchronous_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA synchronous=OFF")


def _checkpoint_often(dbapi_connection, _record) -> None:
    dbapi_connection.execute(
        "PRAGMA wal_autocheckpoint=8"
    )  # every few laps, not every ~1,000 pages


def write_laps(path: str, session_id: str, mode: str) -> None:
    """Log laps until the shim cuts the power."""
    storage = open_storage(path)
    if mode == "sync-off":
        event.listen(storage.engine, "connect", _synchronous_off)  # runs after the app's pragmas
    elif mode == "checkpoints":
        event.listen(storage.engine, "connect", _checkpoint_often)
    for n in itertools.count():
        lap = Lap(session_id=UUID(session_id), car_number=str(n % 40), lap_ms=29_000 + n % 997)
        with storage.uow_factory() as uow:
            uow.laps.add(lap)
            uow.commit()
        os.write(sys.stdout.fileno(), f"ack {lap.id.hex}\n".encode("ascii"))


def serve(path: str, session_id: str, mode: str) -> None:
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                os.environ[CUT_VARIABLE] = line.strip()  # putenv: the shim reads it on first use
                write_laps(path, session_id, mode)
            finally:
                traceback.print_exc()
                os._exit(1)
        print(f"writer {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"done {status}", flush=True)


if __name__ == "__main__":
    serve(*sys.argv[1:4])
