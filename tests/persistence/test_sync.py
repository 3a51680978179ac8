"""Merging two offline copies of one session: either order gives one result, conflicts listed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from domain import services
from domain.errors import SyncCancelledError
from domain.laptime import format_lap_time
from persistence.storage import SqlStorage, create_database, open_storage
from persistence.sync import sync_databases
from tests.persistence.conftest import postgres_url
from tests.persistence.team_server import CARS, EVENT_KEY, ROOT, server_schema, store_weekend

BASE_LAPS = 6
FUNCTION_SCOPED = HealthCheck.function_scoped_fixture  # each example makes its own copies


@dataclass(frozen=True)
class Edit:
    """One change a laptop makes offline: a new lap, a new time, or a deletion."""

    action: str  # "add", "edit", "delete"
    lap: int  # which base lap (edit, delete) or which car (add)


edits = st.lists(
    st.builds(Edit, st.sampled_from(["add", "edit", "delete"]), st.integers(0, BASE_LAPS - 1)),
    max_size=8,
)


@pytest.fixture(scope="module")
def base_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A weekend file with one session and a few laps, as each laptop copied it."""
    path = Path(create_database(str(tmp_path_factory.mktemp("base") / "base.db"), demo=False))
    storage = open_storage(str(path))
    _event, session = store_weekend(storage.uow_factory)
    for n in range(BASE_LAPS):
        services.log_lap(storage.uow_factory(), session.id, CARS[n % 5], f"31.{n:03d}")
    storage.close()
    return path


def _laps(storage: SqlStorage) -> dict[UUID, tuple[str, int]]:
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(EVENT_KEY)
        return {lap.id: (lap.car_number, lap.lap_ms) for lap in uow.laps.list_for_event(event.id)}


def _apply(storage: SqlStorage, script: list[Edit], base: list[UUID], odd: int) -> dict[str, set]:
    """Play one laptop's edits; times are unique to the laptop (odd or even milliseconds)."""
    done: dict[str, set] = {"added": set(), "edited": set(), "deleted": set()}
    with storage.uow_factory() as uow:
        session = uow.sessions.list_for_event(uow.events.get_by_key(EVENT_KEY).id)[0]
    for n, edit in enumerate(script):
        time_text = format_lap_time(40_000 + 2 * n + odd)
        if edit.action == "add":
            lap, _ = services.log_lap(
                storage.uow_factory(), session.id, CARS[edit.lap % 5], time_text
            )
            done["added"].add(lap.id)
        elif base[edit.lap] not in done["deleted"]:
            lap_id = base[edit.lap]
            if edit.action == "edit":
                services.edit_lap(storage.uow_factory(), lap_id, time_text)
                done["edited"].add(lap_id)
            else:
                services.delete_lap(storage.uow_factory(), lap_id)
                done["deleted"].add(lap_id)
                done["edited"].discard(lap_id)  # "edited": edited and still there
    return done


def _copies(base_file: Path, folder: Path, names: list[str]) -> list[SqlStorage]:
    for name in names:
        shutil.copy(base_file, folder / name)
    return [open_storage(str(folder / name)) for name in names]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(here=edits, there=edits)
