"""A series without a postseason (format "none"): the points leader after the last race wins."""

from __future__ import annotations

from dataclasses import replace

from domain.rules.postseason import PostseasonStatus, postseason_standings
from domain.rules.standings import SeasonScores
from domain.ruleset import PostseasonFormat, StandingsTiebreak
from tests.domain.postseason_reference import Row
from tests.domain.test_postseason_properties import season_facts, small_rules


def _table(after: int):
    rules = small_rules(PostseasonFormat.CHASE, 2, 6, False, True, StandingsTiebreak.COUNTBACK)
    rules = replace(
        rules,
        postseason=replace(
            rules.postseason, format=PostseasonFormat.NONE, field_size=0, season_races=3,
            seed_resets=(), unapproved_waiver_start=None,
        ),
    )  # fmt: skip
    races = [
        [Row("Driver A", 1, 1, 1), Row("Driver B", 2, 2, 2)],
        [Row("Driver B", 1, 1, 1), Row("Driver A", 2, 2, 2)],
        [Row("Driver B", 1, 1, 1), Row("Driver A", 2, 2, 2)],
    ]
    events, drivers, entries, results, _ = season_facts(races, {}, rules)
    scores = SeasonScores(events, results, entries, (), rules.points)
    now = scores.drivers(drivers, through_round=after)
    return postseason_standings(now, now, events, results, (), rules, after)


def test_the_leader_after_the_last_race_is_champion_and_nobody_is_reset():
    table = _table(3)
    assert [r.standing.name for r in table.rows] == ["Driver B", "Driver A"]
    assert table.rows[0].status is PostseasonStatus.CHAMPION
    assert all(r.reset_points is None and r.points == r.standing.points for r in table.rows)
    assert table.phase == "Season: 3 of 3 races run"


def test_before_the_last_race_there_is_no_champion():
    table = _table(2)
    assert table.champion is None
    assert all(r.status is PostseasonStatus.NOT_IN for r in table.rows)
