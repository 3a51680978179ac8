"""Rule packs: the shipped ones carry DESIGN §3's numbers, bad ones name file and key."""

import itertools
import re
from pathlib import Path

import pytest

from domain.errors import RuleSetError
from domain.model import TrackKind
from domain.ruleset import (
    CancelledMetric,
    PostseasonFormat,
    QualifyingFormat,
    StandingsTiebreak,
    TieBreak,
)
from persistence.rulesets import SHIPPED_RULESETS, load_ruleset, load_rulesets

FINISH_40 = (40, 35, *range(34, 0, -1), 1, 1, 1, 1)

# key: starting field, guaranteed, owner-points provisionals, past champion, OEP, playoff field,
# regular-season races
ELIMINATION = {
    "cup-2023": (40, 36, 0, 0, False, 16, 26),
    "cup-2025": (40, 36, 0, 0, True, 16, 26),
    "xfinity-2023": (38, 0, 4, 1, False, 12, 26),
    "xfinity-2025": (38, 0, 5, 1, False, 12, 26),
    "truck-2023": (36, 0, 5, 0, False, 10, 16),
    "truck-2025": (36, 0, 5, 0, False, 10, 18),
}
# RULES-2026.md: Cup 40 (36 charters), O'Reilly 38 (32 + 6 by owner points), Truck 36 (31 + 5).
CHASE = {
    f"{series}-{season}": numbers
    for season in (2026, 2027)
    for series, numbers in {
        "cup": (40, 36, 0, 0, True, 16, 26),
        "xfinity": (38, 0, 6, 0, False, 12, 24),
        "truck": (36, 0, 5, 0, False, 10, 18),
    }.items()
}
SHIPPED = {**ELIMINATION, **CHASE}


def test_every_shipped_pack_loads_under_its_file_name():
    assert sorted(load_rulesets()) == sorted(SHIPPED)


@pytest.mark.parametrize(("key", "numbers"), SHIPPED.items())
def test_a_shipped_pack_sets_the_field_and_postseason_as_its_sources_say(key, numbers):
    rules = load_rulesets()[key]
    starting, guaranteed, owner_provisionals, champion, oep, playoff_field, races = numbers
    assert (rules.series, rules.season) == (key.split("-")[0], int(key.split("-")[1]))
    assert rules.field.starting_field == starting
    assert rules.field.guaranteed_spots == guaranteed
    assert rules.field.owner_points_provisionals == owner_provisionals
    assert rules.field.past_champion_provisionals == champion
    assert rules.field.oep_available is oep
    assert rules.field.tie_break is TieBreak.OWNER_POINTS
    assert rules.postseason.field_size == playoff_field
    assert rules.postseason.regular_season_races == races
    assert rules.postseason.eligible_top == 30
    assert rules.postseason.non_medical_waiver_forfeits_playoff_points is (rules.season == 2025)


