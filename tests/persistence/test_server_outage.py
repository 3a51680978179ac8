"""The team server stopped mid-session: laps wait in the outbox, none lost, none twice.

Stopping a server must not stop the one the rest of the suite uses, so this test makes a
PostgreSQL cluster of its own on another port (DESIGN §6, known traps) and drops it after.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.errors import NotFoundError, TracksideError
from domain.team import TeamStatus
from persistence.storage import create_database, open_storage
from persistence.team_client import TeamClient
from tests.persistence.team_server import EVENT_KEY, store_weekend

pytestmark = pytest.mark.slow

CLUSTER, PORT = "trackside_outage", 5499


def _cluster(*args: str) -> None:
    subprocess.run(["pg_ctlcluster", _version(), CLUSTER, *args], check=True, capture_output=True)


def _version() -> str:
    return sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(p) for p in v.split(".")])[
        -1
    ]


def _psql(sql: str) -> None:
    subprocess.run(["su", "postgres", "-c", f"psql -q -p {PORT} -v ON_ERROR_STOP=1"],
                   input=sql, text=True, check=True, capture_output=True)  # fmt: skip


def _drop() -> None:
    subprocess.run(["pg_dropcluster", "--stop", _version(), CLUSTER], capture_output=True)


@pytest.fixture(scope="module")
def outage_server() -> Iterator[str]:
    """A server of its own, which this test may stop and start."""
    if os.geteuid() != 0 or shutil.which("pg_createcluster") is None:
        pytest.skip("a second PostgreSQL cluster needs root and postgresql-common (as .ci/run)")
    _drop()  # left over from an interrupted run
    subprocess.run(["pg_createcluster", _version(), CLUSTER, "--port", str(PORT)],
                   check=True, capture_output=True)  # fmt: skip
    try:
        _cluster("start")
        _psql("CREATE ROLE trackside LOGIN PASSWORD 'trackside' CREATEDB;")
        _psql("CREATE DATABASE trackside_outage OWNER trackside;")
        url = f"postgresql+psycopg://trackside:trackside@127.0.0.1:{PORT}/trackside_outage"
        create_database(url, demo=False)
        yield url
    finally:
        _drop()


def test_a_server_stopped_while_laps_are_logged_loses_none_and_stores_none_twice(
    outage_server: str, tmp_path: Path
) -> None:
    storage = open_storage(outage_server)
    _event, session = store_weekend(storage.uow_factory)
    statuses: list[TeamStatus] = []
    client = TeamClient(storage, tmp_path / "outbox.db")
    client.start(lambda _changes: None, statuses.append)
    acknowledged: list[str] = []
    refused: list[TracksideError] = []
    stop_logging = threading.Event()

    def spotter() -> None:
        n = 0
        while not stop_logging.is_set():
            try:  # a lap counts once log_lap returns: the screen says "saved"
                lap, _changes = client.log_lap(session.id, "11", f"30.{n % 1000:03d}")
                acknowledged.append(str(lap.id))
            except TracksideError as exc:
                refused.append(exc)
            n += 1
            time.sleep(0.02)

    logging = threading.Thread(target=spotter)
    logging.start()
    try:
        time.sleep(1.0)
        _cluster("stop", "-m", "fast")
        time.sleep(2.0)
        during = len(acknowledged)
        assert statuses and not statuses[-1].online  # the banner says the server is gone
        assert client.status.waiting > 0
        _cluster("start")
        time.sleep(1.0)
        stop_logging.set()
        logging.join()
        deadline = time.monotonic() + 30
        while client.status.waiting and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.status == TeamStatus(online=True, waiting=0)
        assert len(acknowledged) > during > 0
        assert refused == []
        with storage.uow_factory() as uow:
            stored = [str(lap.id) for lap in uow.laps.list_for_session(session.id)]
        assert len(stored) == len(set(stored))  # none twice
        assert set(stored) == set(acknowledged)  # none lost, none the spotter did not see
    finally:
        stop_logging.set()
        logging.join()
        client.stop()
        storage.close()


def test_a_lap_undone_while_it_waits_in_the_outbox_is_never_sent_and_redo_queues_it_again(
    outage_server: str, tmp_path: Path
) -> None:
    storage = open_storage(outage_server)
    try:  # the weekend of the test before, if it ran first on this module's server
        with storage.uow_factory() as uow:
            event = uow.events.get_by_key(EVENT_KEY)
            session = uow.sessions.list_for_event(event.id)[0]
    except NotFoundError:
        _event, session = store_weekend(storage.uow_factory)
    client = TeamClient(storage, tmp_path / "outbox.db")
    client.start(lambda _changes: None, lambda _status: None)
    try:
        client.log_lap(session.id, "48", "30.000")  # reads the entry list while the server is up
        _cluster("stop", "-m", "fast")
        kept, _ = client.log_lap(session.id, "48", "30.111")
        undone, _ = client.log_lap(session.id, "48", "30.222")
        redone, _ = client.log_lap(session.id, "48", "30.333")
        assert client.status.waiting == 3
        _lap, notice = client.delete_lap(undone)  # undo, offline
        assert notice.laps.removed == (undone,)
        client.delete_lap(redone)
        client.restore_lap(redone)  # redo, still offline: back in the outbox
        assert [lap.id for lap in client.outbox.pending()] == [kept.id, redone.id]
        _cluster("start")
        deadline = time.monotonic() + 30
        while client.status.waiting and time.monotonic() < deadline:
            time.sleep(0.2)
        with storage.uow_factory() as uow:
            times = sorted(lap.lap_ms for lap in uow.laps.list_for_session(session.id)
                           if lap.car_number == "48")  # fmt: skip
        assert times == [30_000, 30_111, 30_333]  # the undone lap never reached the server
        client.delete_lap(redone)  # sent by now: undo deletes it on the server
        with storage.uow_factory() as uow:
            assert redone.id not in {lap.id for lap in uow.laps.list_for_session(session.id)}
    finally:
        client.stop()
        storage.close()
