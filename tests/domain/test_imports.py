"""Import use cases against the in-memory unit of work: all or nothing, and never duplicated."""

from __future__ import annotations

import pytest

from domain.errors import DomainError, NotFoundError, ValidationError
from domain.model import LapFlag
from domain.services.import_cells import ImportRow, ImportTable
from domain.services.imports import import_entries, import_laps, import_results
from tests.fakes import FakeStore, FakeUnitOfWork
from tests.worlds import PRACTICE_AND_RACE, gateway_event, sessions_of, store_weekend

ENTRIES = [
    {"car": "01", "driver": "Toni Breidinger", "team": "Tricon", "make": "Toyota"},
    {"car": "1", "driver": "Jesse Love", "team": "Tricon", "make": "Toyota", "charter": "yes"},
    {"car": "0", "driver": "Ty Majeski", "team": "ThorSport", "make": "Ford", "owner": "Smith"},
]


def table(rows: list[dict[str, str]], source: str = "file.csv") -> ImportTable:
    columns = tuple(dict.fromkeys(k for row in rows for k in row))
    return ImportTable(
        source=source,
        columns=columns,
        rows=tuple(
            ImportRow(line, {c: row.get(c, "") for c in columns})
            for line, row in enumerate(rows, start=2)
        ),
    )


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    event = gateway_event()
    store_weekend(FakeUnitOfWork(store), event, sessions_of(event, PRACTICE_AND_RACE))
    return store


def stored(store: FakeStore, name: str) -> list:
    return list(store.tables.get(name, {}).values())


def test_an_entry_list_adds_cars_with_their_drivers_and_flags(store):
    report, _ = import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))

    entries = {e.car_number: e for e in stored(store, "entries")}
    assert report.added == 3
    assert sorted(entries) == ["0", "01", "1"]
    assert entries["1"].guaranteed and not entries["01"].guaranteed
    assert entries["0"].owner == "Smith" and entries["01"].owner == "Tricon"
    assert {d.name for d in stored(store, "drivers")} == {
        "Toni Breidinger",
        "Jesse Love",
        "Ty Majeski",
    }


def test_importing_the_same_entry_list_twice_duplicates_nothing(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    report, _ = import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))

    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert len(stored(store, "entries")) == 3
    assert len(stored(store, "drivers")) == 3


def test_a_changed_row_updates_the_stored_entry_and_keeps_the_change_in_history(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    changed = [dict(ENTRIES[0], make="Chevrolet"), *ENTRIES[1:]]

    report, _ = import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(changed))

    assert report.updated == 1
    assert {e.car_number: e.make for e in stored(store, "entries")}["01"] == "Chevrolet"
    assert any(r.field_name == "make" for r in stored(store, "history"))


def test_a_bad_car_number_names_its_line_and_nothing_is_imported(store):
    rows = [*ENTRIES, {"car": "1x2", "driver": "A Driver", "team": "T", "make": "Ford"}]

    with pytest.raises(ValidationError, match=r"file.csv, line 5: .*1x2.*nothing was imported"):
        import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))

    assert stored(store, "entries") == [] and stored(store, "drivers") == []


def test_a_missing_column_is_named(store):
    rows = [{k: v for k, v in row.items() if k != "make"} for row in ENTRIES]

    with pytest.raises(ValidationError, match=r"has no 'make' column .*manufacturer"):
        import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))


def test_the_same_car_twice_in_one_file_is_refused(store):
    rows = [*ENTRIES, dict(ENTRIES[0], driver="Someone Else")]

    with pytest.raises(ValidationError, match=r"line 5: No. 01 is already on line 2"):
        import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))


def test_a_driver_already_on_a_stored_car_the_file_leaves_out_is_refused(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    love_again = [{"car": "11", "driver": "Jesse Love", "team": "Tricon", "make": "Toyota"}]

    with pytest.raises(
        ValidationError, match=r"line 2: Jesse Love already drives No. 1 .*nothing was imported"
    ):
        import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(love_again))

    assert sorted(e.car_number for e in stored(store, "entries")) == ["0", "01", "1"]


def test_drivers_swapping_cars_within_one_file_are_not_refused(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    swapped = [
        dict(ENTRIES[0], driver="Jesse Love"),
        dict(ENTRIES[1], driver="Toni Breidinger"),
        ENTRIES[2],
    ]

    report, _ = import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(swapped))

    assert report.updated == 2
    names = {d.id: d.name for d in stored(store, "drivers")}
    drivers = {e.car_number: names[e.driver_id] for e in stored(store, "entries")}
    assert drivers == {"01": "Jesse Love", "1": "Toni Breidinger", "0": "Ty Majeski"}


def test_a_driver_of_a_withdrawn_stored_car_may_be_entered_in_another(store):
    rows = [dict(ENTRIES[1], withdrawn="yes")]
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))
    moved = [{"car": "11", "driver": "Jesse Love", "team": "Tricon", "make": "Toyota"}]

    report, _ = import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(moved))

    assert report.added == 1


def test_an_unknown_event_key_is_not_found(store):
    with pytest.raises(NotFoundError, match="nope"):
        import_entries(FakeUnitOfWork(store), "nope", table(ENTRIES))


LAPS = [
    {"session": "Practice", "car": "01", "time": "33.512"},
    {"session": "practice", "car": "01", "time": "33.512", "flag": "out"},
    {"session": "Practice", "car": "1", "speed": "134.5", "note": "loose off"},
    {"session": "Practice", "car": "1", "time": "33.512"},
]