def test_merging_two_offline_copies_in_either_order_gives_one_result_with_every_conflict(
    base_file: Path, tmp_path: Path, here: list[Edit], there: list[Edit]
) -> None:
    folder = tmp_path / f"run-{uuid4().hex}"  # every example on copies of its own
    folder.mkdir()
    a, b = _copies(base_file, folder, ["a.db", "b.db"])
    try:
        base = sorted(_laps(a))
        a_done, b_done = _apply(a, here, base, 1), _apply(b, there, base, 0)
    finally:
        a.close()
        b.close()
    for name in ("a", "b"):  # the same two offline copies, to merge the other way round
        shutil.copy(folder / f"{name}.db", folder / f"{name}2.db")
    a1, b1, a2, b2 = (open_storage(str(folder / f"{n}.db")) for n in ("a", "b", "a2", "b2"))
    try:
        one_way = sync_databases(a1.engine, b1.engine)
        other_way = sync_databases(b2.engine, a2.engine)
        results = [_laps(s) for s in (a1, b1, a2, b2)]
        # Same laps on both sides, whichever side merged into which.
        assert results[0] == results[1] == results[2] == results[3]
        # A reference worked out from the scripts alone, not from the merge code.
        gone = (a_done["deleted"] - b_done["edited"]) | (b_done["deleted"] - a_done["edited"])
        expected_ids = (set(base) | a_done["added"] | b_done["added"]) - gone
        assert set(results[0]) == expected_ids
        both_edited = a_done["edited"] & b_done["edited"]
        edit_against_delete = (a_done["deleted"] & b_done["edited"]) | (
            b_done["deleted"] & a_done["edited"]
        )
        expected_conflicts = both_edited | edit_against_delete
        for report in (one_way, other_way):
            assert {c.record_id for c in report.conflicts} == expected_conflicts
        # Merging again changes nothing.
        again = sync_databases(a1.engine, b1.engine)
        assert (again.to_server, again.to_file, again.conflicts) == (0, 0, ())
    finally:
        for storage in (a1, b1, a2, b2):
            storage.close()


@pytest.mark.skipif(postgres_url() is None, reason="needs TRACKSIDE_TEST_POSTGRES_URL")
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(here=edits, there=edits)
def test_two_offline_laptops_merged_into_a_real_server_in_either_order_leave_the_same_laps(
    base_file: Path, tmp_path: Path, here: list[Edit], there: list[Edit]
) -> None:
    url = postgres_url()
    assert url is not None
    folder = tmp_path / f"run-{uuid4().hex}"
    folder.mkdir()
    a, b = _copies(base_file, folder, ["a.db", "b.db"])
    try:
        base = sorted(_laps(a))
        a_done, b_done = _apply(a, here, base, 1), _apply(b, there, base, 0)
    finally:
        a.close()
        b.close()
    results, conflicts = [], []
    for order in (("a", "b"), ("b", "a")):  # the base goes up first, as the team started
        copies = []
        for n, name in enumerate(("base", *order)):
            source = base_file if name == "base" else folder / f"{name}.db"
            target = folder / f"{''.join(order)}-{n}.db"
            shutil.copy(source, target)
            copies.append(open_storage(str(target)))
        try:
            with server_schema(url) as hub_url:
                hub = open_storage(hub_url)
                try:
                    reports = [sync_databases(copy.engine, hub.engine) for copy in copies]
                    results.append(_laps(hub))
                finally:
                    hub.close()
        finally:
            for copy in copies:
                copy.close()
        conflicts.append({c.record_id for report in reports for c in report.conflicts})
    gone = (a_done["deleted"] - b_done["edited"]) | (b_done["deleted"] - a_done["edited"])
    assert results[0] == results[1]
    assert set(results[0]) == (set(base) | a_done["added"] | b_done["added"]) - gone
    expected = (a_done["edited"] & b_done["edited"]) | (a_done["deleted"] & b_done["edited"])
    expected |= b_done["deleted"] & a_done["edited"]
    assert conflicts[0] == conflicts[1] == expected


@pytest.fixture
def server() -> Iterator[str]:
    url = postgres_url()
    if url is None:
        pytest.skip("PostgreSQL tests need TRACKSIDE_TEST_POSTGRES_URL (see .ci/run)")
    with server_schema(url) as target:
        yield target