@pytest.mark.parametrize("key", ELIMINATION)
def test_a_2023_or_2025_pack_scores_points_as_design_says(key):
    points = load_rulesets()[key].points
    assert points.finish == FINISH_40
    assert points.minimum == 1
    assert points.stage == (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
    assert points.stages_scored == 2
    assert points.fastest_lap == (1 if key.endswith("2025") else 0)
    assert (points.win_playoff_points, points.stage_win_playoff_points) == (5, 1)
    assert points.regular_season_bonus == (15, 10, 8, 7, 6, 5, 4, 3, 2, 1)
    assert points.disqualified_scores == 1


def test_the_oep_applies_only_above_forty_entries_in_cup_2025():
    assert load_rulesets()["cup-2025"].field.oep_min_entries == 40


@pytest.mark.parametrize("key", [k for k in SHIPPED if k.endswith("2025")])
def test_2025_packs_qualify_in_one_round_with_groups_on_road_courses(key):
    qualifying = load_rulesets()[key].qualifying
    assert qualifying.formats == {
        TrackKind.SHORT: QualifyingFormat.SINGLE_ROUND,
        TrackKind.OVAL: QualifyingFormat.SINGLE_ROUND,
        TrackKind.SUPERSPEEDWAY: QualifyingFormat.TWO_ROUNDS,
        TrackKind.ROAD: QualifyingFormat.TWO_GROUPS,
        TrackKind.STREET: QualifyingFormat.TWO_GROUPS,
        TrackKind.DIRT: QualifyingFormat.SINGLE_ROUND,  # not in the pack: as a short track
    }
    assert qualifying.laps[TrackKind.SHORT] == qualifying.laps[TrackKind.DIRT] == 2
    assert qualifying.laps[TrackKind.OVAL] == 1
    assert qualifying.final_round_cars == 10
    assert qualifying.cancelled_metric is CancelledMetric.OWNER_FINISH_AND_RANK
    assert qualifying.cancelled_weights == {
        "previous_owner_finish": 0.7,
        "owner_points_rank": 0.3,
    }


def test_cup_2023_qualifies_in_groups_then_a_ten_car_final():
    qualifying = load_rulesets()["cup-2023"].qualifying
    assert qualifying.formats[TrackKind.OVAL] is QualifyingFormat.GROUPS_THEN_FINAL
    assert qualifying.formats[TrackKind.STREET] is QualifyingFormat.GROUPS_THEN_FINAL
    assert qualifying.final_round_cars == 10
    assert qualifying.cancelled_metric is CancelledMetric.PERFORMANCE_2020
    assert qualifying.cancelled_weights == {
        "owner_points_rank": 0.35,
        "driver_finish": 0.25,
        "previous_owner_finish": 0.25,
        "fastest_lap_rank": 0.15,
    }


def _paragraph_above(lines: list[str], number: int) -> list[str]:
    """The lines above a value up to a blank line or a table header: its group and comments."""
    above: list[str] = []
    for line in reversed(lines[:number]):
        if not line.strip() or line.startswith("["):
            break
        above.append(line)
    return above


def test_every_value_in_a_shipped_pack_cites_its_source():
    for path in SHIPPED_RULESETS.glob("*.toml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "=" not in line or line.startswith("#") or line.startswith(("season", "name")):
                continue
            cited = "# source:" in line or any(
                "# source:" in above for above in _paragraph_above(lines, number)
            )
            assert cited, f"{path.name}:{number + 1} has no '# source:' comment: {line}"


def test_the_2026_packs_cite_the_2026_sources_not_design():
    for path in SHIPPED_RULESETS.glob("*-202[67].toml"):
        text = path.read_text(encoding="utf-8")
        assert "DESIGN" not in text, path.name
        assert "country1037fm.com/2026/01/13/nascar-returns-to-the-chase-format/" in text


def _shipped_text(key: str) -> str:
    return (SHIPPED_RULESETS / f"{key}.toml").read_text(encoding="utf-8")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "starting_field = 40",
            "starting_field = 'forty'",
            "cup-2025.toml: [field] starting_field must be a whole number from 1 to 100, "
            "not 'forty'.",
        ),
        ("starting_field = 40", "starting_field = 0", "[field] starting_field must be"),
        ("starting_field = 40", "starting_field = true", "[field] starting_field must be"),
        ("oep_available = true", "oep_available = 1", "[field] oep_available must be true or"),
        ('tie_break = "owner_points"', 'tie_break = "coin"', "[field] tie_break must be one of"),
        (
            "guaranteed_spots = 36",
            "guaranteed_spots = 36\ncharters = 36",
            "[field] charters is not",
        ),
        ("guaranteed_spots = 36", "", "[field] guaranteed_spots is missing"),
        ("guaranteed_spots = 36", "guaranteed_spots = 41", "[field] guaranteed_spots (41) leaves"),
        ('street = "two_groups"', 'street = "knockout"', "[qualifying.formats] street must be"),
        ('street = "two_groups"', "", "[qualifying.formats] street is missing"),
        ("short = 2", "short = 0", "[qualifying.laps] short must be a whole number from 1 to 10"),
        ("owner_points_rank = 0.3", "owner_points_rank = 0.4", "must add up to 1, not 1.1"),
        ("owner_points_rank = 0.3", "owner_points_rank = 'x'", "owner_points_rank must be a"),
        (
            "owner_points_rank = 0.3",
            "fastest_lap_rank = 0.3",
            "[qualifying.cancelled_weights] fastest_lap_rank is not a term of the "
            "owner_finish_and_rank metric",
        ),
        ("finish = [40, 35,", "finish = [35, 40,", "[points] finish must never go up"),
        ("minimum = 1", "minimum = 2", "[points] finish must be 2 (the minimum) or more"),
        ("stage = [10,", "stage = ['ten',", "[points] stage must be a list"),
        (
            "reset_base = 3000",
            "reset_base = -1",
            "[postseason.rounds 2] reset_base must be a whole number from 0 to 100000, not -1",
        ),
        ("season = 2025", "season = 2024", "series and season make the key 'cup-2024'"),
        ('series = "cup"', 'series = "Cup Series"', "series must be lower-case letters"),
        ("[postseason]", "[postseasons]", "postseasons is not a rule pack key"),
        ("[postseason]", "[playoffs]", "playoffs was renamed [postseason]"),
        ("[postseason]", "[postseason]\n[postseason]", "is not a valid rule pack"),
        ('format = "elimination"', 'format = "knockout"', "[postseason] format must be one of"),
        ("drivers = 12", "drivers = 20", "[postseason] rounds must get smaller"),
        ("last_race = 32", "last_race = 29", "[postseason] rounds must end after one another"),
        ("season_races = 36", "season_races = 35", "[postseason] rounds must end with the season"),
        ("final_round_stage_points = false", "", "final_round_stage_points is missing"),
    ],
)
def test_a_bad_value_is_refused_naming_the_file_and_the_key(tmp_path, old, new, message):
    text = _shipped_text("cup-2025")
    assert old in text
    path = _write(tmp_path, "cup-2025.toml", text.replace(old, new, 1))
    with pytest.raises(RuleSetError, match=re.escape(message)) as refused:
        load_ruleset(path)
    assert str(refused.value).startswith("cup-2025.toml")


