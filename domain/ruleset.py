"""A series' rules for one season, as read from a rule pack (resources/rulesets/*.toml).

Rules are data: a new season or a user's own series is a new pack, not new code (DESIGN §3).
The loader in persistence/rulesets.py validates a pack and builds these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.model import TrackKind

# Another name of a series: the O'Reilly Auto Parts Series is the Xfinity Series renamed for
# 2026, one series for owner points, provisionals and history; each pack names it for its season.
SERIES_ALIASES = {"oreilly": "xfinity"}


def canonical_series(token: str) -> str:
    """The series a token stands for: `oreilly` is `xfinity`; any other token is itself."""
    token = token.strip().lower()
    return SERIES_ALIASES.get(token, token)


def canonical_key(key: str) -> str:
    """A pack key with its series made canonical: "oreilly-2026" is "xfinity-2026"."""
    series, dash, season = key.rpartition("-")
    return f"{canonical_series(series)}{dash}{season}" if dash else key


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


class OepRule(StrEnum):
    """What the Open Exemption Provisional means in a season (DESIGN §3, RULES-2026.md)."""

    # 2025: the OEP car races for an open spot first; only if it misses, and only with more
    # than `oep_min_entries` entries, does it start as an extra car, where it qualified.
    RACE_FOR_SPOT = "race_for_open_spot"
    # 2026: declared before the event, locked in as an extra car; it never takes an open spot.
    LOCKED_IN = "locked_in"


@dataclass(frozen=True, slots=True)
class FieldRules:
    starting_field: int  # cars that start without provisionals or the OEP
    guaranteed_spots: int  # chartered cars that always start (0 where there are no charters)
    owner_points_provisionals: int  # spots kept for the best owner-points cars not in on speed
    past_champion_provisionals: int  # spots kept for eligible past champions not in otherwise
    oep_available: bool  # the Open Exemption Provisional exists this season
    oep_min_entries: int  # the OEP applies only with more entries than this (Cup 2025: 40)
    tie_break: TieBreak
    oep_rule: OepRule = OepRule.RACE_FOR_SPOT
    # Truck 2026: a new manufacturer's trucks not in otherwise get up to this many spots beyond
    # the field in the season's first `manufacturer_provisional_events` events, by first-round
    # speed. `new_manufacturers` names the makes (entries' `make`, compared without case).
    manufacturer_provisionals: int = 0
    manufacturer_provisional_events: int = 0
    new_manufacturers: tuple[str, ...] = ()
    # The Daytona 500 (an event with Duel sessions): the fastest open cars in time trials that
    # are locked in, the best open finishers of each Duel not yet in who race in, and the cars
    # whose time-trial final sets the front row.
    duel_open_cars_on_time: int = 2
    duel_transfers: int = 1
    front_row_on_time: int = 2

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
    # 2026: the declared OEP car scores 0 and every car finishing behind it scores the finish
    # points of one place better (stage points are not shifted).
    oep_shift: bool = False
    # 2026 (Cup): a car repaired in the garage cannot earn the fastest-lap point.
    fastest_lap_garage_clause: bool = False
    duel: tuple[int, ...] = ()  # points for 1st, 2nd, ... of each Daytona Duel (2026: 10…1)


class PostseasonFormat(StrEnum):
    """How a season's champion is decided after the regular season."""

    NONE = "none"  # no postseason: the points leader after the last race is champion
    ELIMINATION = "elimination"  # 2014-2025: rounds with cuts, then a Championship 4 finale
    CHASE = "chase"  # 2026: one seeded reset, no cuts, most points after the last race


class StandingsTiebreak(StrEnum):
    """How drivers level on points are ordered when the field is set and in the postseason."""

    COUNTBACK = "countback"  # most wins, then most 2nds, 3rds, ... (DESIGN §3)
    LATEST_FINISH = "latest_finish"  # the better finish in the latest race, then countback


@dataclass(frozen=True, slots=True)
class EliminationRound:
    """One round of the elimination format; the round's field is cut after `last_race`."""

    name: str  # "Round of 16", "Championship 4"
    drivers: int  # drivers who start the round
    last_race: int  # the season's race number after which the round ends (and cuts)
    reset_base: int  # every driver in the round restarts at this ...
    adds_playoff_points: bool  # ... plus their playoff points (False for the Championship 4)


@dataclass(frozen=True, slots=True)
class PostseasonRules:
    format: PostseasonFormat
    field_size: int  # drivers in the postseason (0 with format "none")
    regular_season_races: int
    season_races: int  # the season's points races: the last one decides the champion
    eligible_top: int  # must be in the top N in points (top 30)
    tiebreak: StandingsTiebreak
    non_medical_waiver_forfeits_playoff_points: bool  # 2025 rule (elimination)
    # Elimination: the rounds in order; the last one is decided by the best finish in its race.
    rounds: tuple[EliminationRound, ...] = ()
    final_round_stage_points: bool = True  # False: the final four score no stage points then
    # Chase: each seed's reset total, seed 1 first.
    seed_resets: tuple[int, ...] = ()
    # Chase: where a driver with a waived absence that NASCAR did not initiate or approve
    # starts, whatever the seed (2026: 2,000). None: such an absence costs nothing.
    unapproved_waiver_start: int | None = None

    @property
    def reset_base(self) -> int:
        """The elimination format's first reset base (the playoff picture's "reset" column)."""
        return self.rounds[0].reset_base if self.rounds else 0


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    """Who may start a race of the series (RULES-2026.md; docs/RULE_PACKS.md, [eligibility]).

    Every value is optional: a pack that leaves one out has no such rule (no start limit, no
    minimum age), as the Cup packs and a late-model pack do.
    """

    # A Cup driver (more than three full-time Cup seasons; marked per season on the driver)
    # starts at most this many of the season's races (O'Reilly 2026: 10, Truck 2026: 8).
    cup_driver_starts: int | None = None
    cup_drivers_barred_from_finale: bool = False  # the regular season's last race
    cup_drivers_barred_from_postseason: bool = False  # every race after the regular season
    # Series (canonical keys) whose points drivers may not start this series' last race of the
    # season (Truck 2026: O'Reilly points drivers, `("xfinity",)`).
    championship_race_barred_series: tuple[str, ...] = ()
    minimum_age: int | None = None  # age on race day; None: no minimum
    # A lower minimum at small tracks (O'Reilly 2026: 17 at road courses and ovals of 1.25 mi
    # or less): tracks of a kind in `small_track_kinds`, or no longer than the given length.
    minimum_age_at_small_tracks: int | None = None
    small_track_max_millimiles: int = 0
    small_track_kinds: frozenset[TrackKind] = frozenset()


@dataclass(frozen=True, slots=True)
class RuleSet:
    key: str  # "cup-2025"
    series: str  # "cup"
    season: int
    name: str  # "NASCAR Cup Series 2025"
    field: FieldRules
    qualifying: QualifyingRules
    points: PointsRules
    postseason: PostseasonRules
    eligibility: EligibilityRules = EligibilityRules()
    source: str = ""  # the file it was read from, for messages
    assumed: str = ""  # why the pack's values are assumed rather than published (2027), or ""


class RulePacks(dict[str, RuleSet]):
    """Packs by key; a key written with a series alias ("oreilly-2026") finds the same pack."""

    def __getitem__(self, key: str) -> RuleSet:
        return super().__getitem__(canonical_key(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(canonical_key(key))

    def get(self, key: str, default: RuleSet | None = None) -> RuleSet | None:  # type: ignore[override]
        return super().get(canonical_key(key), default)
