"""Excel-safe CSV: UTF-8 with BOM, CRLF, neutralised formulas, car numbers that keep their zeros.

Writing and reading are exact inverses (DESIGN §5), so anything the exporter writes the
importer reads back unchanged:
- a text cell matching `'*[=+-@\\t\\r\\n]…` gets one leading `'` so Excel shows it as text
  instead of running it as a formula; reading removes exactly that one `'`;
- a car number is written as `="01"`: Excel drops the zeros of a merely quoted "01", but shows
  the result of this formula as text; reading unwraps it and also accepts a plain `01`, which
  is what Excel writes back when it re-saves the file;
- numbers (int, Decimal) are written as they are, so "-0.123" stays a number in Excel.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path

from domain.errors import ValidationError
from domain.services.import_cells import ImportRow, ImportTable

_FORMULA_START = re.compile(r"'*[=+\-@\t\r\n]")
# Excel splits on `;` (many locales) or a tab as well as `,`: "x;=1+1" could become a formula.
# A `'` goes in after each separator that a formula character follows (past any `'`s already
# there), so restoring removes exactly one `'` at each such place.
_AFTER_SEPARATOR = re.compile(r"(?<=[,;\t])(?='*[=+\-@\t\r\n])")
_ADDED_AFTER_SEPARATOR = re.compile(r"(?<=[,;\t])'(?='*[=+\-@\t\r\n])")
_NEEDS_QUOTES = re.compile(r'[,;\t"\r\n]')
_CAR_FORMULA = re.compile(r'="(.*)"', re.DOTALL)


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"
    CAR = "car"
    FLAG = "flag"  # a yes/no cell


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT


def neutralise(text: str) -> str:
    """Stop Excel from treating the cell, or any part of it after a list separator, as a
    formula; `restore` undoes exactly this."""
    text = _AFTER_SEPARATOR.sub("'", text)
    return "'" + text if _FORMULA_START.match(text) else text


def restore(cell: str) -> str:
    """Reverse `neutralise`: drop each `'` it added, and only those."""
    if cell.startswith("'") and _FORMULA_START.match(cell[1:]):
        cell = cell[1:]
    return _ADDED_AFTER_SEPARATOR.sub("", cell)


def encode_car(number: str) -> str:
    return f'="{number}"'


def decode_cell(cell: str) -> str:
    """Read a cell back: unwrap `="01"` (as Excel shows it), else undo `neutralise`."""
    match = _CAR_FORMULA.fullmatch(cell)
    return match.group(1) if match else restore(cell)


def encode_cell(kind: Kind, value: object) -> str:
    """One cell as text; None is an empty cell."""
    if value is None:
        return ""
    if kind is Kind.CAR:
        return encode_car(str(value))
    if kind is Kind.FLAG:
        return "yes" if value else "no"
    if kind is Kind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"a number column got {value!r}")  # a bug, not user input
        return str(value)
    return neutralise(str(value))


def encode_rows(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> list[list[str]]:
    """The header and every row as cells ready for `write_csv`."""
    lines = [[neutralise(column.name) for column in columns]]
    for row in rows:
        lines.append([encode_cell(c.kind, v) for c, v in zip(columns, row, strict=True)])
    return lines


def to_text(lines: Iterable[Sequence[str]]) -> str:
    """CSV text; a cell holding `;` or a tab is quoted too, so no locale's Excel splits it."""
    return "".join(_line(line) + "\r\n" for line in lines)


def _line(cells: Sequence[str]) -> str:
    if len(cells) == 1 and not cells[0]:
        return '""'  # a lone empty cell, not an empty line (which readers skip)
    return ",".join(map(_quoted, cells))


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell


def write_csv(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> None:
    """Write one table; the BOM tells Excel it is UTF-8, so accents survive."""
    text = to_text(encode_rows(columns, rows))
    path.write_bytes(text.encode("utf-8-sig"))


def parse_csv(text: str, *, source: str) -> ImportTable:
    """Split CSV text into a header and rows numbered by the line each row starts on."""
    text = text.removeprefix("\ufeff")
    delimiter = ";" if _uses_semicolons(text) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ValidationError(f"{source} is empty: it needs a header line with column names.")
        columns = [_column_key(restore(name)) for name in header]
        rows: list[ImportRow] = []
        line = reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append(ImportRow(line=line, cells=_cells(columns, record, line, source)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError(
            f"{source}, line {reader.line_num}: the CSV is malformed ({exc}); "
            "check for an unclosed quote. Nothing was imported."
        ) from exc
    return ImportTable(source=source, columns=tuple(columns), rows=tuple(rows))


def read_csv(path: Path) -> ImportTable:
    """Read a CSV file saved by Trackside, Excel ("CSV UTF-8") or a text editor."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ValidationError(f"Cannot read {path}: {reason}. Check the path.") from exc
    header = data.split(b"\n", 1)[0]
    if b"\x00" in header:  # column names never hold NUL; in UTF-16 (even without a BOM) they do
        raise ValidationError(
            f"{path.name} is not UTF-8 text (its header has NUL bytes, as UTF-16 files do). In "
            "Excel, save it as “CSV UTF-8 (Comma delimited)”. Nothing was imported."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{path.name} is not UTF-8 text (byte {exc.start}). In Excel, save it as "
            "“CSV UTF-8 (Comma delimited)”. Nothing was imported."
        ) from exc
    return parse_csv(text, source=path.name)


def _uses_semicolons(text: str) -> bool:
    """Excel in many European locales separates cells with `;`."""
    first = text.split("\n", 1)[0]
    return ";" in first and "," not in first


def _column_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _cells(columns: list[str], record: list[str], line: int, source: str) -> dict[str, str]:
    if len(record) > len(columns) and any(cell.strip() for cell in record[len(columns) :]):
        raise ValidationError(
            f"{source}, line {line}: {len(record)} cells but the header names "
            f"{len(columns)} columns; quote cells that contain commas. Nothing was imported."
        )
    return {
        name: decode_cell(record[i]) if i < len(record) else "" for i, name in enumerate(columns)
    }
