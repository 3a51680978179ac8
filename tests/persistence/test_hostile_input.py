"""Random and huge input at every parser, import and rule pack: only Trackside's errors come out.

The imports run against a real SQLite file, so a number that passed the parsers but overflowed
the database (2**63 laps raised OverflowError) would fail here as well.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from domain import bounds
from domain.errors import TracksideError
from domain.laptime import parse_lap_time
from domain.services.import_cells import ImportRow, ImportTable
from domain.services.imports import import_entries, import_laps, import_results
from persistence.csv_io import parse_csv, read_csv
from persistence.rulesets import load_rulesets
from persistence.storage import SqlStorage, create_database, open_storage
from tests.worlds import GATEWAY_KEY, PRACTICE_AND_RACE, gateway_event, sessions_of, store_weekend

CARS = ["0", "00", "01", "1", "11F", "98"]
NASTY = [
    "9223372036854775808",
    "3000000000",
    "18446744073709551616",
    "-1",
    "1:32.368",
    "29.876",
    "180.123 mph",
    "\u200b",
    "=1+1",
    "1e309",
    "nan",
    "٣",
]


def digit_runs(max_digits: int = 6000) -> st.SearchStrategy[str]:
    """Digit strings up to thousands long (int() refuses over 4,300 digits)."""
    return st.builds(
        lambda digit, count, tail: digit * count + tail,
        st.sampled_from("0123456789"),
        st.integers(1, max_digits),
        st.sampled_from(["", ".5", ":00", " mph", ".123456"]),
    )


CELLS = st.one_of(
    st.text(max_size=40),
    digit_runs(),
    st.sampled_from(NASTY),
    st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{0,12})?( ?mph)?", fullmatch=True),
)
HOSTILE = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def table_of(columns: list[str], rows: list[dict[str, str]]) -> ImportTable:
    return ImportTable(
        source="hostile.csv",
        columns=tuple(columns),
        rows=tuple(
            ImportRow(line, {c: row.get(c, "") for c in columns})
            for line, row in enumerate(rows, start=2)
        ),
    )


def rows_for(columns: list[str]) -> st.SearchStrategy[list[dict[str, str]]]:
    cell = {c: (st.sampled_from(CARS) | CELLS if c == "car" else CELLS) for c in columns}
    return st.lists(st.fixed_dictionaries(cell), min_size=1, max_size=5)


@pytest.fixture(scope="module")
def storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStorage]:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    create_database(str(path), demo=False)
    opened = open_storage(str(path))
    event = gateway_event()
    store_weekend(opened.uow_factory(), event, sessions_of(event, PRACTICE_AND_RACE))
    entries = [
        {"car": car, "driver": f"Driver {car}", "team": "Team", "make": "Ford"} for car in CARS
    ]
    import_entries(opened.uow_factory(), GATEWAY_KEY, table_of(list(entries[0]), entries))
    yield opened
    opened.close()


def only_our_errors(action) -> None:
    """Our errors are the expected outcome of hostile input; anything else fails the test."""
    with contextlib.suppress(TracksideError):
        action()


@given(text=CELLS, length=st.none() | st.integers(0, 10**6))
def test_lap_time_parsing_raises_only_our_errors(text: str, length: int | None) -> None:
    only_our_errors(lambda: parse_lap_time(text, track_length_millimiles=length))


@given(text=CELLS, bound=st.sampled_from([bounds.LAPS, bounds.POSITION, bounds.POINTS]))
def test_bounded_numbers_raise_only_our_errors(text: str, bound: bounds.Bound) -> None:
    only_our_errors(lambda: bound.read(text))


@given(text=st.text(max_size=300) | st.lists(CELLS, max_size=8).map(",".join))
def test_csv_parsing_raises_only_our_errors(text: str) -> None:
    only_our_errors(lambda: parse_csv(text, source="hostile.csv"))


@HOSTILE
@given(data=st.binary(max_size=600) | st.text(max_size=200).map(lambda t: t.encode("utf-16-le")))
def test_reading_any_bytes_as_csv_raises_only_our_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    only_our_errors(lambda: read_csv(path))


@HOSTILE
@given(rows=rows_for(["car", "session", "time", "speed", "flag", "note"]))
def test_importing_hostile_laps_raises_only_our_errors(storage: SqlStorage, rows) -> None:
    for row in rows:
        row["session"] = row["session"] if row["session"] in NASTY else "Practice"
    table = table_of(list(rows[0]), rows)
    only_our_errors(lambda: import_laps(storage.uow_factory(), GATEWAY_KEY, table))


RESULT_COLUMNS = ["car", "finish", "start", "laps", "laps_led", "stage1", "stage2"]


@HOSTILE
@given(rows=rows_for([*RESULT_COLUMNS, "stage_points", "stage_wins", "status"]))
def test_importing_hostile_results_raises_only_our_errors(storage: SqlStorage, rows) -> None:
    table = table_of(list(rows[0]), rows)
    only_our_errors(lambda: import_results(storage.uow_factory(), GATEWAY_KEY, table))


@HOSTILE
@given(rows=rows_for(["car", "driver", "team", "make", "owner", "charter"]))
def test_importing_hostile_entries_raises_only_our_errors(storage: SqlStorage, rows) -> None:
    table = table_of(list(rows[0]), rows)
    only_our_errors(lambda: import_entries(storage.uow_factory(), GATEWAY_KEY, table))


def test_a_results_row_with_laps_beyond_64_bits_gets_a_line_numbered_message(
    storage: SqlStorage,
) -> None:
    rows = [{"car": "1", "finish": "1", "laps": "9223372036854775808"}]
    with pytest.raises(TracksideError) as refused:
        import_results(storage.uow_factory(), GATEWAY_KEY, table_of(list(rows[0]), rows))
    assert str(refused.value).startswith("hostile.csv, line 2: laps '9223372036854775808' is out")


def test_a_lap_time_of_4301_digits_gets_a_line_numbered_message(storage: SqlStorage) -> None:
    rows = [{"car": "1", "session": "Practice", "time": "9" * 4301}]
    with pytest.raises(TracksideError) as refused:
        import_laps(storage.uow_factory(), GATEWAY_KEY, table_of(list(rows[0]), rows))
    message = str(refused.value)
    assert message.startswith("hostile.csv, line 2: ")
    assert "(4,301 characters) is too long to be a lap time" in message


RULESETS = Path(__file__).resolve().parents[2] / "resources" / "rulesets"
PACK_VALUES = st.sampled_from(
    ["9" * 5000, "-1", "1e400", "nan", "inf", '"x"', "[]", "[[1]]", "{}", "true", "0"]
) | st.integers().map(str)


@HOSTILE
@given(
    pack=st.sampled_from(sorted(RULESETS.glob("*.toml"))),
    line=st.integers(0, 400),
    value=PACK_VALUES,
)
def test_a_rule_pack_with_any_value_replaced_raises_only_our_errors(
    tmp_path_factory: pytest.TempPathFactory, pack: Path, line: int, value: str
) -> None:
    lines = pack.read_text(encoding="utf-8").splitlines()
    index = line % len(lines)
    if "=" in lines[index]:
        lines[index] = f"{lines[index].split('=', 1)[0]}= {value}"
    folder = tmp_path_factory.mktemp("packs")
    (folder / pack.name).write_text("\n".join(lines), encoding="utf-8")
    only_our_errors(lambda: load_rulesets(folder))
