"""A series' rules for one season, as read from a rule pack (resources/rulesets/*.toml).

Rules are data: a new season or a user's own series is a new pack, not new code (DESIGN §3).
The loader in persistence/rulesets.py validates a pack and builds these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.model import TrackKind


class QualifyingFormat(StrEnum):
    SINGLE_ROUND = "single_round"  # every car ranked by its best lap
    TWO_ROUNDS = "two_rounds"  # a final round for the fastest `final_round_cars`
    TWO_GROUPS = "two_groups"  # groups run apart, results combined by time
    GROUPS_THEN_FINAL = "groups_then_final"  # groups, then the best of each to a final round


class TieBreak(StrEnum):
    """How identical qualifying times are ordered."""

    OWNER_POINTS = "owner_points"  # the better owner-points rank goes first (seen in Cup)
    FIRST_SET = "first_set"  # the time set first goes first


class CancelledMetric(StrEnum):
    """How the lineup is set when qualifying is cancelled."""

    OWNER_FINISH_AND_RANK = "owner_finish_and_rank"  # 2025: 70% previous finish + 30% owner rank
    PERFORMANCE_2020 = "performance_2020"  # 2020-24: 35/25/25/15 metric
    OWNER_POINTS = "owner_points"  # plain owner-points order


@dataclass(frozen=True, slots=True)
class FieldRules:
    starting_field: int  # cars that start without provisionals or the OEP
    guaranteed_spots: int  # chartered cars that always start (0 where there are no charters)
    owner_points_provisionals: int  # spots kept for the best owner-points cars not in on speed
    past_champion_provisionals: int  # spots kept for eligible past champions not in otherwise
    oep_available: bool  # the Open Exemption Provisional exists this season
    oep_min_entries: int  # the OEP applies only with more entries than this (Cup 2025: 40)
    tie_break: TieBreak

    @property
    def on_speed_spots(self) -> int:
        """Spots filled by qualifying speed (including guaranteed cars' spots)."""
        provisionals = self.owner_points_provisionals + self.past_champion_provisionals
        return self.starting_field - provisionals


@dataclass(frozen=True, slots=True)
class QualifyingRules:
    formats: dict[TrackKind, QualifyingFormat]  # the format used at each kind of track
    laps: dict[TrackKind, int]  # laps each car runs per round
    final_round_cars: int  # cars in the final round (two-round and group formats)
    cancelled_metric: CancelledMetric
    cancelled_weights: dict[str, float]  # weights of the cancelled-qualifying metric's terms


@dataclass(frozen=True, slots=True)
class PointsRules:
    finish: tuple[int, ...]  # points for 1st, 2nd, ...; places beyond the table score `minimum`
    minimum: int  # never below this
    stage: tuple[int, ...]  # points for 1st..10th in stages 1 and 2
    stages_scored: int  # stages that pay stage points (the final stage pays finish points only)
    fastest_lap: int  # points for the race's fastest lap (2025: 1); 0 when not awarded
    win_playoff_points: int
    stage_win_playoff_points: int
    regular_season_bonus: tuple[int, ...]  # playoff points for the regular season's top ten
    disqualified_scores: int  # finish points a disqualified car keeps (scored last)


@dataclass(frozen=True, slots=True)
class PlayoffRules:
    field_size: int
    regular_season_races: int
    eligible_top: int  # must be in the top N in points (top 30)
    reset_base: int  # playoff reset: base + playoff points
    non_medical_waiver_forfeits_playoff_points: bool  # 2025 rule


@dataclass(frozen=True, slots=True)
class RuleSet:
    key: str  # "cup-2025"
    series: str  # "cup"
    season: int
    name: str  # "NASCAR Cup Series 2025"
    field: FieldRules
    qualifying: QualifyingRules
    points: PointsRules
    playoffs: PlayoffRules
    source: str = ""  # the file it was read from, for messages
