"""The team server on a real PostgreSQL: live notices, concurrent writers, imports, viewers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy.engine import make_url

from domain import services
from domain.changes import Changes
from domain.errors import ConcurrentEditError, ReadOnlyError
from domain.services.team import LapContext
from persistence.storage import SqlStorage, open_storage
from persistence.team_client import TeamClient
from tests.persistence.conftest import POSTGRES_VARIABLE, postgres_url
from tests.persistence.team_server import (
    CARS,
    EVENT_KEY,
    ROOT,
    server_schema,
    start_child,
    store_weekend,
)

pytestmark = pytest.mark.skipif(
    postgres_url() is None, reason=f"PostgreSQL tests need {POSTGRES_VARIABLE} (see .ci/run)"
)


@pytest.fixture
def server() -> Iterator[str]:
    url = postgres_url()
    assert url is not None
    with server_schema(url) as target:
        yield target


@pytest.fixture
def opened(server: str) -> Iterator[SqlStorage]:
    storage = open_storage(server)
    yield storage
    storage.close()


def _known(storage: SqlStorage) -> LapContext:
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(EVENT_KEY)
        session = uow.sessions.list_for_event(event.id)[0]
        return LapContext(event, session, tuple(uow.entries.list_for_event(event.id)))


def test_two_clients_logging_into_one_session_at_once_store_and_hear_every_lap_once(
    server: str, opened: SqlStorage, tmp_path: Path
) -> None:
    store_weekend(opened.uow_factory)
    laps_each = 60
    children = [
        start_child(server, EVENT_KEY, "Practice", cars, str(laps_each), str(laps_each),
                    str(tmp_path / f"outbox-{n}.db"))
        for n, cars in enumerate(("11,48", "99,7,38"))
    ]  # fmt: skip
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:  # both start logging at once
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, err = child.communicate(timeout=90)
        assert child.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    first, second = results
    with opened.uow_factory() as uow:
        stored = [str(lap.id) for lap in uow.laps.list_for_session(_known(opened).session.id)]
    assert len(stored) == len(set(stored)) == 2 * laps_each
    assert set(stored) == set(first["logged"]) | set(second["logged"])
    # Each board heard every lap of the other laptop exactly once, and none of its own.
    assert sorted(first["heard"]) == sorted(second["logged"])
    assert sorted(second["heard"]) == sorted(first["logged"])


def test_the_same_lap_file_imported_by_two_clients_at_once_is_stored_once(
    server: str, opened: SqlStorage, tmp_path: Path
) -> None:
    store_weekend(opened.uow_factory)
    lap_file = tmp_path / "laps.csv"
    rows = [f"Practice,{CARS[n % 5]},{30 + n % 7}.{n % 1000:03d}" for n in range(3000)]
    lap_file.write_text("session,car,time\n" + "\n".join(rows) + "\n", encoding="utf-8")
    command = [sys.executable, "main.py", "--db", server, "import-laps", EVENT_KEY, str(lap_file)]
    importers = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]  # fmt: skip
    outputs = [importer.communicate(timeout=120) for importer in importers]
    assert [importer.returncode for importer in importers] == [0, 0], outputs
    with opened.uow_factory() as uow:
        stored = uow.laps.list_for_session(_known(opened).session.id)
    assert len(stored) == 3000
    added = sorted(int(out.split("added")[0].split()[-1]) for out, _err in outputs)
    assert sum(added) == 3000, outputs  # one client stored them, the other found them stored


def test_the_same_entry_list_imported_by_two_clients_at_once_is_stored_once(
    server: str, opened: SqlStorage, tmp_path: Path
) -> None:
    store_weekend(opened.uow_factory)
    entry_file = tmp_path / "entries.csv"
    rows = [f"{n},Driver {n},Team {n % 7},Ford" for n in range(100, 140)]
    entry_file.write_text("car,driver,team,make\n" + "\n".join(rows) + "\n", encoding="utf-8")
    command = [sys.executable, "main.py", "--db", server, "import-entries", EVENT_KEY,
               str(entry_file)]  # fmt: skip
    importers = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]  # fmt: skip
    outputs = [importer.communicate(timeout=120) for importer in importers]
    assert [importer.returncode for importer in importers] == [0, 0], outputs
    with opened.uow_factory() as uow:
        event = uow.events.get_by_key(EVENT_KEY)
        cars = [entry.car_number for entry in uow.entries.list_for_event(event.id)]
        named = [
            d.name for d in uow.drivers.list_for_event(event.id) if d.name.startswith("Driver 1")
        ]
    assert len(cars) == len(set(cars)) == len(CARS) + 40
    assert len(named) == len(set(named)) == 40  # no driver made twice either
    summaries = sorted(out.strip() for out, _err in outputs)
    assert summaries == [
        "entries.csv: 0 added, 0 updated, 40 already there",  # it found the other's rows
        "entries.csv: 40 added, 0 updated, 0 already there",
    ]


def test_a_lap_edited_on_another_laptop_refuses_the_stale_edit_with_what_it_now_holds(
    server: str, opened: SqlStorage
) -> None:
    store_weekend(opened.uow_factory)
    known = _known(opened)
    lap, _ = services.log_lap(opened.uow_factory(), known.session.id, "48", "1:31.000")
    other = open_storage(server)
    try:
        services.edit_lap(other.uow_factory(), lap.id, "1:30.890", seen_version=lap.version)
    finally:
        other.close()
    with pytest.raises(ConcurrentEditError) as refused:
        services.edit_lap(opened.uow_factory(), lap.id, "1:31.002", seen_version=lap.version)
    assert str(refused.value) == (
        "No. 48's lap 1 was changed to 1:30.890 on another laptop: keep theirs, or apply "
        "yours (1:31.002)."
    )
    current = refused.value.current
    applied, _ = services.edit_lap(
        opened.uow_factory(), lap.id, "1:31.002", seen_version=current.version
    )
    assert applied.lap_ms == 91_002 and applied.version == 3
    with opened.uow_factory() as uow:
        times = sorted((r.old_value, r.new_value) for r in uow.history.newest_first(known.event.id))
    assert times == [("1:30.890", "1:31.002"), ("1:31.000", "1:30.890")]


def test_two_writers_racing_on_one_record_cannot_both_win(server: str, opened: SqlStorage) -> None:
    store_weekend(opened.uow_factory)
    lap, _ = services.log_lap(opened.uow_factory(), _known(opened).session.id, "11", "30.000")
    first, second = opened.uow_factory(), opened.uow_factory()
    with first, second:
        mine, theirs = first.laps.get(lap.id), second.laps.get(lap.id)
        first.laps.update(mine)
        second.laps.update(theirs)
        first.commit()
        with pytest.raises(ConcurrentEditError, match="at the same moment"):
            second.commit()


def test_a_client_hears_another_clients_lap_as_the_notice_a_local_edit_makes(
    server: str, opened: SqlStorage, tmp_path: Path
) -> None:
    store_weekend(opened.uow_factory)
    heard: list[Changes] = []
    arrived = threading.Event()

    def deliver(changes: Changes) -> None:
        heard.append(changes)
        arrived.set()

    client = TeamClient(opened, tmp_path / "outbox.db")
    client.start(deliver, lambda _status: None)
    other = open_storage(server)
    try:
        lap, _ = services.log_lap(other.uow_factory(), _known(other).session.id, "99", "29.876")
        assert arrived.wait(timeout=10)
        services.delete_lap(other.uow_factory(), lap.id)
        arrived.clear()
        assert arrived.wait(timeout=10)
    finally:
        other.close()
        client.stop()
    assert [c.laps.added for c in heard] == [(lap,), ()]
    assert heard[1].laps.removed == (lap,)


@pytest.fixture
def viewer_url(server: str) -> Iterator[str]:
    """A read-only login on the test schema, made by the cluster's superuser (needs root)."""
    if os.geteuid() != 0:
        pytest.skip("creating a viewer role needs the postgres superuser (run as root, as CI)")
    role = f"viewer_{uuid4().hex[:12]}"
    schema = make_url(server).query["options"].split("=")[-1]
    grants = (
        f"CREATE ROLE {role} LOGIN PASSWORD 'look'; GRANT USAGE ON SCHEMA \"{schema}\" TO {role}; "
        f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role};'
    )
    _as_superuser(grants)
    url = make_url(server).set(username=role, password="look")
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        _as_superuser(f"DROP OWNED BY {role}; DROP ROLE {role};")


def _as_superuser(sql: str) -> None:
    database = make_url(postgres_url() or "").database
    subprocess.run(["su", "postgres", "-c", f"psql -q -v ON_ERROR_STOP=1 -d {database}"],
                   input=sql, text=True, check=True, capture_output=True)  # fmt: skip


def test_a_viewer_opens_read_only_and_a_refused_write_says_it_is_a_permission(
    opened: SqlStorage, viewer_url: str
) -> None:
    store_weekend(opened.uow_factory)
    assert opened.read_only is False
    logged_before = services.change_log_position(opened.uow_factory())
    viewer = open_storage(viewer_url)
    try:
        assert viewer.read_only is True
        known = _known(viewer)  # reading works
        with pytest.raises(ReadOnlyError, match="permission, not a fault"):
            services.log_lap(viewer.uow_factory(), known.session.id, "11", "30.000")
    finally:
        viewer.close()
    with opened.uow_factory() as uow:
        assert uow.laps.list_for_session(known.session.id) == []
    assert services.change_log_position(opened.uow_factory()) == logged_before