def test_a_missing_table_is_named(tmp_path):
    text = _shipped_text("truck-2023")
    path = _write(tmp_path, "truck-2023.toml", text[: text.index("[postseason]")])
    with pytest.raises(RuleSetError, match=r"truck-2023.toml: postseason is missing"):
        load_ruleset(path)


def test_a_file_that_is_not_a_folder_of_packs_is_refused(tmp_path):
    not_a_folder = _write(tmp_path, "packs", "")
    with pytest.raises(RuleSetError, match="is a file, not a folder"):
        load_rulesets(not_a_folder)


LATE_MODELS = """
series = "late-models"
season = 2026
name = "Hometown Late Models 2026"

[field]
starting_field = 24
guaranteed_spots = 0
owner_points_provisionals = 4
past_champion_provisionals = 0
oep_available = false
oep_min_entries = 0
tie_break = "first_set"

[qualifying]
final_round_cars = 6
cancelled_metric = "owner_points"

[qualifying.formats]
short = "single_round"
oval = "single_round"
superspeedway = "single_round"
road = "two_groups"
street = "two_groups"

[qualifying.laps]
short = 2
oval = 2
superspeedway = 1
road = 1
street = 1

[qualifying.cancelled_weights]
owner_points_rank = 1.0

[points]
finish = [50, 46, 43, 40, 38, 36, 34, 32, 30, 28]
minimum = 10
stage = []
stages_scored = 0
fastest_lap = 0
win_playoff_points = 0
stage_win_playoff_points = 0
regular_season_bonus = []
disqualified_scores = 0

[postseason]
format = "none"
field_size = 0
regular_season_races = 14
season_races = 14
eligible_top = 24
tiebreak = "countback"
"""


def test_a_users_own_series_loads_beside_the_shipped_packs_with_no_code_change(tmp_path):
    _write(tmp_path, "late-models-2026.toml", LATE_MODELS)
    rulesets = load_rulesets(SHIPPED_RULESETS, tmp_path)
    late_models = rulesets["late-models-2026"]
    assert "cup-2025" in rulesets
    assert late_models.field.starting_field == 24
    assert late_models.field.guaranteed_spots == 0
    assert late_models.field.on_speed_spots == 20
    assert late_models.field.owner_points_provisionals == 4
    assert late_models.points.finish[:3] == (50, 46, 43)
    assert late_models.points.minimum == 10
    assert late_models.source == str(tmp_path / "late-models-2026.toml")


def test_a_series_without_stages_or_playoffs_scores_only_the_finish(tmp_path):
    late_models = load_ruleset(_write(tmp_path, "late-models-2026.toml", LATE_MODELS))
    assert (late_models.points.stage, late_models.points.regular_season_bonus) == ((), ())


def test_an_empty_finish_table_is_refused(tmp_path):
    pack = LATE_MODELS.replace("finish = [50, 46, 43, 40, 38, 36, 34, 32, 30, 28]", "finish = []")
    path = _write(tmp_path, "late-models-2026.toml", pack)
    with pytest.raises(RuleSetError, match=r"\[points\] finish must be a list of 1 to 200"):
        load_ruleset(path)


def test_a_later_folder_overrides_a_shipped_pack(tmp_path):
    text = _shipped_text("truck-2025").replace(
        "regular_season_races = 18", "regular_season_races = 17"
    )
    _write(tmp_path, "truck-2025.toml", text)
    assert (
        load_rulesets(SHIPPED_RULESETS, tmp_path)["truck-2025"].postseason.regular_season_races
        == 17
    )
    assert load_rulesets(SHIPPED_RULESETS)["truck-2025"].postseason.regular_season_races == 18


def test_a_users_folder_that_does_not_exist_yet_adds_nothing(tmp_path):
    assert load_rulesets(SHIPPED_RULESETS, tmp_path / "none yet") == load_rulesets()


