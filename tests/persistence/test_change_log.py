"""The change log on SQLite and PostgreSQL: what each commit touched, for other clients to pull."""

from __future__ import annotations

import pytest

from domain import services
from domain.changes import Changes, RowChanges
from domain.lap_ids import numbered_lap_id
from domain.model import Lap
from domain.services import imports
from domain.services.import_cells import ImportRow, ImportTable
from persistence.storage import SqlStorage
from persistence.unit_of_work import SqlUnitOfWork
from tests.persistence.conftest import Weekend


def _other_client(storage: SqlStorage) -> SqlUnitOfWork:
    return SqlUnitOfWork(storage.engine)  # its own origin: another laptop on the same database


def test_another_clients_added_changed_and_removed_laps_come_back_as_values(
    storage: SqlStorage, weekend: Weekend
) -> None:
    start = services.change_log_position(storage.uow_factory())
    lap, _ = services.log_lap(_other_client(storage), weekend.practice.id, "11", "30.100")
    position, notice = services.changes_since(storage.uow_factory(), start)
    assert notice == Changes(laps=RowChanges(added=(lap,)))
    edited, _ = services.edit_lap(_other_client(storage), lap.id, "30.050")
    position, notice = services.changes_since(storage.uow_factory(), position)
    assert notice.laps.changed == (edited,) and notice.laps.changed[0].version == 2
    services.delete_lap(_other_client(storage), lap.id)
    _position, notice = services.changes_since(storage.uow_factory(), position)
    assert notice.laps.removed == (edited,)


def test_a_rolled_back_transaction_logs_nothing(storage: SqlStorage, weekend: Weekend) -> None:
    start = services.change_log_position(storage.uow_factory())
    with storage.uow_factory() as uow:
        uow.laps.add_new([services.lap_as_typed(_context(storage, weekend), "11", "30.000")])
        uow.rollback()
        uow.commit()
    assert services.change_log_position(storage.uow_factory()) == start


def _context(storage: SqlStorage, weekend: Weekend) -> services.LapContext:
    return services.lap_context(storage.uow_factory(), weekend.practice.id)


def test_a_bulk_import_is_logged_as_its_event_to_reload_not_row_by_row(
    storage: SqlStorage, weekend: Weekend
) -> None:
    start = services.change_log_position(storage.uow_factory())
    rows = tuple(
        ImportRow(n + 2, {"session": "Practice", "car": "11", "time": f"30.{n:03d}"})
        for n in range(600)
    )
    table = ImportTable("laps.csv", ("session", "car", "time"), rows)
    report, _ = imports.import_laps(_other_client(storage), weekend.event.key, table)
    assert "600 added" in report.summary
    position, notice = services.changes_since(storage.uow_factory(), start)
    assert notice == Changes(reloaded_events=frozenset({weekend.event.id}))
    assert position == start + 1


def _numbered_laps(weekend: Weekend, numbers: range) -> list[Lap]:
    session = weekend.practice.id
    return [
        Lap(id=numbered_lap_id(session, "11", n), session_id=session, car_number="11",
            lap_ms=30_000 + n, lap_number=n)
        for n in numbers
    ]  # fmt: skip


@pytest.mark.parametrize("count", [3, 600])  # row by row, and one executemany
def test_numbered_laps_another_laptop_stored_meanwhile_are_skipped_not_refused(
    storage: SqlStorage, weekend: Weekend, count: int
) -> None:
    with _other_client(storage) as uow:
        assert uow.laps.add_many(_numbered_laps(weekend, range(1, count + 1))) == count
        uow.commit()
    # This laptop read nothing stored either: its copy, one lap more, and a lap that holds a
    # stored (session, car, lap number) under another id all go in one statement.
    again = [*_numbered_laps(weekend, range(1, count + 2)), Lap(
        session_id=weekend.practice.id, car_number="11", lap_ms=31_000, lap_number=1
    )]  # fmt: skip
    with storage.uow_factory() as uow:
        assert uow.laps.add_many(again) == 1
        uow.commit()
    with storage.uow_factory() as uow:
        stored = uow.laps.list_for_session(weekend.practice.id)
    assert sorted(lap.lap_number for lap in stored) == list(range(1, count + 2))


def test_a_followed_snapshots_few_laps_come_back_as_values_not_a_reload(
    storage: SqlStorage, weekend: Weekend
) -> None:
    start = services.change_log_position(storage.uow_factory())
    laps = _numbered_laps(weekend, range(1, 4))
    with _other_client(storage) as uow:
        uow.laps.add_many(laps)
        uow.commit()
    _position, notice = services.changes_since(storage.uow_factory(), start)
    assert sorted(lap.id for lap in notice.laps.added) == sorted(lap.id for lap in laps)
    assert not notice.reloaded_events
