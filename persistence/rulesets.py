"""Reads rule packs (TOML) into RuleSet values, checking every key so a bad pack names itself."""

from __future__ import annotations

import math
import re
import tomllib
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from domain.errors import RuleSetError
from domain.model import TrackKind
from domain.ruleset import (
    CancelledMetric,
    FieldRules,
    PlayoffRules,
    PointsRules,
    QualifyingFormat,
    QualifyingRules,
    RuleSet,
    TieBreak,
)

SHIPPED_RULESETS = Path(__file__).resolve().parent.parent / "resources" / "rulesets"

E = TypeVar("E", bound=StrEnum)
_SERIES = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX = 100  # no field, table or count in a pack is larger than this, except points bases
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
_KEYS = {
    "": {"series", "season", "name", "field", "qualifying", "points", "playoffs"},
    "field": {
        "starting_field",
        "guaranteed_spots",
        "owner_points_provisionals",
        "past_champion_provisionals",
        "oep_available",
        "oep_min_entries",
        "tie_break",
    },
    "qualifying": {"final_round_cars", "cancelled_metric", "formats", "laps", "cancelled_weights"},
    "points": {
        "finish",
        "minimum",
        "stage",
        "stages_scored",
        "fastest_lap",
        "win_playoff_points",
        "stage_win_playoff_points",
        "regular_season_bonus",
        "disqualified_scores",
    },
    "playoffs": {
        "field_size",
        "regular_season_races",
        "eligible_top",
        "reset_base",
        "non_medical_waiver_forfeits_playoff_points",
    },
}


