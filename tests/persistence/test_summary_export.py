"""The weekend summary: exported files import back to the same facts, byte for byte repeatable."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

from hypothesis import given, strategies as st

from domain.model import (
    Driver,
    Entry,
    Event,
    Lap,
    LapFlag,
    RaceResult,
    Session,
)
from domain.services.imports import import_entries, import_laps, import_results
from domain.services.weekend import load_weekend
from persistence.csv_io import read_csv, write_csv
from persistence.summary_export import (
    entries_table,
    export_weekend,
    laps_table,
    results_table,
)
from tests.domain.rulesets_for_tests import RULESETS
from tests.fakes import FakeStore, FakeUnitOfWork, fake_uow_factory
from tests.worlds import CHICAGO_KEY, ONE_QUALIFYING, chicago_event, sessions_of, store_weekend

KEY = CHICAGO_KEY

names = (
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)
tricky_names = st.one_of(names, st.sampled_from(["=1+1", "@Legge", "-Heim", "Suárez, D.", 'A "B"']))
car_numbers = st.from_regex(r"[0-9]{1,3}[A-Z]?", fullmatch=True)


def new_store() -> tuple[FakeStore, Event, list[Session]]:
    store = FakeStore()
    event = chicago_event()
    sessions = sessions_of(event, ONE_QUALIFYING)
    store_weekend(FakeUnitOfWork(store), event, sessions)
    return store, event, sessions


def through_csv(tmp_path: Path, name: str, table) -> object:
    path = tmp_path / name
    write_csv(path, *table)
    return read_csv(path)


@st.composite
def entry_lists(draw) -> list[tuple[str, str, str, str, str, tuple[bool, ...]]]:
    rows = draw(
        st.lists(
            st.tuples(car_numbers, tricky_names, tricky_names, tricky_names, tricky_names),
            min_size=1,
            max_size=6,
            unique_by=(lambda r: r[0], lambda r: r[1].casefold()),
        )
    )
    flags = draw(st.lists(st.tuples(*[st.booleans()] * 5), min_size=len(rows), max_size=len(rows)))
    return [(*row, flag) for row, flag in zip(rows, flags, strict=True)]


def as_entries(rows, event: Event) -> tuple[list[Entry], dict]:
    drivers = {}
    entries = []
    for car, driver, team, owner, make, flags in rows:
        person = Driver(name=driver)
        drivers[person.id] = person
        guaranteed, oep, champion, eligible, withdrawn = flags
        entries.append(
            Entry(
                event_id=event.id, car_number=car, driver_id=person.id, team=team, owner=owner,
                make=make, guaranteed=guaranteed, oep=oep, past_champion=champion,
                points_eligible=eligible, withdrawn=withdrawn,
            )
        )  # fmt: skip
    return entries, drivers


def facts(entry: Entry, drivers: dict) -> tuple:
    return (
        entry.car_number, drivers[entry.driver_id].name, entry.team, entry.owner, entry.make,
        entry.guaranteed, entry.oep, entry.past_champion, entry.points_eligible, entry.withdrawn,
    )  # fmt: skip


@given(entry_lists())
def test_an_exported_entry_list_imports_back_to_the_same_entries(tmp_path_factory, rows):
    store, event, _ = new_store()
    entries, drivers = as_entries(rows, event)
    table = through_csv(
        tmp_path_factory.mktemp("e"), "entries.csv", entries_table(entries, drivers)
    )

    import_entries(FakeUnitOfWork(store), KEY, table)

    stored = {d.id: d for d in store.tables["drivers"].values()}
    back = sorted(facts(e, stored) for e in store.tables["entries"].values())
    assert back == sorted(facts(e, drivers) for e in entries)


laps = st.lists(
    st.tuples(
        st.sampled_from(["01", "0", "00"]),
        st.integers(10_000, 1_800_000),
        st.sampled_from([None, *LapFlag]),
        st.one_of(st.just(""), tricky_names),
        st.sampled_from([0, 1]),
    ),
    max_size=12,
)


def lap_facts(lap: Lap) -> tuple:
    return (lap.session_id, lap.car_number, lap.lap_ms, lap.flag, lap.note)


@given(laps)
def test_exported_laps_import_back_in_order_with_exact_milliseconds(tmp_path_factory, drawn):
    store, event, sessions = new_store()
    entries, drivers = as_entries(
        [(car, f"Driver {car}", "T", "O", "Ford", (False,) * 5) for car in ("0", "00", "01")],
        event,
    )
    laps = [
        Lap(session_id=sessions[s].id, car_number=car, lap_ms=ms, flag=flag, note=note)
        for car, ms, flag, note, s in drawn
    ]
    laps.sort(key=lambda lap: [s.id for s in sessions].index(lap.session_id))
    with FakeUnitOfWork(store) as uow:
        for entry in entries:
            uow.drivers.add(drivers[entry.driver_id])
            uow.entries.add(entry)
        uow.commit()
    weekend = replace(load_weekend(fake_uow_factory(store), KEY, RULESETS), laps=laps)
    table = through_csv(tmp_path_factory.mktemp("l"), "laps.csv", laps_table(weekend))

    report, _ = import_laps(FakeUnitOfWork(store), KEY, table)

    stored = sorted(store.tables.get("laps", {}).values(), key=lambda lap: lap.logged_at)
    fields = [(lap.session_id, lap.car_number, lap.lap_ms, lap.flag, lap.note) for lap in stored]
    assert fields == [
        (lap.session_id, lap.car_number, lap.lap_ms, lap.flag, lap.note) for lap in laps
    ]
    assert report.ignored_columns == ()  # lap, driver, time_text and mph are known columns


OPEN = (False, False, False, True, False)  # guaranteed, oep, champion, eligible, withdrawn


def chicago_weekend(tmp_path: Path):
    """A small Chicago weekend in the fake store, loaded as the summary sees it."""
    store, event, sessions = new_store()
    rows = [
        ("78", "Katherine Legge", "Live Fast", "=Live Fast", "Chevrolet", OPEN),
        ("67", "Corey Heim", "23XI Racing", "23XI", "Toyota", OPEN),
        ("01", "@Someone", "Team, Inc.", "O", "Ford", (True, False, False, True, False)),
    ]  # fmt: skip
    entries, drivers = as_entries(rows, event)
    with FakeUnitOfWork(store) as uow:
        for entry in entries:
            uow.drivers.add(drivers[entry.driver_id])
            uow.entries.add(entry)
        for car, ms in (("78", 92_368), ("67", 92_506), ("01", 91_000)):
            uow.laps.add(Lap(session_id=sessions[1].id, car_number=car, lap_ms=ms))
        for finish, entry in enumerate(entries, start=1):
            uow.results.add(
                RaceResult(
                    event_id=event.id, car_number=entry.car_number, driver_id=entry.driver_id,
                    finish=finish, laps=75, stage1=finish, fastest_lap=finish == 1,
                )
            )  # fmt: skip
        uow.commit()
    return store, load_weekend(fake_uow_factory(store), KEY, RULESETS)


def test_the_summary_is_one_excel_safe_file_per_section_and_repeats_byte_for_byte(tmp_path):
    _, weekend = chicago_weekend(tmp_path)

    first = export_weekend(weekend, tmp_path / "one")
    second = export_weekend(weekend, tmp_path / "two")

    assert [p.name for p in first] == [
        "entries.csv", "substitutions.csv", "laps.csv", "sessions.csv", "lineup.csv",
        "results.csv", "penalties.csv", "waivers.csv", "driver_standings.csv",
        "owner_standings.csv",
    ]  # fmt: skip
    for one, two in zip(first, second, strict=True):
        data = one.read_bytes()
        assert data == two.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
        assert b"\n" not in data.replace(b"\r\n", b"")
    entries = (tmp_path / "one" / "entries.csv").read_text("utf-8-sig")
    assert "'@Someone" in entries and "'=Live Fast" in entries and '"=""01"""' in entries