def test_the_late_model_example_in_the_user_docs_loads(tmp_path):
    docs = (SHIPPED_RULESETS.parent.parent / "docs" / "RULE_PACKS.md").read_text(encoding="utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    rules = load_ruleset(_write(tmp_path, "late-models-2026.toml", example))
    assert (rules.key, rules.field.on_speed_spots, rules.points.minimum) == (
        "late-models-2026",
        20,
        10,
    )


@pytest.mark.parametrize("key", CHASE)
def test_a_2026_or_2027_pack_pays_55_for_a_win_and_no_playoff_points(key):
    points = load_rulesets()[key].points
    assert points.finish[:3] == (55, 35, 34)
    assert points.finish[35] == 1 and points.minimum == 1  # 37 - position, never below 1
    assert (points.stage, points.stages_scored, points.fastest_lap) == (
        (10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
        2,
        1,
    )
    assert (points.win_playoff_points, points.stage_win_playoff_points) == (0, 0)
    assert points.regular_season_bonus == ()


@pytest.mark.parametrize(
    ("series", "last_race", "last_seed_reset"),
    [("cup", 36, 2000), ("xfinity", 33, 2020), ("truck", 25, 2030)],
)
def test_the_chase_restarts_seeds_at_2100_2075_2065_then_five_fewer(
    series, last_race, last_seed_reset
):
    for season in (2026, 2027):
        rules = load_rulesets()[f"{series}-{season}"].postseason
        assert rules.format is PostseasonFormat.CHASE
        assert rules.seed_resets[:4] == (2100, 2075, 2065, 2060)
        assert all(a - b == 5 for a, b in itertools.pairwise(rules.seed_resets[2:]))
        assert rules.seed_resets[-1] == last_seed_reset
        assert rules.season_races == last_race
        assert rules.unapproved_waiver_start == 2000
        assert rules.tiebreak is StandingsTiebreak.COUNTBACK
        assert rules.rounds == ()


@pytest.mark.parametrize(
    ("key", "rounds"),
    [
        ("cup-2025", [(16, 29, 2000, True), (12, 32, 3000, True), (8, 35, 4000, True),
                      (4, 36, 5000, False)]),
        ("xfinity-2025", [(12, 29, 2000, True), (8, 32, 3000, True), (4, 33, 4000, False)]),
        ("truck-2023", [(10, 19, 2000, True), (8, 22, 3000, True), (4, 23, 4000, False)]),
        ("truck-2025", [(10, 21, 2000, True), (8, 24, 3000, True), (4, 25, 4000, False)]),
    ],
)  # fmt: skip
def test_an_elimination_pack_has_its_rounds_cuts_and_resets(key, rounds):
    rules = load_rulesets()[key].postseason
    assert rules.format is PostseasonFormat.ELIMINATION
    assert [
        (r.drivers, r.last_race, r.reset_base, r.adds_playoff_points) for r in rules.rounds
    ] == (rounds)
    assert rules.final_round_stage_points is False
    assert rules.rounds[-1].name == "Championship 4"


def test_oreilly_and_xfinity_are_one_series_named_as_each_season_names_it():
    packs = load_rulesets()
    assert packs["oreilly-2026"] is packs["xfinity-2026"]
    assert packs["oreilly-2026"].series == "xfinity"
    assert packs["xfinity-2026"].name == "NASCAR O'Reilly Auto Parts Series 2026"
    assert packs["oreilly-2025"].name == "NASCAR Xfinity Series 2025"
    assert "oreilly-2027" in packs and "oreilly-2024" not in packs
    assert "oreilly-2026" not in list(packs)  # one pack, listed once under its series


def test_a_users_pack_may_be_named_for_oreilly(tmp_path):
    text = _shipped_text("xfinity-2026").replace('series = "xfinity"', 'series = "oreilly"')
    pack = load_ruleset(_write(tmp_path, "oreilly-2026.toml", text))
    assert (pack.key, pack.series) == ("xfinity-2026", "xfinity")


def test_the_2027_packs_repeat_2026_and_say_they_are_assumed():
    packs = load_rulesets()
    for series in ("cup", "xfinity", "truck"):
        assumed, published = packs[f"{series}-2027"], packs[f"{series}-2026"]
        assert assumed.assumed and not published.assumed
        text = _shipped_text(f"{series}-2027")
        assert text.startswith("# ASSUMED: no 2027 rule book was found")
        for part in ("field", "qualifying", "points", "postseason"):
            assert getattr(assumed, part) == getattr(published, part)


def test_a_chase_pack_needs_a_reset_for_every_seed(tmp_path):
    text = _shipped_text("truck-2026").replace("seed_resets = [2100, ", "seed_resets = [")
    with pytest.raises(RuleSetError) as refused:
        load_ruleset(_write(tmp_path, "truck-2026.toml", text))
    assert str(refused.value) == (
        "truck-2026.toml: [postseason] seed_resets must give one reset total per seed: 9 given, "
        "field_size is 10."
    )
