"""load_weekend reads the season once; what it derives equals the use cases' own answers."""

from __future__ import annotations

import pytest

from domain.services.queries import qualifying_board, season_standings
from domain.services.weekend import load_weekend
from persistence.repositories import SqlResultRepository
from persistence.storage import create_database, open_storage

DEMO_WEEKENDS = ("truck-2023-gateway", "cup-2025-chicago", "truck-2025-lime-rock")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = create_database(str(tmp_path_factory.mktemp("weekend") / "demo.db"), demo=True)
    storage = open_storage(path)
    yield storage
    storage.close()


@pytest.mark.parametrize("key", DEMO_WEEKENDS)
def test_the_weekend_field_is_the_qualifying_board(demo, key) -> None:
    weekend = load_weekend(demo.uow_factory, key, demo.rulesets)
    assert weekend.field == qualifying_board(demo.uow_factory(), weekend.event.id, weekend.ruleset)


@pytest.mark.parametrize("key", DEMO_WEEKENDS)
def test_the_weekend_standings_are_the_season_standings_after_its_round(demo, key) -> None:
    weekend = load_weekend(demo.uow_factory, key, demo.rulesets)
    event = weekend.event
    standings = season_standings(
        demo.uow_factory(),
        event.series,
        event.season,
        weekend.ruleset,
        through_round=event.round_no,
    )
    assert weekend.driver_standings == standings.drivers
    assert weekend.owner_standings == standings.owners


def test_a_weekend_reads_the_seasons_results_once(demo, monkeypatch) -> None:
    reads: list[tuple[str, int]] = []
    real = SqlResultRepository.list_for_season

    def counted(self, series: str, season: int):
        reads.append((series, season))
        return real(self, series, season)

    monkeypatch.setattr(SqlResultRepository, "list_for_season", counted)
    load_weekend(demo.uow_factory, "truck-2023-gateway", demo.rulesets)
    assert reads == [("truck", 2023)]
