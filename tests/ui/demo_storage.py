"""The demo database for UI tests: built once per run, copied for each test, opened for real."""

from __future__ import annotations

import shutil

import pytest

from persistence.storage import create_database, open_storage
from ui.context import AppContext


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    return create_database(str(folder / "demo.db"), demo=True)


@pytest.fixture
def demo_context(demo_template, tmp_path, qtbot):
    """An AppContext over a fresh copy of the demo (2023 Truck 1-11, WWT in progress...)."""
    path = tmp_path / "trackside.db"
    shutil.copy(demo_template, path)
    storage = open_storage(str(path))
    context = AppContext(storage)
    yield context
    context.deleteLater()
    storage.close()


def choose(context: AppContext, key: str) -> None:
    with context.uow() as uow:
        event = uow.events.get_by_key(key)
    context.set_event(event)
