"""Crash-test child: forks lap writers that acknowledge each commit on stdout.

Usage: python crash_writer.py DATABASE SESSION_ID safe|unsafe, then one line on stdin per run.
For each line it forks a writer (the imports are paid once, so 30 runs fit the test budget),
prints "writer PID", and prints "done" once the parent test has killed that writer. A writer
prints "ack LAP_ID" only after the lap's commit returned. "safe" opens the file the way the
app does; "unsafe" turns the journal and fsync off, to show the crash check can fail.
"""

from __future__ import annotations

import itertools
import os
import sys
import traceback
from uuid import UUID

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL

from domain.model import Lap
from domain.ports import UnitOfWorkFactory
from persistence.storage import open_storage
from persistence.unit_of_work import SqlUnitOfWork


def _unsafe_factory(path: str) -> UnitOfWorkFactory:
    engine = create_engine(URL.create("sqlite", database=path))

    def no_journal_no_fsync(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=OFF")
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    event.listen(engine, "connect", no_journal_no_fsync)
    return lambda: SqlUnitOfWork(engine)


def write_laps(path: str, session_id: str, mode: str) -> None:
    """Log laps until killed."""
    factory = open_storage(path).uow_factory if mode == "safe" else _unsafe_factory(path)
    for n in itertools.count():
        lap = Lap(session_id=UUID(session_id), car_number=str(n % 40), lap_ms=29_000 + n % 997)
        with factory() as uow:
            uow.laps.add(lap)
            uow.commit()
        # Only after the commit returned, and in one write(2): print() may split the text and
        # its newline into two writes, and a SIGKILL between them glued "done" onto an ack.
        os.write(sys.stdout.fileno(), f"ack {lap.id.hex}\n".encode("ascii"))


def serve(path: str, session_id: str, mode: str) -> None:
    for _run in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                write_laps(path, session_id, mode)
            finally:
                traceback.print_exc()
                os._exit(1)
        print(f"writer {pid}", flush=True)
        os.waitpid(pid, 0)
        print("done", flush=True)


if __name__ == "__main__":
    serve(*sys.argv[1:4])
