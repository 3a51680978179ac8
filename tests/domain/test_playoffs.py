"""The playoff picture: winners first, the cut line, waivers and the playoff reset."""

import dataclasses

import pytest

from domain.errors import ValidationError
from domain.model import Penalty, Waiver, WaiverReason, WaiverStatus
from domain.rules.playoffs import PlayoffRow, PlayoffStatus, playoff_picture
from domain.rules.standings import driver_standings, owner_standings
from domain.ruleset import RuleSet
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.domain.truck_2023 import Season, load_season, with_world_wide_technology


def picture(
    season: Season,
    races_run: int,
    waivers: tuple[Waiver, ...] = (),
    ruleset: RuleSet = TRUCK_2023,
    extra_penalties: tuple[Penalty, ...] = (),
) -> dict[str, PlayoffRow]:
    penalties = (*season.penalties, *extra_penalties)
    standings = driver_standings(
        season.events, season.results, season.entries, penalties, ruleset.points, season.drivers
    )
    rows = playoff_picture(standings, season.events, season.results, waivers, ruleset, races_run)
    return {row.standing.name: row for row in rows}


def heim_waiver(season: Season, status: WaiverStatus, reason: WaiverReason) -> Waiver:
    heim = season.driver("Corey Heim")
    return Waiver(series="truck", season=2023, driver_id=heim.id, reason=reason, status=status)


def test_heim_stays_eligible_on_his_martinsville_win_when_the_medical_waiver_is_granted() -> None:
    season = with_world_wide_technology(load_season())
    waiver = heim_waiver(season, WaiverStatus.GRANTED, WaiverReason.MEDICAL)

    heim = picture(season, 12, (waiver,))["Corey Heim"]

    assert heim.eligible and heim.status is PlayoffStatus.IN_ON_WIN
    assert heim.eligibility == "missed 1 race; medical waiver granted"


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (WaiverStatus.REQUESTED, "missed 1 race; waiver requested, not yet granted: not eligible"),
        (WaiverStatus.DENIED, "missed 1 race; waiver denied: not eligible"),
    ],
)
def test_heim_is_not_eligible_while_the_waiver_is_only_requested_or_when_denied(
    status: WaiverStatus, reason: str
) -> None:
    season = with_world_wide_technology(load_season())
    waiver = heim_waiver(season, status, WaiverReason.MEDICAL)

    heim = picture(season, 12, (waiver,))["Corey Heim"]

    assert not heim.eligible and heim.status is PlayoffStatus.INELIGIBLE
    assert (heim.eligibility, heim.seed, heim.reset_points) == (reason, None, None)


def test_a_driver_who_missed_a_race_without_any_waiver_is_not_eligible() -> None:
    season = with_world_wide_technology(load_season())

    heim = picture(season, 12)["Corey Heim"]

    assert heim.eligibility == "missed 1 race; no waiver: not eligible"


def test_a_driver_outside_the_top_30_is_not_eligible() -> None:
    rows = picture(load_season(), 11)

    outside = [row for row in rows.values() if row.standing.position > 30]

    assert outside
    assert all(not row.eligible and "outside the top 30" in row.eligibility for row in outside)


def test_winners_are_in_first_by_wins_then_points_and_the_rest_by_points() -> None:
    rows = sorted(picture(load_season(), 11).values(), key=lambda r: r.seed or 99)

    seeded = [(row.standing.name, row.status) for row in rows if row.seed is not None]

    win, points = PlayoffStatus.IN_ON_WIN, PlayoffStatus.IN_ON_POINTS
    assert seeded == [
        ("Zane Smith", win),  # 2 wins, 382 points
        ("Christian Eckes", win),  # 2 wins, 343
        ("Corey Heim", win),  # 1 win, 425
        ("Grant Enfinger", win),
        ("Ben Rhodes", win),
        ("Carson Hocevar", win),
        ("Ty Majeski", points),
        ("Matt Crafton", points),
        ("Tanner Gray", points),
        ("Matt DiBenedetto", points),
    ]


def test_the_cut_line_is_one_point_between_dibenedetto_and_friesen_after_race_11() -> None:
    rows = picture(load_season(), 11)

    assert rows["Matt DiBenedetto"].to_cut == 1
    assert (rows["Stewart Friesen"].status, rows["Stewart Friesen"].to_cut) == (
        PlayoffStatus.OUT,
        -1,
    )


def test_a_two_point_penalty_moves_dibenedetto_below_the_cut_line_and_friesen_above() -> None:
    season = load_season()
    charlotte = season.event(11)
    penalty = Penalty(event_id=charlotte.id, car_number="25", driver_points=2, reason="L1")

    rows = picture(season, 11, extra_penalties=(penalty,))

    assert rows["Stewart Friesen"].status is PlayoffStatus.IN_ON_POINTS
    assert (rows["Matt DiBenedetto"].status, rows["Matt DiBenedetto"].to_cut) == (
        PlayoffStatus.OUT,
        -1,
    )


def test_the_reset_adds_the_regular_season_bonus_once_the_regular_season_is_over() -> None:
    season = load_season()
    short_season = dataclasses.replace(
        TRUCK_2023, postseason=dataclasses.replace(TRUCK_2023.postseason, regular_season_races=11)
    )

    during, after = picture(season, 11), picture(season, 11, ruleset=short_season)
    heim, smith = after["Corey Heim"], after["Zane Smith"]

    assert during["Corey Heim"].reset_points == 2000 + 9
    assert (heim.bonus_playoff_points, heim.reset_points) == (15, 2000 + 9 + 15)
    assert (smith.bonus_playoff_points, smith.reset_points) == (8, 2000 + 11 + 8)


@pytest.mark.parametrize(
    ("reason", "forfeits"),
    [
        (WaiverReason.OTHER, True),
        (WaiverReason.MEDICAL, False),
        (WaiverReason.BIRTH, False),
        (WaiverReason.AGE, False),
    ],
)
def test_from_2025_only_a_non_medical_waiver_forfeits_the_seasons_playoff_points(
    reason: WaiverReason, forfeits: bool
) -> None:
    season = with_world_wide_technology(load_season())
    rules_2025 = dataclasses.replace(
        TRUCK_2023,
        postseason=dataclasses.replace(
            TRUCK_2023.postseason, non_medical_waiver_forfeits_playoff_points=True
        ),
    )
    waiver = heim_waiver(season, WaiverStatus.GRANTED, reason)

    heim = picture(season, 12, (waiver,), ruleset=rules_2025)["Corey Heim"]

    assert heim.eligible
    assert heim.playoff_points == (0 if forfeits else heim.standing.playoff_points)
    assert heim.eligibility.endswith("playoff points forfeited") == forfeits


def test_the_playoff_picture_refuses_owner_standings() -> None:
    season = load_season()
    owners = owner_standings(
        season.events, season.results, season.entries, season.penalties, TRUCK_2023.points
    )

    with pytest.raises(ValidationError, match="driver standings"):
        playoff_picture(owners, season.events, season.results, (), TRUCK_2023, 11)
