"""import-season: a racing-reference results sheet becomes a season's events, entries, results."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.services.cross_check import verify_points
from domain.services.season_sheet import import_season_sheet
from persistence.csv_io import parse_csv, read_csv
from persistence.storage import create_database, open_storage

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "tests" / "fixtures" / "truck_2023_sheet_excerpt.csv"
FULL = (
    next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    / "data"
    / "truck_2023_full_season.csv"
)


@pytest.fixture
def storage(tmp_path):
    opened = open_storage(create_database(str(tmp_path / "weekend.db"), demo=False))
    yield opened
    opened.close()


def test_a_sheet_creates_each_race_with_its_entries_results_and_agrees_on_points(storage):
    report, changes = import_season_sheet(
        storage.uow_factory(), storage.rulesets, "truck", 2023, read_csv(SHEET)
    )

    assert (report.races, report.rows, report.events_created) == (2, 11, 2)
    assert report.check.summary == "Trackside agrees with the sheet on 11 of 11 cars"
    assert "the sheet has no dates" in report.summary
    with storage.uow_factory() as uow:
        daytona = uow.events.get_by_key("truck-2023-daytona")
        entries = {e.car_number: e for e in uow.entries.list_for_event(daytona.id)}
        results = {r.car_number: r for r in uow.results.list_for_event(daytona.id)}
    assert daytona.track.length_millimiles == 2500 and daytona.round_no == 1
    assert results["38"].finish == 1 and results["38"].laps_led == 17
    assert results["19"].stage1 == 1 and results["19"].stage2 == 5
    assert not entries["35"].points_eligible  # Chase Elliott: 0 points on the sheet
    assert entries["38"].points_eligible
    assert ("truck", 2023) in changes.seasons
    assert verify_points(storage.uow_factory, "truck-2023-daytona", storage.rulesets).agreed == 7


def test_importing_the_sheet_again_changes_nothing(storage):
    import_season_sheet(storage.uow_factory(), storage.rulesets, "truck", 2023, read_csv(SHEET))

    report, changes = import_season_sheet(
        storage.uow_factory(), storage.rulesets, "truck", 2023, read_csv(SHEET)
    )

    assert report.events_created == 0 and not changes.entries and not changes.results


def test_a_bad_row_names_its_line_and_nothing_is_stored(storage):
    lines = SHEET.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[6] = "first"  # the Finish column
    lines[3] = ",".join(cells)

    with pytest.raises(ValidationError, match="line 4: finish 'first' is not a whole number"):
        import_season_sheet(
            storage.uow_factory(),
            storage.rulesets,
            "truck",
            2023,
            parse_csv("\n".join(lines), source="sheet.csv"),
        )

    with storage.uow_factory() as uow:
        assert uow.events.all() == []


def test_a_sheet_of_another_season_is_refused(storage):
    with pytest.raises(ValidationError, match="season 2023 is not 2024"):
        import_season_sheet(storage.uow_factory(), storage.rulesets, "truck", 2024, read_csv(SHEET))


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not present")
def test_the_real_2023_truck_season_agrees_but_for_the_finales_championship_four(storage):
    report, _ = import_season_sheet(
        storage.uow_factory(), storage.rulesets, "truck", 2023, read_csv(FULL)
    )

    assert (report.races, report.rows) == (23, 822)
    assert report.check.agreed == 818
    assert {d.car_number for d in report.check.differences} == {"11", "23", "42", "99"}
    assert all("gave no stage points" in d.reason for d in report.check.differences)
