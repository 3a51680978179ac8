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
from domain.ruleset import FieldRules, OepRule, RuleSet


class FieldStatus(StrEnum):
    GUARANTEED = "guaranteed"  # a chartered car: starts regardless of speed
    ON_SPEED = "on speed"
    PROVISIONAL = "provisional"  # an owner-points provisional (or a spot set by owner points)
    PAST_CHAMPION = "past champion"
    OEP = "open exemption provisional"
    MANUFACTURER = "manufacturer provisional"  # Truck 2026: a new make's truck beyond the field
    DUEL = "in on a duel"  # the Daytona 500: the best open finisher of a Duel not yet in
    DNQ = "did not qualify"


# These start where they qualified; provisionals start behind them, cars without a time last.
_ON_TIME = frozenset(
    {FieldStatus.GUARANTEED, FieldStatus.ON_SPEED, FieldStatus.OEP, FieldStatus.DUEL}
)
_PROVISIONALS = frozenset({FieldStatus.PROVISIONAL, FieldStatus.PAST_CHAMPION})


@dataclass(frozen=True, slots=True)
class DuelFinish:
    """One car's finish in a Daytona Duel; a disqualified car races in on nothing."""

    car_number: str
    finish: int
    disqualified: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldEvent:
    """What the field rules need to know about the event beyond entries and times."""

    round_no: int | None = None  # the event's round (the manufacturer provisional's window)
    # The Daytona 500: each Duel's finishing order (empty until entered); None: no Duels.
    duels: tuple[tuple[DuelFinish, ...], ...] | None = None


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
    """Guaranteed cars, the OEP car when it applies, and the open cars racing for open spots.

    A locked-in OEP car (2026) is never in the pool; a 2025 OEP car races in the pool first and
    takes the extra spot only if it misses.
    """

    guaranteed: list[str]
    oep_car: str | None
    pool: list[str]  # board order
    spots: int  # open spots: the pack's field less the guaranteed cars
    oep_locked: bool = False


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
    locked = rules.oep_rule is OepRule.LOCKED_IN
    if locked:  # 2026: declared in advance and locked in, whenever the pack's entry count allows
        applies = rules.oep_available and len(board.cars) > rules.oep_min_entries
    else:  # Cup 2025 (since March): only with more than 40 entries (DESIGN §3)
        applies = rules.oep_available and len(board.cars) > max(
            rules.oep_min_entries, rules.starting_field
        )
    oep_car = oep_cars[0] if oep_cars and applies else None
    out_of_pool = oep_car if locked else None
    pool = [car for car in board.cars if car not in guaranteed and car != out_of_pool]
    spots = max(0, rules.starting_field - len(guaranteed))
    return Split(guaranteed, oep_car, pool, spots, oep_locked=locked and oep_car is not None)


def lineup(board: Board, calls: Mapping[str, Call]) -> list[str]:
    """Qualifying order among cars in on time, provisionals by owner points, no-time cars last."""
    fast = [c for c in board.cars if c in board.runs and calls[c].status in _ON_TIME]
    provisionals = board.owner_sorted(c for c in board.cars if calls[c].status in _PROVISIONALS)
    rear = [c for c in board.cars if c not in board.runs and calls[c].status in _ON_TIME]
    makes = [c for c in board.cars if calls[c].status is FieldStatus.MANUFACTURER]
    return fast + provisionals + rear + makes


def oep_call(board: Board, ruleset: RuleSet, car: str, *, missed: bool = False) -> Call:
    """The OEP car's call: locked in (2026), or in on the extra spot after missing (2025)."""
    entered = len(board.cars)
    rear = "" if car in board.runs else " No time set: starts at the rear."
    why = f"{entered} entered for {ruleset.field.starting_field} spots"
    if missed:
        why = f"it raced for an open spot and missed ({why})"
    elif ruleset.field.oep_rule is OepRule.LOCKED_IN:
        why = f"declared before the event and locked in ({why})"
    return Call(FieldStatus.OEP, f"In on the Open Exemption Provisional: {why}.{rear}")


def manufacturer_provisionals(
    board: Board, rules: FieldRules, calls: Mapping[str, Call], event: FieldEvent | None
) -> dict[str, Call]:
    """Truck 2026: a new make's trucks that did not qualify otherwise, by first-round speed (no
    time: by owner points), get up to `manufacturer_provisionals` spots beyond the field in the
    season's first `manufacturer_provisional_events` events."""
    round_no = event.round_no if event is not None else None
    if (
        not rules.manufacturer_provisionals
        or round_no is None
        or round_no > rules.manufacturer_provisional_events
    ):
        return {}
    makes = {make.casefold() for make in rules.new_manufacturers}
    out = [
        car
        for car in board.cars
        if calls[car].status is FieldStatus.DNQ and board.entries[car].make.casefold() in makes
    ]
    timed = [car for car in out if car in board.runs]  # board order: qualifying order
    untimed = board.owner_sorted(car for car in out if car not in board.runs)
    chosen = (timed + untimed)[: rules.manufacturer_provisionals]
    make = ", ".join(rules.new_manufacturers)
    return {
        car: Call(
            FieldStatus.MANUFACTURER,
            f"In on the manufacturer provisional ({make}, event {round_no} of the first "
            f"{rules.manufacturer_provisional_events}): {ordinal(index)} of the make's trucks "
            "not in otherwise; starts behind the field.",
        )
        for index, car in enumerate(chosen, start=1)
    }
