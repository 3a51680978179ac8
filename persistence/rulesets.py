"""Reads rule packs (TOML) into RuleSet values; the schema (pydantic) checks every key first.

A bad pack is refused with one message that names the file, the key and what is allowed, e.g.
`cup-2025.toml: [field] starting_field must be a whole number from 1 to 100, not 'forty'.`
"""

from __future__ import annotations

import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from domain.errors import RuleSetError
from domain.model import TrackKind
from domain.ruleset import (
    SERIES_ALIASES,
    CancelledMetric,
    EligibilityRules,
    EliminationRound,
    FieldRules,
    OepRule,
    PointsRules,
    PostseasonFormat,
    PostseasonRules,
    QualifyingFormat,
    QualifyingRules,
    RulePacks,
    RuleSet,
    StandingsTiebreak,
    TieBreak,
    canonical_series,
)
from persistence.rule_pack_schema import (
    Allowed,
    ChaseTable,
    EligibilityTable,
    EliminationTable,
    KeyProblem,
    PackFile,
    listed,
)

SHIPPED_RULESETS = Path(__file__).resolve().parent.parent / "resources" / "rulesets"
# Keys of earlier pack versions, with what replaced them.
_RENAMED = {
    "playoffs": "was renamed [postseason] (with a format key): see docs/RULE_PACKS.md, or copy "
    "the [postseason] table of a shipped pack",
}


@dataclass(slots=True)
class _Place:
    """Where in a pack an error is: its table, its key, the key's schema and raw value."""

    tables: list[str] = field(default_factory=list)  # "postseason", "postseason.rounds 2"
    key: str = ""
    info: Any = None  # the key's pydantic FieldInfo; None for a key the schema does not know
    model: Any = PackFile  # the table model the key belongs to
    raw: Any = None
    problem: str = ""  # what is wrong and what is allowed, completing "[table] key ..."

    def table(self, name: str) -> None:
        self.tables.append(f"{self.tables[-1]}.{name}" if self.tables else name)


def _inner(annotation: Any) -> Any:
    """The table model a value holds: a model, a {format: model} union, or None."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    members = typing.get_args(annotation)
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    if all(isinstance(m, type) and issubclass(m, pydantic.BaseModel) for m in members):
        return {m.model_fields["format"].annotation.__args__[0]: m for m in members}
    # An optional value (`Text | None`): the table model of its one kind, if it is a table.
    held = [_inner(m) for m in members if m is not type(None)]
    return next((model for model in held if model is not None), None)


def _walk(loc: tuple[str | int, ...], raw: Any) -> _Place:
    """Follow an error's location through the schema and the pack's raw values."""
    place = _Place(raw=raw)
    steps = list(loc)
    while steps:
        step = steps.pop(0)
        if isinstance(place.model, dict):  # a postseason union: the step is its format
            place.model = place.model.get(step)
            continue
        fields = getattr(place.model, "model_fields", {})
        place.raw = place.raw.get(step) if isinstance(place.raw, dict) else None
        if step not in fields:  # a key the table does not have
            place.key, place.info = str(step), None
            return place
        info = fields[step]
        annotation = info.annotation
        index = steps[0] if steps else None
        if typing.get_origin(annotation) is list and isinstance(index, int):
            item = typing.get_args(annotation)[0]
            if isinstance(item, type) and issubclass(item, pydantic.BaseModel):
                steps.pop(0)
                place.table(f"{step} {index + 1}")
                place.raw = place.raw[index] if isinstance(place.raw, list) else None
                place.model = item
                continue
        if typing.get_origin(annotation) is dict and steps:  # a table of named numbers
            place.table(str(step))
            place.key = str(steps.pop(0))
            place.raw = place.raw.get(place.key) if isinstance(place.raw, dict) else None
            place.info = typing.get_args(annotation)[1]
            return place
        inner = _inner(annotation)
        if inner is not None and steps:
            place.table(str(step))
            place.model = inner
            continue
        place.key, place.info = str(step), info
        return place  # an error inside a plain list or table is reported on the whole value
    return place


def _allowed(info: Any) -> str:
    """The words of a key's `Allowed` mark (on a pydantic field or an Annotated type)."""
    marks = list(getattr(info, "metadata", None) or typing.get_args(info)[1:])
    for member in typing.get_args(getattr(info, "annotation", None)):  # an optional key
        marks.extend(typing.get_args(member)[1:])
    for meta in marks:
        if isinstance(meta, Allowed):
            return meta.text
    return "as docs/RULE_PACKS.md describes"