def test_two_laptops_that_logged_one_session_offline_end_up_with_the_union_on_the_server(
    base_file: Path, tmp_path: Path, server: str
) -> None:
    first, second = _copies(base_file, tmp_path, ["first.db", "second.db"])
    hub = open_storage(server)
    try:
        sync_databases(first.engine, hub.engine)  # the weekend goes up from one laptop
        base = sorted(_laps(first))
        a_done = _apply(first, [Edit("add", 0), Edit("edit", 1), Edit("delete", 2)], base, 1)
        b_done = _apply(second, [Edit("add", 3), Edit("edit", 1), Edit("add", 4)], base, 0)
        first_report = sync_databases(first.engine, hub.engine)
        second_report = sync_databases(second.engine, hub.engine)
        sync_databases(first.engine, hub.engine)  # the first laptop brings back the second's
        on_server = _laps(hub)
        assert on_server == _laps(first) == _laps(second)
        expected = (set(base) | a_done["added"] | b_done["added"]) - {base[2]}
        assert set(on_server) == expected
        assert first_report.conflicts == ()
        (conflict,) = second_report.conflicts  # both edited lap 1 apart
        assert conflict.record_id == base[1]
        assert {conflict.here, conflict.there} == {"40.003", "40.002"}
    finally:
        for storage in (first, second, hub):
            storage.close()


def test_the_sync_command_reports_what_went_each_way_and_a_second_run_changes_nothing(
    base_file: Path, tmp_path: Path
) -> None:
    laptop, server_copy = _copies(base_file, tmp_path, ["laptop.db", "server.db"])
    base_laps = _laps(laptop)
    base = sorted(base_laps)
    # The base laps were logged in rising time, so a car's lap number is its rank by time.
    car, lap_ms = base_laps[base[1]]
    number = sorted(ms for c, ms in base_laps.values() if c == car).index(lap_ms) + 1
    _apply(laptop, [Edit("add", 0), Edit("edit", 1)], base, 1)
    _apply(server_copy, [Edit("edit", 1)], base, 0)
    laptop.close()
    server_copy.close()
    command = [sys.executable, "main.py", "sync", str(tmp_path / "laptop.db"), "--with",
               str(tmp_path / "server.db")]  # fmt: skip
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    summary, conflict = first.stdout.splitlines()
    # The new lap goes up; lap 1, edited on both, goes whichever way the merge settles it.
    assert summary in (
        "Sync done: 2 records sent to the server, 0 records brought into the file, 1 conflict.",
        "Sync done: 1 record sent to the server, 1 record brought into the file, 1 conflict.",
    )
    assert re.fullmatch(
        rf"  conflict: No\. {car}'s lap {number}: file had 40\.003; server had 40\.000; kept "
        r"the (file's|server's)",
        conflict,
    )
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert again.stdout.splitlines() == [
        "Sync done: 0 records sent to the server, 0 records brought into the file, 0 conflicts."
    ]


def test_a_cancelled_sync_leaves_each_side_whole_and_the_next_run_finishes_it(
    base_file: Path, tmp_path: Path
) -> None:
    laptop, server_copy = _copies(base_file, tmp_path, ["laptop.db", "server.db"])
    try:
        base = sorted(_laps(laptop))
        _apply(laptop, [Edit("add", 0), Edit("delete", 1)], base, 1)
        _apply(server_copy, [Edit("add", 2)], base, 0)
        before = (_laps(laptop), _laps(server_copy))
        with pytest.raises(SyncCancelledError, match="nothing was changed on either side"):
            sync_databases(laptop.engine, server_copy.engine, cancelled=lambda: True)
        assert (_laps(laptop), _laps(server_copy)) == before
        steps: list[str] = []
        with pytest.raises(SyncCancelledError, match="the server has this file's changes"):
            sync_databases(
                laptop.engine, server_copy.engine,
                progress=lambda what, _done, _total: steps.append(what),
                cancelled=lambda: "Wrote the server" in steps,
            )  # fmt: skip
        assert _laps(laptop) == before[0]  # the file as it was
        assert set(_laps(server_copy)) == (set(before[0]) | set(before[1])) - {base[1]}
        finished = sync_databases(laptop.engine, server_copy.engine)
        assert (finished.to_server, finished.conflicts) == (0, ())
        assert _laps(laptop) == _laps(server_copy)
    finally:
        laptop.close()
        server_copy.close()