def test_laps_are_imported_in_file_order_with_speed_converted_through_the_track_length(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))

    report, _ = import_laps(FakeUnitOfWork(store), "truck-2023-gateway", table(LAPS))

    laps = sorted(stored(store, "laps"), key=lambda lap: lap.logged_at)
    assert report.added == 4
    assert [(lap.car_number, lap.lap_ms, lap.flag) for lap in laps] == [
        ("01", 33_512, None),
        ("01", 33_512, LapFlag.OUT),
        ("1", 33_457, None),  # 1.25 mi × 3600 / 134.5 mph = 33.457 s
        ("1", 33_512, None),
    ]
    assert laps[2].note == "loose off"


def test_reimporting_laps_adds_only_laps_not_stored_yet(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    import_laps(FakeUnitOfWork(store), "truck-2023-gateway", table(LAPS[:2]))

    report, _ = import_laps(FakeUnitOfWork(store), "truck-2023-gateway", table(LAPS))

    assert (report.added, report.unchanged) == (2, 2)
    assert len(stored(store, "laps")) == 4


def test_a_bad_lap_time_names_its_line_and_no_lap_is_imported(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    rows = [*LAPS[:3], {"session": "Practice", "car": "1", "time": "1:2x.4"}]

    with pytest.raises(ValidationError, match=r"line 5: .*1:2x.4.*nothing was imported"):
        import_laps(FakeUnitOfWork(store), "truck-2023-gateway", table(rows, "laps.csv"))

    assert stored(store, "laps") == []


def test_laps_without_a_session_column_go_to_the_session_given(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    rows = [{"car": "01", "time": "33.9"}]

    import_laps(FakeUnitOfWork(store), "truck-2023-gateway", table(rows), session_name="Practice")

    practice = next(s for s in stored(store, "sessions") if s.name == "Practice")
    assert [lap.session_id for lap in stored(store, "laps")] == [practice.id]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"session": "Happy Hour", "car": "01", "time": "33.9"}, "no session 'Happy Hour'"),
        ({"car": "01", "time": "33.9"}, "'session' cell is empty"),
        ({"session": "Practice", "car": "99", "time": "33.9"}, "No. 99 is not on the entry"),
        ({"session": "Practice", "car": "01", "time": "33.9", "flag": "red"}, "flag 'red'"),
    ],
)
def test_a_lap_row_the_event_cannot_place_is_refused(store, row, reason):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))

    with pytest.raises(DomainError, match=reason):
        import_laps(FakeUnitOfWork(store), "truck-2023-gateway", table([row]))


RESULTS = [
    {"pos": "1", "car": "0", "laps": "160", "laps_led": "90", "stage1": "1", "fastest_lap": "y"},
    {"pos": "2", "car": "1", "laps": "160", "laps_led": "0", "stage_points": "7"},
    {"pos": "3", "car": "01", "driver": "Corey Heim", "laps": "150", "status": "Accident"},
]


def test_results_are_stored_with_the_drivers_of_the_cars_unless_a_driver_is_named(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))

    report, _ = import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(RESULTS))

    drivers = {d.id: d.name for d in stored(store, "drivers")}
    results = {r.car_number: r for r in stored(store, "results")}
    assert report.added == 3
    assert drivers[results["0"].driver_id] == "Ty Majeski"
    assert drivers[results["01"].driver_id] == "Corey Heim"
    assert results["0"].stage1 == 1 and results["0"].fastest_lap
    assert results["1"].reported_stage_points == 7
    assert results["01"].status == "accident"


def test_reimporting_results_duplicates_nothing(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(RESULTS))

    report, _ = import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(RESULTS))

    assert (report.added, report.unchanged) == (0, 3)
    assert len(stored(store, "results")) == 3


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"pos": "1"}, "P1 is already on line 2"),
        ({"laps_led": "999"}, r"laps led \(999\) is more than laps"),
        ({"stage1": "0"}, "stage1 '0' is out of range: it must be from 1 to"),
        ({"stage1": "1"}, "stage1 P1 is already on line 2"),
        ({"fastest_lap": "yes"}, "only one car can have the fastest lap"),
        ({"laps": "many"}, "laps 'many' is not a whole number"),
    ],
)
def test_a_bad_result_row_is_refused_and_nothing_is_stored(store, change, reason):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    rows = [*RESULTS[:2], dict(RESULTS[2], **change)]

    with pytest.raises(ValidationError, match=reason):
        import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))

    assert stored(store, "results") == []


def test_a_result_for_a_car_not_entered_names_its_line(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    rows = [*RESULTS, {"pos": "4", "car": "77"}]

    with pytest.raises(ValidationError, match=r"line 5: No. 77 is not on the entry list"):
        import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))

    assert stored(store, "results") == []


def test_columns_the_import_does_not_use_are_reported(store):
    rows = [dict(row, lap_lead="3") for row in ENTRIES]

    report, _ = import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(rows))

    assert report.ignored_columns == ("lap_lead",)
    assert "columns not used: lap_lead" in report.summary


def test_a_clash_with_a_stored_result_rolls_back_the_rows_already_written(store):
    import_entries(FakeUnitOfWork(store), "truck-2023-gateway", table(ENTRIES))
    import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(RESULTS[2:]))  # 01 is P3
    clashing = [{"pos": "1", "car": "0"}, {"pos": "3", "car": "1"}]

    with pytest.raises(DomainError, match=r"line 3: P3 is already taken.*nothing was imported"):
        import_results(FakeUnitOfWork(store), "truck-2023-gateway", table(clashing))

    assert [r.car_number for r in stored(store, "results")] == ["01"]
