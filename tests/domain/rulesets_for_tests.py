"""Rule packs for domain tests, built in Python from DESIGN §3 so domain tests never read TOML."""

from __future__ import annotations

from domain.model import TrackKind
from domain.ruleset import (
    CancelledMetric,
    EliminationRound,
    FieldRules,
    PointsRules,
    PostseasonFormat,
    PostseasonRules,
    QualifyingFormat,
    QualifyingRules,
    RuleSet,
    StandingsTiebreak,
    TieBreak,
)

# Finish points: 1st 40, 2nd 35, then one less per place (37 - position), never below 1.
_FINISH = (40, *range(35, 0, -1))
_STAGE = tuple(range(10, 0, -1))
_TOP_TEN_BONUS = (15, 10, 8, 7, 6, 5, 4, 3, 2, 1)

# 2020-24 metric: 35% owner points, 25% driver finish, 25% owner finish, 15% fastest lap.
WEIGHTS_2020 = {
    "owner_points_rank": 0.35,
    "driver_finish": 0.25,
    "previous_owner_finish": 0.25,
    "fastest_lap_rank": 0.15,
}
# 2025 metric: 70% owner's finish in the previous race + 30% owner-points rank.
WEIGHTS_2025 = {"previous_owner_finish": 0.70, "owner_points_rank": 0.30}


def _points(fastest_lap: int) -> PointsRules:
    return PointsRules(
        finish=_FINISH,
        minimum=1,
        stage=_STAGE,
        stages_scored=2,
        fastest_lap=fastest_lap,
        win_playoff_points=5,
        stage_win_playoff_points=1,
        regular_season_bonus=_TOP_TEN_BONUS,
        disqualified_scores=1,
    )


def _qualifying_2025() -> QualifyingRules:
    formats = dict.fromkeys(TrackKind, QualifyingFormat.SINGLE_ROUND)
    formats[TrackKind.SUPERSPEEDWAY] = QualifyingFormat.TWO_ROUNDS
    formats[TrackKind.ROAD] = QualifyingFormat.TWO_GROUPS
    formats[TrackKind.STREET] = QualifyingFormat.TWO_GROUPS
    laps = dict.fromkeys(TrackKind, 1)
    laps[TrackKind.SHORT] = 2
    return QualifyingRules(
        formats=formats,
        laps=laps,
        final_round_cars=10,
        cancelled_metric=CancelledMetric.OWNER_FINISH_AND_RANK,
        cancelled_weights=dict(WEIGHTS_2025),
    )


def _qualifying_2023() -> QualifyingRules:
    # 2023 Cup: two groups, the top 5 of each to a 10-car final; superspeedways two rounds.
    formats = dict.fromkeys(TrackKind, QualifyingFormat.GROUPS_THEN_FINAL)
    formats[TrackKind.SUPERSPEEDWAY] = QualifyingFormat.TWO_ROUNDS
    laps = dict.fromkeys(TrackKind, 1)
    laps[TrackKind.SHORT] = 2
    return QualifyingRules(
        formats=formats,
        laps=laps,
        final_round_cars=10,
        cancelled_metric=CancelledMetric.PERFORMANCE_2020,
        cancelled_weights=dict(WEIGHTS_2020),
    )


def _rounds(field_size: int, regular_season_races: int) -> tuple[EliminationRound, ...]:
    """Three-race rounds down to a Championship 4 reset at 1,000 above the last round."""
    sizes = {16: (16, 12, 8, 4), 12: (12, 8, 4), 10: (10, 8, 4)}[field_size]
    rounds, last = [], regular_season_races
    for index, drivers in enumerate(sizes):
        final = index == len(sizes) - 1
        last += 1 if final else 3
        name = "Championship 4" if final else f"Round of {drivers}"
        rounds.append(EliminationRound(name, drivers, last, 2000 + 1000 * index, not final))
    return tuple(rounds)


def _playoffs(field_size: int, regular_season_races: int, forfeits: bool) -> PostseasonRules:
    rounds = _rounds(field_size, regular_season_races)
    return PostseasonRules(
        format=PostseasonFormat.ELIMINATION,
        field_size=field_size,
        regular_season_races=regular_season_races,
        season_races=rounds[-1].last_race,
        eligible_top=30,
        tiebreak=StandingsTiebreak.COUNTBACK,
        non_medical_waiver_forfeits_playoff_points=forfeits,
        rounds=rounds,
        final_round_stage_points=False,
    )


def _cup_field(oep_available: bool) -> FieldRules:
    return FieldRules(
        starting_field=40,
        guaranteed_spots=36,
        owner_points_provisionals=0,
        past_champion_provisionals=0,
        oep_available=oep_available,
        oep_min_entries=40,
        tie_break=TieBreak.OWNER_POINTS,
    )


CUP_2023 = RuleSet(
    key="cup-2023",
    series="cup",
    season=2023,
    name="NASCAR Cup Series 2023",
    field=_cup_field(oep_available=False),
    qualifying=_qualifying_2023(),
    points=_points(fastest_lap=0),
    postseason=_playoffs(16, 26, forfeits=False),
)

CUP_2025 = RuleSet(
    key="cup-2025",
    series="cup",
    season=2025,
    name="NASCAR Cup Series 2025",
    field=_cup_field(oep_available=True),
    qualifying=_qualifying_2025(),
    points=_points(fastest_lap=1),
    postseason=_playoffs(16, 26, forfeits=True),
)

# Xfinity 2023: 33 on speed + 4 owner-points provisionals + 1 past champion (NASCAR, 2022).
XFINITY_2023 = RuleSet(
    key="xfinity-2023",
    series="xfinity",
    season=2023,
    name="NASCAR Xfinity Series 2023",
    field=FieldRules(
        starting_field=38,
        guaranteed_spots=0,
        owner_points_provisionals=4,
        past_champion_provisionals=1,
        oep_available=False,
        oep_min_entries=40,
        tie_break=TieBreak.OWNER_POINTS,
    ),
    qualifying=_qualifying_2023(),
    points=_points(fastest_lap=0),
    postseason=_playoffs(12, 26, forfeits=False),
)

# Truck 2023: 31 on speed + 5 owner-points provisionals (a past-champion spot is unconfirmed).
TRUCK_2023 = RuleSet(
    key="truck-2023",
    series="truck",
    season=2023,
    name="NASCAR Craftsman Truck Series 2023",
    field=FieldRules(
        starting_field=36,
        guaranteed_spots=0,
        owner_points_provisionals=5,
        past_champion_provisionals=0,
        oep_available=False,
        oep_min_entries=40,
        tie_break=TieBreak.OWNER_POINTS,
    ),
    qualifying=_qualifying_2023(),
    points=_points(fastest_lap=0),
    postseason=_playoffs(10, 16, forfeits=False),
)

RULESETS = {rules.key: rules for rules in (CUP_2023, CUP_2025, XFINITY_2023, TRUCK_2023)}
