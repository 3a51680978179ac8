"""The rule pack file format as pydantic models: every key, what it allows, and the cross-checks.

persistence/rulesets.py validates a TOML file against `PackFile`, turns the first problem into
a message naming the file, the key and what is allowed, and builds the domain's RuleSet values
(domain/ruleset.py), which are what the rest of the code reads. docs/RULE_PACKS.md explains
each key for the people who write packs.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from domain.model import STAGE_SLOTS, TrackKind
from domain.ruleset import (
    CancelledMetric,
    OepRule,
    PostseasonFormat,
    QualifyingFormat,
    StandingsTiebreak,
    TieBreak,
)

MAX_COUNT = 100  # no field, table or count in a pack is larger than this, except points bases
MAX_POINTS_BASE = 100_000  # reset totals and bases


class Allowed:
    """What a key accepts, in the words a pack's author reads in an error message."""

    def __init__(self, text: str) -> None:
        self.text = text


class KeyProblem(ValueError):
    """A cross-check failed on one key of a table; `text` completes "[table] key ..."."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(text)
        self.key, self.text = key, text


def whole(low: int, high: int = MAX_COUNT) -> object:
    """A whole number from `low` to `high` (true/false and 3.0 are refused)."""
    return Annotated[
        StrictInt, Field(ge=low, le=high), Allowed(f"a whole number from {low} to {high}")
    ]


Flag = Annotated[StrictBool, Allowed("true or false")]
Text = Annotated[
    str,
    Field(min_length=1, pattern=r"\S", strict=True),
    Allowed("a non-empty text in quotes"),
]


def points_table(low: int = 0, shortest: int = 0, longest: int = MAX_COUNT) -> object:
    """Points from the best place down: whole numbers that never go up."""
    return Annotated[
        list[Annotated[StrictInt, Field(ge=low)]],
        Field(min_length=shortest, max_length=longest),
        Allowed(
            f"a list of {shortest} to {longest} whole numbers of at least {low}, best place first"
        ),
    ]


def choice(values: type) -> object:
    return Annotated[values, Field(strict=False), Allowed("one of " + listed(values))]


def listed(values: object) -> str:
    return ", ".join(sorted(str(getattr(v, "value", v)) for v in values))  # type: ignore[attr-defined]


def _never_up(key: str, table: list[int]) -> None:
    if any(later > earlier for earlier, later in pairwise(table)):
        raise KeyProblem(key, f"must never go up from one place to the next: {table!r}")


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldTable(_Table):
    starting_field: whole(1)  # type: ignore[valid-type]
    guaranteed_spots: whole(0)  # type: ignore[valid-type]
    owner_points_provisionals: whole(0)  # type: ignore[valid-type]
    past_champion_provisionals: whole(0)  # type: ignore[valid-type]
    oep_available: Flag
    oep_min_entries: whole(0)  # type: ignore[valid-type]
    tie_break: choice(TieBreak)  # type: ignore[valid-type]
    # Race-weekend keys of 2026 (docs/RULE_PACKS.md, "Race weekends"): optional, with the
    # meaning they had before 2026 when left out.
    oep_rule: choice(OepRule) = OepRule.RACE_FOR_SPOT  # type: ignore[valid-type]
    manufacturer_provisionals: whole(0) = 0  # type: ignore[valid-type]
    manufacturer_provisional_events: whole(0) = 0  # type: ignore[valid-type]
    new_manufacturers: Annotated[
        list[Text], Field(max_length=MAX_COUNT), Allowed("a list of makes in quotes")
    ] = []
    duel_open_cars_on_time: whole(0) = 2  # type: ignore[valid-type]
    duel_transfers: whole(0) = 1  # type: ignore[valid-type]
    front_row_on_time: whole(0) = 2  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _a_manufacturer_provisional_names_its_makes(self) -> FieldTable:
        if self.manufacturer_provisionals and not self.new_manufacturers:
            raise KeyProblem(
                "new_manufacturers",
                'must name the new makes (e.g. ["Ram"]) when manufacturer_provisionals is '
                f"{self.manufacturer_provisionals}",
            )
        if self.manufacturer_provisionals and not self.manufacturer_provisional_events:
            raise KeyProblem(
                "manufacturer_provisional_events",
                "must be 1 or more (the season's first events that have the spots) when "
                f"manufacturer_provisionals is {self.manufacturer_provisionals}",
            )
        return self

    @model_validator(mode="after")
    def _room_for_guaranteed_cars(self) -> FieldTable:
        provisionals = self.owner_points_provisionals + self.past_champion_provisionals
        on_speed = self.starting_field - provisionals
        if self.guaranteed_spots > on_speed:
            raise KeyProblem(
                "guaranteed_spots",
                f"({self.guaranteed_spots}) leaves no room: with the provisionals only "
                f"{on_speed} of {self.starting_field} spots go on speed",
            )
        return self


# The terms each cancelled-qualifying metric weighs, named as domain/rules/cancelled.py reads
# them; a pack gives a weight for each term of its metric and no other.
METRIC_TERMS = {
    CancelledMetric.OWNER_FINISH_AND_RANK: {"previous_owner_finish", "owner_points_rank"},
    CancelledMetric.PERFORMANCE_2020: {
        "owner_points_rank",
        "driver_finish",
        "previous_owner_finish",
        "fastest_lap_rank",
    },
    CancelledMetric.OWNER_POINTS: {"owner_points_rank"},
}
Weight = Annotated[float, Field(ge=0, le=1, strict=False), Allowed("a number from 0 to 1")]
Formats = choice(QualifyingFormat)
Laps = whole(1, 10)


class FormatsTable(_Table):
    short: Formats  # type: ignore[valid-type]
    oval: Formats  # type: ignore[valid-type]
    superspeedway: Formats  # type: ignore[valid-type]
    road: Formats  # type: ignore[valid-type]
    street: Formats  # type: ignore[valid-type]
    dirt: Formats | None = None  # type: ignore[valid-type]  # None: as a short track


class LapsTable(_Table):
    short: Laps  # type: ignore[valid-type]
    oval: Laps  # type: ignore[valid-type]
    superspeedway: Laps  # type: ignore[valid-type]
    road: Laps  # type: ignore[valid-type]
    street: Laps  # type: ignore[valid-type]
    dirt: Laps | None = None  # type: ignore[valid-type]  # None: as a short track


class QualifyingTable(_Table):
    final_round_cars: whole(1)  # type: ignore[valid-type]
    cancelled_metric: choice(CancelledMetric)  # type: ignore[valid-type]
    formats: FormatsTable
    laps: LapsTable
    cancelled_weights: dict[str, Weight]

    @model_validator(mode="after")
    def _weights_fit_the_metric(self) -> QualifyingTable:
        terms = METRIC_TERMS[self.cancelled_metric]
        for term in sorted(set(self.cancelled_weights) - terms):
            raise KeyProblem(
                f"cancelled_weights.{term}",
                f"is not a term of the {self.cancelled_metric.value} metric; its terms are "
                + listed(terms),
            )
        for term in sorted(terms - set(self.cancelled_weights)):
            raise KeyProblem(
                f"cancelled_weights.{term}",
                "is missing: add it (docs/RULE_PACKS.md explains each key)",
            )
        total = sum(self.cancelled_weights.values())
        if not math.isclose(total, 1.0):
            raise KeyProblem("cancelled_weights", f"must add up to 1, not {total:g}")
        return self


class PointsTable(_Table):
    finish: points_table(shortest=1, longest=200)  # type: ignore[valid-type]
    minimum: whole(0)  # type: ignore[valid-type]
    stage: points_table()  # type: ignore[valid-type]
    stages_scored: whole(0, 5)  # type: ignore[valid-type]
    fastest_lap: whole(0)  # type: ignore[valid-type]
    win_playoff_points: whole(0)  # type: ignore[valid-type]
    stage_win_playoff_points: whole(0)  # type: ignore[valid-type]
    regular_season_bonus: points_table()  # type: ignore[valid-type]
    disqualified_scores: whole(0)  # type: ignore[valid-type]
    # Race-weekend keys of 2026 (docs/RULE_PACKS.md, "Race weekends"): optional.
    oep_shift: Flag = False
    fastest_lap_garage_clause: Flag = False
    duel: points_table() = []  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _stages_fit_a_result(self) -> PointsTable:
        if self.stages_scored > STAGE_SLOTS:
            raise KeyProblem(
                "stages_scored",
                f"must be a whole number from 0 to {STAGE_SLOTS}: a result holds "
                f"{STAGE_SLOTS} stage places",
            )
        return self

    @model_validator(mode="after")
    def _tables_never_go_up(self) -> PointsTable:
        below = [p for p in self.finish if p < self.minimum]
        if below:
            raise KeyProblem(
                "finish",
                f"must be {self.minimum} (the minimum) or more at every place, not {below[0]}",
            )
        _never_up("finish", self.finish)
        _never_up("stage", self.stage)
        _never_up("regular_season_bonus", self.regular_season_bonus)
        _never_up("duel", self.duel)
        return self


class RoundTable(_Table):
    name: Text
    drivers: whole(1)  # type: ignore[valid-type]
    last_race: whole(1, 200)  # type: ignore[valid-type]
    reset_base: whole(0, MAX_POINTS_BASE)  # type: ignore[valid-type]
    adds_playoff_points: Flag


class _PostseasonCommon(_Table):
    field_size: whole(0)  # type: ignore[valid-type]
    regular_season_races: whole(0, 200)  # type: ignore[valid-type]
    season_races: whole(1, 200)  # type: ignore[valid-type]
    eligible_top: whole(0, 1000)  # type: ignore[valid-type]
    tiebreak: choice(StandingsTiebreak)  # type: ignore[valid-type]


def _season_after_regular_season(table: _PostseasonCommon) -> _PostseasonCommon:
    if table.season_races < table.regular_season_races:
        raise KeyProblem(
            "season_races",
            f"({table.season_races}) must be at least the regular season's "
            f"{table.regular_season_races} races",
        )
    return table


class NoPostseasonTable(_PostseasonCommon):
    format: Literal["none"]

    @model_validator(mode="after")
    def _season_is_long_enough(self) -> NoPostseasonTable:
        _season_after_regular_season(self)
        return self


class EliminationTable(_PostseasonCommon):
    format: Literal["elimination"]
    non_medical_waiver_forfeits_playoff_points: Flag
    final_round_stage_points: Flag
    rounds: Annotated[
        list[RoundTable],
        Field(min_length=1, max_length=10),
        Allowed("a list of 1 to 10 rounds ([[postseason.rounds]])"),
    ]

    @model_validator(mode="after")
    def _rounds_narrow_in_order(self) -> EliminationTable:
        first = self.rounds[0]
        if first.drivers != self.field_size:
            raise KeyProblem(
                "rounds",
                f"must start with the whole field: the first round has {first.drivers} drivers, "
                f"field_size is {self.field_size}",
            )
        last_race = self.regular_season_races
        for number, (earlier, later) in enumerate(pairwise(self.rounds), start=2):
            if later.drivers >= earlier.drivers:
                raise KeyProblem(
                    "rounds",
                    f"must get smaller: round {number} ({later.name}) has {later.drivers} "
                    f"drivers, round {number - 1} had {earlier.drivers}",
                )
        for number, round_ in enumerate(self.rounds, start=1):
            if round_.last_race <= last_race:
                raise KeyProblem(
                    "rounds",
                    f"must end after one another, after the regular season: round {number} "
                    f"({round_.name}) ends with race {round_.last_race}, not after race "
                    f"{last_race}",
                )
            last_race = round_.last_race
        if last_race != self.season_races:
            raise KeyProblem(
                "rounds",
                f"must end with the season: the last round ends with race {last_race}, "
                f"season_races is {self.season_races}",
            )
        return self


class ChaseTable(_PostseasonCommon):
    format: Literal["chase"]
    seed_resets: points_table(longest=MAX_COUNT)  # type: ignore[valid-type]
    unapproved_waiver_start: whole(0, MAX_POINTS_BASE)  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _a_reset_for_every_seed(self) -> ChaseTable:
        if len(self.seed_resets) != self.field_size:
            raise KeyProblem(
                "seed_resets",
                f"must give one reset total per seed: {len(self.seed_resets)} given, "
                f"field_size is {self.field_size}",
            )
        _never_up("seed_resets", self.seed_resets)
        _season_after_regular_season(self)
        return self


PostseasonTable = Annotated[
    NoPostseasonTable | EliminationTable | ChaseTable,
    Field(discriminator="format"),
    Allowed("a table whose format is one of " + listed(PostseasonFormat)),
]

SERIES_TOKEN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SeriesKey = Annotated[
    str,
    Field(pattern=SERIES_TOKEN.pattern, strict=True),
    Allowed("lower-case letters, digits and dashes"),
]
MAX_SMALL_TRACK_MILES = 10  # longer than any track: "ovals of 1.25 mi or less" is the real use


class EligibilityTable(_Table):
    """Who may start (2026: Cup drivers' start limits, the minimum age); every key optional."""

    cup_driver_starts: whole(0) | None = None  # type: ignore[valid-type]
    cup_drivers_barred_from_finale: Flag = False
    cup_drivers_barred_from_postseason: Flag = False
    championship_race_barred_series: Annotated[
        list[SeriesKey], Field(max_length=MAX_COUNT), Allowed("a list of series keys in quotes")
    ] = []
    minimum_age: whole(0, 99) | None = None  # type: ignore[valid-type]
    minimum_age_at_small_tracks: whole(0, 99) | None = None  # type: ignore[valid-type]
    small_track_max_miles: Annotated[
        float,
        Field(gt=0, le=MAX_SMALL_TRACK_MILES, strict=False),
        Allowed(f"a length in miles above 0 and at most {MAX_SMALL_TRACK_MILES}, e.g. 1.25"),
    ] = 0.0
    small_track_kinds: Annotated[
        list[choice(TrackKind)],  # type: ignore[valid-type]
        Field(max_length=len(TrackKind)),
        Allowed("a list of track kinds, each one of " + listed(TrackKind)),
    ] = []

    @model_validator(mode="after")
    def _a_small_track_minimum_says_where(self) -> EligibilityTable:
        lower = self.minimum_age_at_small_tracks
        if lower is None:
            return self
        if self.minimum_age is None or lower > self.minimum_age:
            raise KeyProblem(
                "minimum_age_at_small_tracks",
                f"({lower}) must come with a minimum_age at least as high (the age elsewhere)",
            )
        if not self.small_track_max_miles and not self.small_track_kinds:
            raise KeyProblem(
                "small_track_max_miles",
                "must say which tracks are small (e.g. 1.25) when minimum_age_at_small_tracks "
                f"is {lower}, or name small_track_kinds",
            )
        return self


class PackFile(_Table):
    series: SeriesKey
    season: whole(1900, 2999)  # type: ignore[valid-type]
    name: Text
    assumed: Text | None = None
    field: FieldTable
    qualifying: QualifyingTable
    points: PointsTable
    postseason: PostseasonTable
    eligibility: EligibilityTable = EligibilityTable()

    @model_validator(mode="after")
    def _final_round_fits_the_field(self) -> PackFile:
        if self.qualifying.final_round_cars > self.field.starting_field:
            raise KeyProblem(
                "qualifying.final_round_cars",
                f"must be a whole number from 1 to {self.field.starting_field} (the starting "
                f"field), not {self.qualifying.final_round_cars}",
            )
        return self