class _Table:
    """One TOML table of a pack; every read says which file and key a bad value came from."""

    def __init__(self, file_name: str, name: str, values: dict[str, Any], allowed: set[str]):
        self.file_name, self.name, self.values = file_name, name, values
        unknown = sorted(set(values) - allowed)
        if unknown:
            self.fail(unknown[0], f"is not a rule pack key; the keys here are {_listed(allowed)}")

    def fail(self, key: str, problem: str) -> NoReturn:
        where = " ".join(part for part in (f"[{self.name}]" if self.name else "", key) if part)
        raise RuleSetError(f"{self.file_name}: {where} {problem}.")

    def get(self, key: str) -> Any:
        if key not in self.values:
            self.fail(key, "is missing: add it (docs/RULE_PACKS.md explains each key)")
        return self.values[key]

    def whole(self, key: str, low: int, high: int = _MAX) -> int:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(key, f"must be a whole number from {low} to {high}, not {value!r}")
        return value

    def flag(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty text in quotes, not {value!r}")
        return value.strip()

    def choice(self, key: str, enum: type[E]) -> E:
        value = self.get(key)
        if value not in [member.value for member in enum]:  # a list: the value may be a list
            self.fail(
                key, f"must be one of {_listed(member.value for member in enum)}, not {value!r}"
            )
        return enum(value)

    def points_table(
        self, key: str, *, low: int = 0, shortest: int = 0, longest: int = _MAX
    ) -> tuple[int, ...]:
        """A list of points from the best place down: whole numbers that never go up.

        Stage and bonus lists may be empty, for a series without stages or playoffs.
        """
        value = self.get(key)
        if (
            not isinstance(value, list)
            or not shortest <= len(value) <= longest
            or any(isinstance(p, bool) or not isinstance(p, int) or p < low for p in value)
        ):
            self.fail(
                key,
                f"must be a list of {shortest} to {longest} whole numbers of at least {low}, "
                f"best place first, not {value!r}",
            )
        if any(later > earlier for earlier, later in pairwise(value)):
            self.fail(key, f"must never go up from one place to the next: {value!r}")
        return tuple(value)

    def table(self, key: str, allowed: set[str]) -> _Table:
        value = self.get(key)
        name = f"{self.name}.{key}" if self.name else key
        if not isinstance(value, dict):
            self.fail(key, f"must be a table ([{name}]), not {value!r}")
        return _Table(self.file_name, name, value, allowed)


def _listed(values: Any) -> str:
    return ", ".join(sorted(str(v) for v in values))


def _field_rules(field: _Table) -> FieldRules:
    rules = FieldRules(
        starting_field=field.whole("starting_field", 1),
        guaranteed_spots=field.whole("guaranteed_spots", 0),
        owner_points_provisionals=field.whole("owner_points_provisionals", 0),
        past_champion_provisionals=field.whole("past_champion_provisionals", 0),
        oep_available=field.flag("oep_available"),
        oep_min_entries=field.whole("oep_min_entries", 0),
        tie_break=field.choice("tie_break", TieBreak),
    )
    if rules.guaranteed_spots > rules.on_speed_spots:
        field.fail(
            "guaranteed_spots",
            f"({rules.guaranteed_spots}) leaves no room: with the provisionals only "
            f"{rules.on_speed_spots} of {rules.starting_field} spots go on speed",
        )
    return rules


def _weights(weights: _Table, metric: CancelledMetric) -> dict[str, float]:
    for term in sorted(METRIC_TERMS[metric]):
        value = weights.get(term)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            weights.fail(term, f"must be a number from 0 to 1, not {value!r}")
    total = sum(weights.values.values())
    if not math.isclose(total, 1.0):
        weights.fail("", f"must add up to 1, not {total:g}")
    return {term: float(value) for term, value in weights.values.items()}


def _qualifying_rules(qualifying: _Table, starting_field: int) -> QualifyingRules:
    metric = qualifying.choice("cancelled_metric", CancelledMetric)
    kinds = {kind.value for kind in TrackKind}
    formats = qualifying.table("formats", kinds)
    laps = qualifying.table("laps", kinds)
    return QualifyingRules(
        formats={
            kind: formats.choice(_kind_key(formats, kind), QualifyingFormat) for kind in TrackKind
        },
        laps={kind: laps.whole(_kind_key(laps, kind), 1, 10) for kind in TrackKind},
        final_round_cars=qualifying.whole("final_round_cars", 1, starting_field),
        cancelled_metric=metric,
        cancelled_weights=_weights(
            qualifying.table("cancelled_weights", METRIC_TERMS[metric]), metric
        ),
    )


def _kind_key(table: _Table, kind: TrackKind) -> str:
    """The key a track kind is read from: a pack that names no dirt runs dirt as short tracks."""
    if kind is TrackKind.DIRT and kind.value not in table.values:
        return TrackKind.SHORT.value
    return kind.value


def _points_rules(points: _Table) -> PointsRules:
    minimum = points.whole("minimum", 0)
    return PointsRules(
        finish=points.points_table("finish", low=minimum, shortest=1, longest=200),
        minimum=minimum,
        stage=points.points_table("stage"),
        stages_scored=points.whole("stages_scored", 0, 5),
        fastest_lap=points.whole("fastest_lap", 0),
        win_playoff_points=points.whole("win_playoff_points", 0),
        stage_win_playoff_points=points.whole("stage_win_playoff_points", 0),
        regular_season_bonus=points.points_table("regular_season_bonus"),
        disqualified_scores=points.whole("disqualified_scores", 0),
    )


def _playoff_rules(playoffs: _Table) -> PlayoffRules:
    return PlayoffRules(
        field_size=playoffs.whole("field_size", 0),
        regular_season_races=playoffs.whole("regular_season_races", 0),
        eligible_top=playoffs.whole("eligible_top", 0, 1000),
        reset_base=playoffs.whole("reset_base", 0, 100_000),
        non_medical_waiver_forfeits_playoff_points=playoffs.flag(
            "non_medical_waiver_forfeits_playoff_points"
        ),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(
            f"{path.name} is not a valid rule pack: {exc}. Fix that line (TOML syntax)."
        ) from exc
    except ValueError as exc:  # tomllib's int() refuses a number over 4,300 digits
        raise RuleSetError(
            f"{path.name} is not a valid rule pack: a number in it is thousands of digits long. "
            "Fix that number."
        ) from exc
    except OSError as exc:
        raise RuleSetError(f"The rule pack {path} could not be read: {exc.strerror}.") from exc


def load_ruleset(path: Path) -> RuleSet:
    """Read and check one pack; its key is its file name, e.g. cup-2025.toml is "cup-2025"."""
    pack = _Table(path.name, "", _read_toml(path), _KEYS[""])
    series = pack.text("series")
    if not _SERIES.fullmatch(series):
        pack.fail("series", f"must be lower-case letters, digits and dashes, not {series!r}")
    season = pack.whole("season", 1900, 2999)
    key = f"{series}-{season}"
    if path.stem != key:
        pack.fail("series", f"and season make the key {key!r}: name the file {key}.toml")
    field = _field_rules(pack.table("field", _KEYS["field"]))
    return RuleSet(
        key=key,
        series=series,
        season=season,
        name=pack.text("name"),
        field=field,
        qualifying=_qualifying_rules(
            pack.table("qualifying", _KEYS["qualifying"]), field.starting_field
        ),
        points=_points_rules(pack.table("points", _KEYS["points"])),
        playoffs=_playoff_rules(pack.table("playoffs", _KEYS["playoffs"])),
        source=str(path),
    )


def load_rulesets(*folders: Path) -> dict[str, RuleSet]:
    """Every pack in the folders by key; a later folder adds packs or overrides earlier ones.

    With no folder, the packs shipped in resources/rulesets. A folder that does not exist adds
    nothing, so a user's own pack folder may be passed before the user has written a pack.
    """
    rulesets: dict[str, RuleSet] = {}
    for folder in folders or (SHIPPED_RULESETS,):
        if folder.exists() and not folder.is_dir():
            raise RuleSetError(f"{folder} is a file, not a folder of rule packs (*.toml).")
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            ruleset = load_ruleset(path)
            rulesets[ruleset.key] = ruleset
    return rulesets
