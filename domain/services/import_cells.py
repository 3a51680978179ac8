"""Rows read from an import file, and reading their cells into checked values.

Every failure is a `ValidationError` whose message says what the cell holds and what it
should hold; the import use cases prefix it with the file name and line number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from domain.bounds import Bound
from domain.errors import DomainError, ValidationError
from domain.model import ensure_car_number

T = TypeVar("T")

_YES = {"yes", "y", "true", "1", "x", "chartered", "charter", "guaranteed"}
_NO = {"no", "n", "false", "0", "", "open", "-"}
MAX_ERRORS_SHOWN = 1  # the CLI prints one line; the count of the rest follows it


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One data row: the line it starts on (the header is line 1) and its cells by column."""

    line: int
    cells: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ImportTable:
    """A parsed import file: column keys are lower-case with `_` for spaces."""

    source: str  # the file name, for messages
    columns: tuple[str, ...]
    rows: tuple[ImportRow, ...]

    def ensure_columns(self, required: Sequence[str], aliases: Mapping[str, str]) -> ImportTable:
        """Rename alias columns to their own names and say which required column is missing."""
        renamed = tuple(aliases.get(name, name) for name in self.columns)
        for name, count in Counter(renamed).items():
            if count > 1:  # `time` and `lap_time`: which one to believe is not ours to guess
                same = [c for c, r in zip(self.columns, renamed, strict=True) if r == name]
                raise ValidationError(
                    f"{self.source} has {count} columns for '{name}' ({', '.join(same)}); keep "
                    "one and delete or rename the others. Nothing was imported."
                )
        for name in required:
            if name not in renamed:
                accepted = [name, *(a for a, target in aliases.items() if target == name)]
                raise ValidationError(
                    f"{self.source} has no '{name}' column (accepted names: "
                    f"{', '.join(accepted)}); the file's columns are: {', '.join(self.columns)}. "
                    "Nothing was imported."
                )
        rows = tuple(
            ImportRow(row.line, {aliases.get(k, k): v for k, v in row.cells.items()})
            for row in self.rows
        )
        return ImportTable(self.source, renamed, rows)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, for the status line: counts, and columns it did not use."""

    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored_columns: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        text = (
            f"{self.source}: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} already there"
        )
        if self.ignored_columns:
            text += f" (columns not used: {', '.join(self.ignored_columns)})"
        return text


def text(row: ImportRow, column: str, *, required: bool = False) -> str:
    value = row.cells.get(column, "").strip()
    if required and not value:
        raise ValidationError(f"the '{column}' cell is empty; fill it in")
    return value


def car(row: ImportRow, column: str = "car") -> str:
    return ensure_car_number(text(row, column, required=True))


def flag(row: ImportRow, column: str, *, default: bool = False) -> bool:
    value = row.cells.get(column)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise ValidationError(f"{column} '{value.strip()}' is not yes or no; write yes or no")


def whole_number(
    row: ImportRow, column: str, bound: Bound, *, required: bool = False
) -> int | None:
    """The cell's whole number within `bound` (domain/bounds.py), or None when empty."""
    value = text(row, column, required=required)
    return bound.read(value, column) if value else None


def read_rows(table: ImportTable, read: Callable[[ImportRow], T]) -> list[tuple[ImportRow, T]]:
    """Read every row, or fail naming the first bad line and how many more are bad."""
    values: list[tuple[ImportRow, T]] = []
    errors: list[str] = []
    for row in table.rows:
        try:
            values.append((row, read(row)))
        except DomainError as exc:
            errors.append(f"line {row.line}: {exc}")
    ensure_no_errors(table.source, errors)
    return values


def ensure_no_errors(source: str, errors: Sequence[str]) -> None:
    if errors:
        raise file_error(source, errors)


def file_error(source: str, errors: Sequence[str]) -> ValidationError:
    """One line: the file, the first bad line and why, how many more, and that nothing changed."""
    shown = "; ".join(error.rstrip(". ") for error in errors[:MAX_ERRORS_SHOWN])
    more = len(errors) - MAX_ERRORS_SHOWN
    tail = f" ({more} more bad {'row' if more == 1 else 'rows'})" if more > 0 else ""
    return ValidationError(f"{source}, {shown}{tail}; nothing was imported.")


def ensure_unique(
    source: str, keyed: Sequence[tuple[ImportRow, object]], what: Callable[[object], str]
) -> None:
    """Two rows for the same car (or position) would silently overwrite each other."""
    seen: dict[object, int] = {}
    errors = []
    for row, key in keyed:
        if key in seen:
            errors.append(f"line {row.line}: {what(key)} is already on line {seen[key]}")
        seen.setdefault(key, row.line)
    ensure_no_errors(source, errors)


def report(table: ImportTable, known: Sequence[str], counts: Counter[str]) -> ImportReport:
    """The import's counts, and the file's columns it did not use (a typo shows up here)."""
    return ImportReport(
        source=table.source,
        added=counts["added"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        ignored_columns=tuple(c for c in table.columns if c not in known),
    )
