"""Import files that are ambiguous or invisible are refused by name, never guessed at."""

from __future__ import annotations

import pytest

from domain import services
from domain.errors import ValidationError
from domain.services.import_cells import ImportRow, ImportTable
from domain.services.imports import import_entries, import_laps
from tests.fakes import FakeStore, FakeUnitOfWork
from tests.worlds import GATEWAY_KEY, PRACTICE_AND_RACE, gateway_event, sessions_of, store_weekend


def table(columns: tuple[str, ...], *rows: tuple[str, ...]) -> ImportTable:
    return ImportTable(
        source="file.csv",
        columns=columns,
        rows=tuple(
            ImportRow(line, dict(zip(columns, row, strict=True)))
            for line, row in enumerate(rows, 2)
        ),
    )


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    event = gateway_event()
    store_weekend(FakeUnitOfWork(store), event, sessions_of(event, PRACTICE_AND_RACE))
    entries = table(("car", "driver", "team", "make"), ("7", "Corey Heim", "Tricon", "Toyota"))
    import_entries(FakeUnitOfWork(store), GATEWAY_KEY, entries)
    return store


def test_two_columns_that_mean_the_same_are_refused_and_both_named(store) -> None:
    laps = table(("car", "session", "time", "lap_time"), ("7", "Practice", "29.876", "30.001"))
    with pytest.raises(ValidationError) as refused:
        import_laps(FakeUnitOfWork(store), GATEWAY_KEY, laps)
    assert str(refused.value) == (
        "file.csv has 2 columns for 'time' (time, lap_time); keep one and delete or rename the "
        "others. Nothing was imported."
    )
    assert store.tables.get("laps", {}) == {}


@pytest.mark.parametrize("name", ["\u200b", " \u200b\u200d ", "\ufeff", "\u2060"])
def test_a_driver_name_of_invisible_characters_only_is_refused(store, name: str) -> None:
    entries = table(("car", "driver", "team", "make"), ("8", name, "Tricon", "Toyota"))
    with pytest.raises(ValidationError, match=r"line 2: .*only invisible characters"):
        import_entries(FakeUnitOfWork(store), GATEWAY_KEY, entries)


def test_a_typed_team_of_a_zero_width_space_is_refused(store) -> None:
    event_id = next(iter(store.tables["events"]))
    with pytest.raises(ValidationError, match="only invisible characters"):
        services.add_entry(
            FakeUnitOfWork(store), event_id, "9", "Ty Majeski", team="\u200b", make="Ford"
        )


def test_a_name_with_a_joiner_between_letters_is_still_accepted(store) -> None:
    event_id = next(iter(store.tables["events"]))
    services.add_entry(
        FakeUnitOfWork(store), event_id, "9", "Ty\u200dMajeski", team="ThorSport", make="Ford"
    )
