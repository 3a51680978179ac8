"""The change log on SQLite and PostgreSQL: what each commit touched, for other clients to pull."""

from __future__ import annotations

from domain import services
from domain.changes import Changes, RowChanges
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
