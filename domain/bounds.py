"""The documented range of every whole number a file or a field can carry, checked on the text.

A file can hold anything: a 4,301-digit number makes int() raise, and 2**63 overflows
SQLite's integers (PostgreSQL's at 2**31). So each number has a range (docs/CSV.md, "Number
ranges"), far above any real race and far below any column's limit, and the digits are
counted before the text is converted. Every refusal is a ValidationError naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import ValidationError

_SHOWN_CHARACTERS = 24  # a huge cell is shown by its start and its length, not in full


@dataclass(frozen=True, slots=True)
class Bound:
    """A whole number's range, and how to name it in a message."""

    name: str
    minimum: int
    maximum: int
    example: str

    def read(self, text: str, label: str | None = None) -> int:
        """The number in `text` (digits 0-9 only), refused before conversion if out of range.

        `label` names the field in messages (a file's column, e.g. finish), else `name`.
        """
        value, name = text.strip(), label or self.name
        digits = value.lstrip("0") or "0"
        if not (value.isascii() and value.isdigit()):
            raise ValidationError(
                f"{name} {shown(value)} is not a whole number; write digits only, e.g. "
                f"{self.example}"
            )
        if len(digits) > len(str(self.maximum)):
            raise self._out_of_range(value, name)
        return self.ensure(int(digits), name)

    def ensure(self, value: int, label: str | None = None) -> int:
        """A number typed into a field (already an int) checked against the same range."""
        if not self.minimum <= value <= self.maximum:
            raise self._out_of_range(str(value), label or self.name)
        return value

    def _out_of_range(self, value: str, name: str) -> ValidationError:
        return ValidationError(
            f"{name} {shown(value)} is out of range: it must be from {self.minimum} to "
            f"{self.maximum:,}"
        )


def shown(value: str) -> str:
    """A cell for a message: quoted, and cut short (with its length) when it is huge."""
    if len(value) <= _SHOWN_CHARACTERS:
        return f"'{value}'"
    return f"'{value[:_SHOWN_CHARACTERS]}…' ({len(value):,} characters)"


# The longest NASCAR races run 500 laps; a lap number or count above 2,000 is a typing mistake.
LAPS = Bound("laps", 0, 2_000, "200")
LAPS_LED = Bound("laps led", 0, 2_000, "45")
LAP_NUMBER = Bound("lap", 1, 2_000, "12")
# Fields are 32 to 45 cars; 99 leaves room for any series' entry list.
POSITION = Bound("position", 1, 99, "12")
STAGE_WINS = Bound("stage wins", 0, 9, "1")
# A schedule's season is a year; a season has at most 99 rounds.
YEAR = Bound("season", 1900, 2999, "2027")
ROUND = Bound("round", 1, 99, "19")
# A season's points stay under 10,000 (the 2026 champion scored about 1,300 with playoff points).
POINTS = Bound("points", 0, 10_000, "10")
