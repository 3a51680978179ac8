"""Users' own rule packs in <data folder>/rulesets load with the shipped ones when storage opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.errors import RuleSetError
from persistence.rulesets import SHIPPED_RULESETS
from persistence.storage import (
    DATA_DIR_VARIABLE,
    SqlStorage,
    create_database,
    open_storage,
    user_rulesets_dir,
)

TRUCK_2025 = (SHIPPED_RULESETS / "truck-2025.toml").read_text(encoding="utf-8")


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's rule pack folder, under a data folder of this test's own."""
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    folder = tmp_path / "data" / "rulesets"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def weekend_file(tmp_path: Path) -> str:
    return create_database(str(tmp_path / "weekend.db"), demo=False)


def _open(target: str) -> SqlStorage:
    storage = open_storage(target)
    storage.close()
    return storage


def test_the_users_rule_pack_folder_is_rulesets_in_the_data_folder(packs: Path) -> None:
    assert user_rulesets_dir() == packs


def test_a_series_of_the_users_own_is_on_the_opened_storage(packs: Path, weekend_file: str) -> None:
    arca = TRUCK_2025.replace('series = "truck"', 'series = "arca"').replace(
        'name = "NASCAR Craftsman Truck Series 2025"', 'name = "ARCA Menards Series 2025"'
    )
    (packs / "arca-2025.toml").write_text(arca, encoding="utf-8")
    rulesets = _open(weekend_file).rulesets
    assert rulesets["arca-2025"].name == "ARCA Menards Series 2025"
    assert rulesets["arca-2025"].source == str(packs / "arca-2025.toml")
    assert "cup-2025" in rulesets  # the shipped packs are still there


def test_a_users_pack_overrides_the_shipped_pack_with_the_same_name(
    packs: Path, weekend_file: str
) -> None:
    shorter = TRUCK_2025.replace("starting_field = 36", "starting_field = 34")
    (packs / "truck-2025.toml").write_text(shorter, encoding="utf-8")
    truck = _open(weekend_file).rulesets["truck-2025"]
    assert truck.field.starting_field == 34
    assert truck.source == str(packs / "truck-2025.toml")


def test_without_a_users_folder_the_shipped_packs_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, weekend_file: str
) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "no data yet"))
    rulesets = _open(weekend_file).rulesets
    assert rulesets["truck-2025"].source == str(SHIPPED_RULESETS / "truck-2025.toml")


def test_a_bad_users_pack_is_refused_with_its_file_key_and_folder(
    packs: Path, weekend_file: str
) -> None:
    broken = TRUCK_2025.replace("starting_field = 36", 'starting_field = "thirty-six"')
    (packs / "truck-2025.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(RuleSetError) as refused:
        open_storage(weekend_file)
    message = str(refused.value)
    assert message.startswith("truck-2025.toml: [field] starting_field must be a whole number")
    assert f"in your rule pack folder {packs}" in message
    assert "fix it, or move it out of that folder" in message


def test_a_users_pack_that_is_not_toml_names_the_file(packs: Path, weekend_file: str) -> None:
    (packs / "late-models-2026.toml").write_text("series = late models\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"late-models-2026\.toml is not a valid rule pack"):
        open_storage(weekend_file)
