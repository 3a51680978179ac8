"""The [eligibility] table of the rule packs: the shipped values with their sources, and the
messages a bad value gets (naming the file, the key and what is allowed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.errors import RuleSetError
from domain.model import TrackKind
from persistence.rulesets import SHIPPED_RULESETS, load_ruleset, load_rulesets

NBC = "nbcsports.com/nascar/news/nascar-to-allow-cup-drivers-to-compete-in-more-races-in-oreilly"
TOBY = "tobychristie.com/nascar/truck-series/nascar-alters-eligibility-standards-for-oreilly"
SMALL = frozenset({TrackKind.ROAD, TrackKind.STREET})


@pytest.fixture(scope="module")
def packs():
    return load_rulesets()


# key: Cup-driver starts, minimum age, minimum at small tracks, championship-race bar.
# RULES-2026.md and rule_sources_2026.csv (cup_driver_limits, minimum_age): O'Reilly 10, Truck
# 8, O'Reilly 17/18; before 2026 five starts per series (nbcsports.com, si.com, 2025-11-01).
EXPECTED = {
    "xfinity-2026": (10, 18, 17, ()),
    "xfinity-2027": (10, 18, 17, ()),
    "truck-2026": (8, 18, 16, ("xfinity",)),
    "truck-2027": (8, 18, 16, ("xfinity",)),
    "xfinity-2023": (5, 18, None, ()),
    "xfinity-2025": (5, 18, None, ()),
    "truck-2023": (5, 18, 16, ()),
    "truck-2025": (5, 18, 16, ()),
    "cup-2026": (None, 18, None, ()),
    "cup-2023": (None, 18, None, ()),
}


@pytest.mark.parametrize(("key", "expected"), EXPECTED.items())
def test_a_shipped_pack_says_who_may_start_as_its_sources_say(packs, key, expected):
    rules = packs[key].eligibility
    starts, age, small_age, barred = expected
    assert (rules.cup_driver_starts, rules.minimum_age) == (starts, age)
    assert rules.minimum_age_at_small_tracks == small_age
    assert rules.championship_race_barred_series == barred
    limited = starts is not None
    assert rules.cup_drivers_barred_from_finale is limited
    assert rules.cup_drivers_barred_from_postseason is limited
    if small_age is not None:
        assert (rules.small_track_max_millimiles, rules.small_track_kinds) == (1250, SMALL)


@pytest.mark.parametrize("key", ["xfinity-2026", "truck-2026", "xfinity-2027", "truck-2027"])
def test_the_2026_eligibility_values_cite_the_2026_sources(key):
    text = (SHIPPED_RULESETS / f"{key}.toml").read_text(encoding="utf-8")
    eligibility = text[text.index("[eligibility]") :]
    assert NBC in eligibility and TOBY in eligibility
    assert "rule_sources_2026.csv cup_driver_limits" in eligibility


def _pack_with(tmp_path: Path, table: str) -> Path:
    shipped = (SHIPPED_RULESETS / "xfinity-2026.toml").read_text(encoding="utf-8")
    text = shipped[: shipped.index("[eligibility]")] + "[eligibility]\n" + table
    path = tmp_path / "xfinity-2026.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "cup_driver_starts = 'ten'",
            "[eligibility] cup_driver_starts must be a whole number from 0 to 100, not 'ten'.",
        ),
        ("cup_drivers_barred_from_finale = 1", "cup_drivers_barred_from_finale must be true or"),
        ("minimum_age = 120", "[eligibility] minimum_age must be a whole number from 0 to 99"),
        (
            "minimum_age = 18\nminimum_age_at_small_tracks = 19\nsmall_track_max_miles = 1.25",
            "minimum_age_at_small_tracks (19) must come with a minimum_age at least as high",
        ),
        (
            "minimum_age = 18\nminimum_age_at_small_tracks = 17",
            "[eligibility] small_track_max_miles must say which tracks are small",
        ),
        ("small_track_max_miles = 0", "small_track_max_miles must be a length in miles above 0"),
        ('small_track_kinds = ["roads"]', "small_track_kinds must be a list of track kinds"),
        ('championship_race_barred_series = ["O Reilly"]', "must be a list of series keys"),
        ("cup_driver_limit = 10", "[eligibility] cup_driver_limit is not a rule pack key"),
    ],
)
def test_a_bad_eligibility_value_is_refused_naming_the_file_and_the_key(tmp_path, table, message):
    with pytest.raises(RuleSetError, match=re.escape(message)) as refused:
        load_ruleset(_pack_with(tmp_path, table))
    assert str(refused.value).startswith("xfinity-2026.toml: ")


def test_a_pack_without_an_eligibility_table_keeps_nobody_out(tmp_path):
    path = _pack_with(tmp_path, "")
    rules = load_ruleset(path).eligibility
    assert (rules.cup_driver_starts, rules.minimum_age) == (None, None)
    assert not rules.cup_drivers_barred_from_finale


def test_a_championship_bar_may_name_oreilly_for_xfinity(tmp_path):
    path = _pack_with(tmp_path, 'championship_race_barred_series = ["oreilly"]')
    assert load_ruleset(path).eligibility.championship_race_barred_series == ("xfinity",)
