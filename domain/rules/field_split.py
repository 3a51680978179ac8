"""Splitting the field: the board of entered cars, the guaranteed and OEP cars set apart from the
open cars and their open spots, each car's call with its plain-language reason, the lineup.

Contesting the open spots is domain/rules/field_contest.py (qualifying ran) or
domain/rules/cancelled.py (it did not); domain/rules/field.py lays the calls out as the board.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from domain.errors import DuplicateError, ValidationError
from domain.model import Entry, car_sort_key
from domain.rules.qualifying import QualifyingRun, owner_rank_key
from domain.ruleset import RuleSet


class FieldStatus(StrEnum):
    GUARANTEED = "guaranteed"  # a chartered car: starts regardless of speed
    ON_SPEED = "on speed"
    PROVISIONAL = "provisional"  # an owner-points provisional (or a spot set by owner points)
    PAST_CHAMPION = "past champion"
    OEP = "open exemption provisional"
    DNQ = "did not qualify"


# These start where they qualified; provisionals start behind them, cars without a time last.
_ON_TIME = frozenset({FieldStatus.GUARANTEED, FieldStatus.ON_SPEED, FieldStatus.OEP})
_PROVISIONALS = frozenset({FieldStatus.PROVISIONAL, FieldStatus.PAST_CHAMPION})


@dataclass(frozen=True, slots=True)
class Call:
    status: FieldStatus
    reason: str
    needed_ms: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """Every car's call and the starting order, before rows and gaps are laid out."""

    calls: dict[str, Call]
    lineup: list[str]
    open_spots: int
    cutoff_car: str | None = None
    oep_car: str | None = None


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Board:
    """The entered cars in board order, with their runs, owner ranks and drivers' names."""

    entries: dict[str, Entry]
    runs: dict[str, QualifyingRun]  # cars with a time only
    cars: list[str]  # cars with a time in qualifying order, then the rest by owner points
    owner_rank: Mapping[str, int]
    names: Mapping[str, str]
    index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        entries: Sequence[Entry],
        runs: Sequence[QualifyingRun],
        owner_rank: Mapping[str, int],
        names: Mapping[str, str],
    ) -> Board:
        active: dict[str, Entry] = {}
        for entry in entries:
            if entry.withdrawn:
                continue
            if entry.car_number in active:
                raise DuplicateError(
                    f"No. {entry.car_number} is entered twice: withdraw or remove one entry."
                )
            active[entry.car_number] = entry
        timed: dict[str, QualifyingRun] = {}
        for run in runs:
            if run.car_number in active and run.best_lap_ms is not None:
                timed.setdefault(run.car_number, run)
        untimed = sorted(
            (car for car in active if car not in timed),
            key=lambda car: (owner_rank_key(car, owner_rank), car_sort_key(car)),
        )
        cars = [*timed, *untimed]
        index = {car: i for i, car in enumerate(cars)}
        return cls(
            entries=active, runs=timed, cars=cars, owner_rank=owner_rank, names=names, index=index
        )

    def best(self, car: str) -> int | None:
        run = self.runs.get(car)
        return run.best_lap_ms if run is not None else None

    def who(self, car: str) -> str:
        name = self.names.get(car, "")
        return f"No. {car} ({name})" if name else f"No. {car}"

    def owner_words(self, car: str) -> str:
        rank = self.owner_rank.get(car)
        return f"{ordinal(rank)} in owner points" if rank is not None else "no owner points"

    def owner_sorted(self, cars: Iterable[str]) -> list[str]:
        """By owner points; cars without a rank by qualifying order, then car number."""
        return sorted(cars, key=lambda car: (owner_rank_key(car, self.owner_rank), self.index[car]))


@dataclass(frozen=True, slots=True)
class Split:
    """Guaranteed cars, the OEP car when it applies, and the open cars racing for open spots."""

    guaranteed: list[str]
    oep_car: str | None
    pool: list[str]  # board order
    spots: int  # open spots: the pack's field less the guaranteed cars


def split_field(board: Board, ruleset: RuleSet) -> Split:
    rules = ruleset.field
    guaranteed = [car for car in board.cars if board.entries[car].guaranteed]
    if len(guaranteed) > rules.guaranteed_spots:
        raise ValidationError(
            f"{len(guaranteed)} entries are marked guaranteed, but {ruleset.name} guarantees "
            f"{rules.guaranteed_spots} spots: clear “guaranteed” on cars that hold no charter."
        )
    oep_cars = [car for car in board.cars if board.entries[car].oep and car not in guaranteed]
    if len(oep_cars) > 1:
        raise ValidationError(
            f"Nos. {', '.join(oep_cars)} all hold the Open Exemption Provisional, but only one "
            "entry per event can: clear “OEP” on all but one."
        )
    # Cup 2025 (since March): the OEP applies only with more than 40 entries (DESIGN §3).
    applies = rules.oep_available and len(board.cars) > max(
        rules.oep_min_entries, rules.starting_field
    )
    oep_car = oep_cars[0] if oep_cars and applies else None
    pool = [car for car in board.cars if car not in guaranteed and car != oep_car]
    return Split(guaranteed, oep_car, pool, max(0, rules.starting_field - len(guaranteed)))


def lineup(board: Board, calls: Mapping[str, Call]) -> list[str]:
    """Qualifying order among cars in on time, provisionals by owner points, no-time cars last."""
    fast = [c for c in board.cars if c in board.runs and calls[c].status in _ON_TIME]
    provisionals = board.owner_sorted(c for c in board.cars if calls[c].status in _PROVISIONALS)
    rear = [c for c in board.cars if c not in board.runs and calls[c].status in _ON_TIME]
    return fast + provisionals + rear