def _keys_of(model: Any) -> str:
    return listed(getattr(model, "model_fields", {}))


def _problem(error: Any, raw: dict[str, Any]) -> _Place:
    """Where pydantic's error is, with `key` completed by what is wrong as `problem`."""
    kind, loc = error["type"], tuple(error["loc"])
    place = _walk(loc, raw)
    problem = error.get("ctx", {}).get("error")
    if kind == "value_error" and isinstance(problem, KeyProblem):
        if place.key:  # a table's own cross-check: its keys are inside it
            place.table(place.key)
        *tables, key = problem.key.split(".")
        for name in tables:
            place.table(name)
        place.key, place.problem = key, problem.text
        return place
    if kind == "missing":
        place.problem = "is missing: add it (docs/RULE_PACKS.md explains each key)"
    elif kind == "extra_forbidden":
        renamed = _RENAMED.get(place.key) if not place.tables else None
        place.problem = renamed or (
            f"is not a rule pack key; the keys here are {_keys_of(place.model)}"
        )
    elif kind in ("union_tag_not_found", "union_tag_invalid"):
        if place.key:
            place.table(place.key)
        value = raw.get("postseason", {}).get("format") if isinstance(raw, dict) else None
        shown = "missing" if kind == "union_tag_not_found" else f"not {value!r}"
        place.key = "format"
        place.problem = f"must be one of {listed(PostseasonFormat)}; it is {shown}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        name = ".".join([*place.tables[-1:], place.key]) if place.tables else place.key
        place.problem = f"must be a table ([{name}]), not {_shown(place.raw)}"
    else:
        place.problem = f"must be {_allowed(place.info)}, not {_shown(place.raw)}"
    return place


def _shown(value: Any) -> str:
    """A value as the pack wrote it: TOML's true and false, Python's repr otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _first(errors: list[Any]) -> Any:
    """The error to report: a key of an earlier pack version, then an unknown key (a typo
    usually explains the missing keys that follow from it), then the first in file order."""
    unknown = [e for e in errors if e["type"] == "extra_forbidden"]
    renamed = [e for e in unknown if e["loc"][0] in _RENAMED]
    return (renamed or unknown or errors)[0]


def _message(file_name: str, error: Any, raw: dict[str, Any]) -> str:
    place = _problem(error, raw)
    where = " ".join(p for p in (f"[{place.tables[-1]}]" if place.tables else "", place.key) if p)
    return f"{file_name}: {where} {place.problem}."


def _by_kind(table: Any, kind: TrackKind) -> Any:
    """A table's value for a track kind: a pack that names no dirt runs dirt as short tracks."""
    value = getattr(table, kind.value)
    if value is None and kind is TrackKind.DIRT:
        return getattr(table, TrackKind.SHORT.value)
    return value


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


def _postseason(table: Any) -> PostseasonRules:
    common = {
        "format": PostseasonFormat(table.format),
        "field_size": table.field_size,
        "regular_season_races": table.regular_season_races,
        "season_races": table.season_races,
        "eligible_top": table.eligible_top,
        "tiebreak": StandingsTiebreak(table.tiebreak),
    }
    if isinstance(table, EliminationTable):
        return PostseasonRules(
            **common,
            non_medical_waiver_forfeits_playoff_points=(
                table.non_medical_waiver_forfeits_playoff_points
            ),
            rounds=tuple(
                EliminationRound(
                    name=r.name.strip(),
                    drivers=r.drivers,
                    last_race=r.last_race,
                    reset_base=r.reset_base,
                    adds_playoff_points=r.adds_playoff_points,
                )
                for r in table.rounds
            ),
            final_round_stage_points=table.final_round_stage_points,
        )
    if isinstance(table, ChaseTable):
        return PostseasonRules(
            **common,
            non_medical_waiver_forfeits_playoff_points=False,
            seed_resets=tuple(table.seed_resets),
            unapproved_waiver_start=table.unapproved_waiver_start,
        )
    return PostseasonRules(**common, non_medical_waiver_forfeits_playoff_points=False)


def _eligibility(table: EligibilityTable) -> EligibilityRules:
    return EligibilityRules(
        cup_driver_starts=table.cup_driver_starts,
        cup_drivers_barred_from_finale=table.cup_drivers_barred_from_finale,
        cup_drivers_barred_from_postseason=table.cup_drivers_barred_from_postseason,
        championship_race_barred_series=tuple(
            canonical_series(series) for series in table.championship_race_barred_series
        ),
        minimum_age=table.minimum_age,
        minimum_age_at_small_tracks=table.minimum_age_at_small_tracks,
        small_track_max_millimiles=round(table.small_track_max_miles * 1000),
        small_track_kinds=frozenset(TrackKind(kind) for kind in table.small_track_kinds),
    )