def test_the_summary_results_carry_points_and_import_back_unchanged(tmp_path):
    store, weekend = chicago_weekend(tmp_path)
    export_weekend(weekend, tmp_path / "out")

    report, _ = import_results(
        FakeUnitOfWork(store), KEY, read_csv(tmp_path / "out" / "results.csv")
    )
    winner = read_csv(tmp_path / "out" / "results.csv").rows[0].cells

    assert (report.added, report.updated, report.unchanged, report.ignored_columns) == (0, 0, 3, ())
    assert winner["car"] == "78" and winner["stage1_points"] == "10"
    assert winner["finish_points"] == "40" and winner["driver_points"] == "51"  # +1 fastest lap


def test_results_table_writes_numbers_as_numbers(tmp_path):
    _, weekend = chicago_weekend(tmp_path)

    columns, rows = results_table(weekend.results, weekend.drivers)

    assert [c.name for c in columns][:3] == ["finish", "car", "driver"]
    assert rows[0][:3] == (1, "78", "Katherine Legge")


def test_the_lineup_section_lists_starters_then_the_reasons_of_cars_that_went_home(tmp_path):
    _, weekend = chicago_weekend(tmp_path)
    export_weekend(weekend, tmp_path / "out")

    table = read_csv(tmp_path / "out" / "lineup.csv")

    assert [row.cells["car"] for row in table.rows] == [
        row.car_number for row in weekend.field.lineup + weekend.field.dnq
    ]
    assert all(row.cells["reason"] for row in table.rows)


def test_laps_csv_numbers_each_cars_laps_and_names_the_driver_with_mph_and_a_readable_time(
    tmp_path,
):
    _, weekend = chicago_weekend(tmp_path)
    legge = next(lap for lap in weekend.laps if lap.car_number == "78")
    again = replace(legge, id=uuid4(), lap_ms=91_234, logged_at=legge.logged_at + timedelta(1))
    weekend = replace(weekend, laps=[*weekend.laps, again])
    write_csv(tmp_path / "laps.csv", *laps_table(weekend))

    rows = [row.cells for row in read_csv(tmp_path / "laps.csv").rows]

    assert list(rows[0]) == [
        "session", "car", "lap", "driver", "time", "time_text", "mph", "flag", "note",
    ]  # fmt: skip
    legge_laps = [
        (r["lap"], r["driver"], r["time"], r["time_text"], r["mph"])
        for r in rows
        if r["car"] == "78"
    ]
    assert legge_laps == [
        ("1", "Katherine Legge", "92.368", "1:32.368", "85.744"),
        ("2", "Katherine Legge", "91.234", "1:31.234", "86.810"),
    ]
    raw = (tmp_path / "laps.csv").read_text("utf-8-sig")
    assert ",92.368,1:32.368,85.744," in raw  # seconds and mph stay numeric, unquoted
