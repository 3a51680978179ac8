"""Cells that Excel in another locale could split and run, and files in the wrong encoding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from domain.errors import ValidationError
from persistence.csv_io import (
    Column,
    Kind,
    encode_cell,
    neutralise,
    read_csv,
    restore,
    to_text,
    write_csv,
)

SEPARATED = st.lists(
    st.text(alphabet="=+-@'\t\r\nab ,;", max_size=6), min_size=1, max_size=5
).flatmap(lambda parts: st.sampled_from([",", ";", "\t"]).map(lambda sep: sep.join(parts)))
FORMULA_AFTER_SEPARATOR = re.compile(r"[,;\t][=+\-@\t\r\n]")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("x;=1+1", "x;'=1+1"),
        ("x,+A1", "x,'+A1"),
        ("x\t@SUM(A1)", "x\t'@SUM(A1)"),
        ("a;'=b", "a;''=b"),
        ("=1;=2", "'=1;'=2"),
    ],
)
def test_a_formula_after_a_list_separator_is_neutralised(text: str, written: str) -> None:
    assert neutralise(text) == written
    assert restore(written) == text


@given(SEPARATED)
def test_no_part_after_a_separator_starts_like_a_formula_and_restoring_undoes_it(text) -> None:
    written = neutralise(text)
    assert not FORMULA_AFTER_SEPARATOR.search(written)
    assert restore(written) == text


@given(SEPARATED)
def test_a_separated_cell_reads_back_exactly(tmp_path_factory, text) -> None:
    path = tmp_path_factory.mktemp("csv") / "names.csv"
    write_csv(path, (Column("car", Kind.CAR), Column("driver")), [("7", text)])
    assert read_csv(path).rows[0].cells["driver"] == text


def test_a_cell_with_a_semicolon_or_tab_is_quoted_so_no_locale_splits_it() -> None:
    line = to_text([[encode_cell(Kind.TEXT, "x;=1+1"), encode_cell(Kind.TEXT, "a\tb"), "plain"]])
    assert line == '"x;\'=1+1","a\tb",plain\r\n'


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_utf16_file_with_or_without_a_bom_gets_the_encoding_advice(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "entries.csv"
    path.write_bytes("car,driver\r\n7,Corey Heim\r\n".encode(encoding))
    with pytest.raises(ValidationError) as refused:
        read_csv(path)
    message = str(refused.value)
    assert "is not UTF-8 text" in message and "CSV UTF-8 (Comma delimited)" in message
    assert "\x00" not in message
