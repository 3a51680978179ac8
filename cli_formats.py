"""`--format table|csv|json` for the read commands: CSV and JSON use the export's columns.

CSV here is for scripts, not Excel: no BOM, plain car numbers, numbers as digits, yes/no
flags. JSON is a list of objects with the same keys; numbers are numbers, flags true/false.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from persistence.csv_io import Column

FORMATS = ("table", "csv", "json")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (default, for people), csv or json (for scripts; docs/CSV.md has the columns)",
    )


def emit(fmt: str, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> None:
    """Print the rows as CSV or JSON (the table format is each command's own text)."""
    names = [c.name for c in columns]
    if fmt == "json":
        objects = [
            {name: _json_value(value) for name, value in zip(names, row, strict=True)}
            for row in rows
        ]
        json.dump(objects, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([_csv_value(value) for value in row] for row in rows)


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)  # seconds and mph: three decimals, exact in a float's repr
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
