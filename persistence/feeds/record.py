"""Reading one JSON object of a feed into checked values, naming the file and row when it fails.

NASCAR mixes ints, floats and numeric strings across years, uses 0 for "no time", and writes
car numbers as text (FEEDS.md): every reader here accepts those and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.errors import ValidationError
from domain.model import ensure_car_number

MAX_WHOLE = 1_000_000  # laps, positions and points in a feed are far below this
_MS_PER_SECOND = Decimal(1000)


class Record:
    """One object of a feed: `where` says which one, for messages ("results[3]")."""

    def __init__(self, value: object, source: str, where: str) -> None:
        if not isinstance(value, dict):
            raise ValidationError(
                f"{source}, {where}: expected an object with named fields, found "
                f"{type(value).__name__}; the file is not the shape Trackside knows."
            )
        self.value: dict[str, Any] = value
        self.source = source
        self.where = where

    def fail(self, what: str) -> ValidationError:
        return ValidationError(f"{self.source}, {self.where}: {what}; nothing was imported.")

    def has(self, key: str) -> bool:
        return self.value.get(key) is not None

    def text(self, key: str, default: str = "") -> str:
        item = self.value.get(key)
        if item is None:
            return default
        if isinstance(item, bool) or not isinstance(item, str | int | Decimal):
            raise self.fail(f"'{key}' should be text, found {item!r}")
        return " ".join(str(item).split())

    def number(self, key: str) -> Decimal | None:
        """A decimal from an int, a float or a numeric string (LapSpeed is a string)."""
        item = self.value.get(key)
        if item is None or item == "":
            return None
        if isinstance(item, bool):
            raise self.fail(f"'{key}' should be a number, found {item!r}")
        try:
            number = Decimal(item) if isinstance(item, int | str) else item
        except InvalidOperation:
            raise self.fail(f"'{key}' should be a number, found {item!r}") from None
        if not isinstance(number, Decimal) or not number.is_finite() or abs(number) > 10**9:
            raise self.fail(f"'{key}' is {item!r}, not a number a feed can hold")
        return number

    def whole(self, key: str, *, minimum: int = 0, default: int | None = None) -> int | None:
        number = self.number(key)
        if number is None:
            return default
        if number != number.to_integral_value() or not minimum <= number <= MAX_WHOLE:
            raise self.fail(
                f"'{key}' is {self.value.get(key)!r}; it should be a whole number of at least "
                f"{minimum}"
            )
        return int(number)

    def seconds_ms(self, key: str) -> int | None:
        """Seconds as integer milliseconds, rounded half up; 0 or missing is "no time"."""
        number = self.number(key)
        if number is None or number == 0:
            return None
        if number < 0:
            raise self.fail(f"'{key}' is {self.value.get(key)!r}; a time is never negative")
        return int((number * _MS_PER_SECOND).quantize(Decimal(1), rounding="ROUND_HALF_UP"))

    def car(self, key: str) -> str:
        """A car number as text; a leading '*' marks an open car in some feeds, not the number."""
        raw = self.text(key)
        try:
            return ensure_car_number(raw.lstrip("*").strip())
        except ValidationError as exc:
            raise self.fail(str(exc).rstrip(".")) from None

    def flag(self, key: str) -> bool:
        return bool(self.value.get(key))

    def records(self, key: str, *, required: bool = True) -> Iterator[Record]:
        items = self.value.get(key)
        if items is None and not required:
            return
        if not isinstance(items, list):
            raise self.fail(f"'{key}' should be a list, found {type(items).__name__}")
        for index, item in enumerate(items):
            yield Record(item, self.source, f"{self.where}.{key}[{index}]")


def records_of(value: object, source: str, name: str = "") -> Iterator[Record]:
    """The objects of a top-level array."""
    if not isinstance(value, list):
        raise ValidationError(
            f"{source}: expected a list; the file is not the shape Trackside knows."
        )
    for index, item in enumerate(value):
        yield Record(item, source, f"{name}[{index}]" if name else f"row {index + 1}")
