"""Excel-safe CSV: what the writer puts in the file, and that the reader gets back exactly that."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from domain.errors import ValidationError
from persistence.csv_io import (
    Column,
    Kind,
    decode_cell,
    encode_cell,
    neutralise,
    parse_csv,
    read_csv,
    restore,
    write_csv,
)

COLUMNS = (Column("car", Kind.CAR), Column("driver"), Column("gap", Kind.NUMBER))

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
car_numbers = st.from_regex(r"[0-9]{1,3}[A-Z]?", fullmatch=True)
tricky_texts = st.one_of(
    texts,
    st.sampled_from(["=SUM(A1)", "+1", "-0.5", "@home", "'=x", "''+y", "\tTab", 'Ünal, "Jr"']),
    st.builds(lambda a, b: a + b, st.sampled_from(["=", "+", "-", "@", "'", "\n", "\r"]), texts),
)


@given(tricky_texts)
def test_restoring_a_neutralised_text_gives_back_the_text(value):
    assert restore(neutralise(value)) == value


@given(tricky_texts)
def test_no_written_text_cell_starts_like_a_formula(value):
    assert not encode_cell(Kind.TEXT, value).startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


@given(st.lists(st.tuples(car_numbers, tricky_texts, st.integers(-(10**6), 10**6)), max_size=8))
def test_a_written_file_reads_back_cell_for_cell(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "table.csv"
    gaps = [Decimal(ms).scaleb(-3) for _, _, ms in rows]
    write_csv(path, COLUMNS, [(c, d, g) for (c, d, _), g in zip(rows, gaps, strict=True)])

    table = read_csv(path)

    assert table.columns == ("car", "driver", "gap")
    read = [(r.cells["car"], r.cells["driver"], Decimal(r.cells["gap"])) for r in table.rows]
    expected = [(c, d, g) for (c, d, _), g in zip(rows, gaps, strict=True)]
    assert read == expected


def test_the_file_starts_with_a_bom_and_ends_lines_with_crlf(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, COLUMNS, [("01", "Zane Smith", Decimal("-0.123"))])

    assert path.read_bytes() == (b'\xef\xbb\xbfcar,driver,gap\r\n"=""01""",Zane Smith,-0.123\r\n')


@pytest.mark.parametrize("number", ["0", "00", "01", "1", "11F"])
def test_car_numbers_keep_their_leading_zeros_through_a_round_trip(number):
    assert decode_cell(encode_cell(Kind.CAR, number)) == number


def test_a_car_number_excel_saved_back_as_plain_text_reads_as_typed():
    table = parse_csv("car,driver\r\n01,Toni Breidinger\r\n", source="entries.csv")

    assert table.rows[0].cells["car"] == "01"


def test_numbers_are_written_as_numbers_not_neutralised():
    assert encode_cell(Kind.NUMBER, Decimal("-0.123")) == "-0.123"
    assert encode_cell(Kind.NUMBER, -5) == "-5"


def test_a_text_that_looks_like_a_negative_number_is_kept_as_text():
    assert encode_cell(Kind.TEXT, "-5") == "'-5"


def test_rows_are_numbered_by_the_line_they_start_on_even_after_a_multiline_cell():
    text = 'car,note\n1,"two\nlines"\n\n2,plain\n'

    table = parse_csv(text, source="laps.csv")

    assert [(row.line, row.cells["car"]) for row in table.rows] == [(2, "1"), (5, "2")]


def test_column_names_are_matched_without_case_or_spaces():
    table = parse_csv("Car,Laps Led\n1,3\n", source="results.csv")

    assert table.columns == ("car", "laps_led")


def test_semicolon_separated_files_from_european_excel_are_read():
    table = parse_csv("car;driver\n9;Chase Elliott\n", source="entries.csv")

    assert table.rows[0].cells == {"car": "9", "driver": "Chase Elliott"}


def test_an_empty_file_says_it_needs_a_header(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_bytes(b"")

    with pytest.raises(ValidationError, match=r"entries\.csv is empty"):
        read_csv(path)


def test_a_file_that_is_not_utf8_says_how_to_save_it_from_excel(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_bytes("car,driver\n1,Ünal\n".encode("cp1252"))

    with pytest.raises(ValidationError, match="CSV UTF-8"):
        read_csv(path)


def test_a_row_with_more_cells_than_columns_names_its_line():
    with pytest.raises(ValidationError, match="line 3: 3 cells"):
        parse_csv("car,driver\n1,A\n2,Smith, Jr.\n", source="entries.csv")


def test_a_missing_file_names_the_path(tmp_path):
    with pytest.raises(ValidationError, match=r"Cannot read .*nope\.csv"):
        read_csv(Path(tmp_path / "nope.csv"))