def _ruleset(pack: PackFile, key: str, path: Path) -> RuleSet:
    field_, qualifying, points = pack.field, pack.qualifying, pack.points
    return RuleSet(
        key=key,
        series=canonical_series(pack.series),
        season=pack.season,
        name=pack.name.strip(),
        field=FieldRules(
            starting_field=field_.starting_field,
            guaranteed_spots=field_.guaranteed_spots,
            owner_points_provisionals=field_.owner_points_provisionals,
            past_champion_provisionals=field_.past_champion_provisionals,
            oep_available=field_.oep_available,
            oep_min_entries=field_.oep_min_entries,
            tie_break=TieBreak(field_.tie_break),
            oep_rule=OepRule(field_.oep_rule),
            manufacturer_provisionals=field_.manufacturer_provisionals,
            manufacturer_provisional_events=field_.manufacturer_provisional_events,
            new_manufacturers=tuple(make.strip() for make in field_.new_manufacturers),
            duel_open_cars_on_time=field_.duel_open_cars_on_time,
            duel_transfers=field_.duel_transfers,
            front_row_on_time=field_.front_row_on_time,
        ),
        qualifying=QualifyingRules(
            formats={
                kind: QualifyingFormat(_by_kind(qualifying.formats, kind)) for kind in TrackKind
            },
            laps={kind: _by_kind(qualifying.laps, kind) for kind in TrackKind},
            final_round_cars=qualifying.final_round_cars,
            cancelled_metric=CancelledMetric(qualifying.cancelled_metric),
            cancelled_weights={t: float(w) for t, w in qualifying.cancelled_weights.items()},
        ),
        points=PointsRules(
            finish=tuple(points.finish),
            minimum=points.minimum,
            stage=tuple(points.stage),
            stages_scored=points.stages_scored,
            fastest_lap=points.fastest_lap,
            win_playoff_points=points.win_playoff_points,
            stage_win_playoff_points=points.stage_win_playoff_points,
            regular_season_bonus=tuple(points.regular_season_bonus),
            disqualified_scores=points.disqualified_scores,
            oep_shift=points.oep_shift,
            fastest_lap_garage_clause=points.fastest_lap_garage_clause,
            duel=tuple(points.duel),
        ),
        postseason=_postseason(pack.postseason),
        eligibility=_eligibility(pack.eligibility),
        source=str(path),
        assumed=(pack.assumed or "").strip(),
    )


def load_ruleset(path: Path) -> RuleSet:
    """Read and check one pack; its key is its file name, e.g. cup-2025.toml is "cup-2025".

    A series with another name (`oreilly` for `xfinity`) may be written either way, in the
    file name and in `series`; the pack's key uses the series' one name (xfinity-2026).
    """
    raw = _read_toml(path)
    try:
        pack = PackFile.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise RuleSetError(_message(path.name, _first(exc.errors()), raw)) from None
    key = f"{canonical_series(pack.series)}-{pack.season}"
    series = canonical_series(pack.series)
    aliases = [alias for alias, one in SERIES_ALIASES.items() if one == series]
    names = {f"{name}-{pack.season}" for name in (pack.series, series, *aliases)}
    if path.stem not in names:
        written = f"{pack.series}-{pack.season}"
        raise RuleSetError(
            f"{path.name}: series and season make the key {written!r}: name the file "
            f"{written}.toml."
        )
    return _ruleset(pack, key, path)


def load_rulesets(*folders: Path) -> RulePacks:
    """Every pack in the folders by key; a later folder adds packs or overrides earlier ones.

    With no folder, the packs shipped in resources/rulesets. A folder that does not exist adds
    nothing, so a user's own pack folder may be passed before the user has written a pack.
    Look-ups by a series alias ("oreilly-2026") find the series' pack.
    """
    rulesets = RulePacks()
    for folder in folders or (SHIPPED_RULESETS,):
        if folder.exists() and not folder.is_dir():
            raise RuleSetError(f"{folder} is a file, not a folder of rule packs (*.toml).")
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            ruleset = load_ruleset(path)
            rulesets[ruleset.key] = ruleset
    return rulesets
