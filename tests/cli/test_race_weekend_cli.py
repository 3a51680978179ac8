"""declare-oep, event-rules, add-duels and import-results --session from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import KEY, SAMPLES, new_weekend_db, trackside


def test_a_duel_is_added_declared_and_imported_like_a_race(tmp_path: Path) -> None:
    db = new_weekend_db(tmp_path / "weekend.db")
    assert trackside(db, "import-entries", KEY, str(SAMPLES / "entries.csv")).returncode == 0
    duel = tmp_path / "duel1.csv"
    duel.write_text("finish,car\n1,88\n2,45\n", encoding="utf-8")
    refused = trackside(db, "import-results", KEY, str(duel), "--session", "Duel 1")
    assert refused.returncode == 1
    assert "no race-like session “Duel 1”" in refused.stderr
    added = trackside(db, "add-duels", KEY)
    assert added.stdout.strip() == f"{KEY}: added Duel 1, Duel 2"  # qualifying was there
    imported = trackside(db, "import-results", KEY, str(duel), "--session", "Duel 1")
    assert imported.stdout.strip() == "duel1.csv: 2 added, 0 updated, 0 already there"
    again = trackside(db, "import-results", KEY, str(duel), "--session", "Duel 1")
    assert again.stdout.strip() == "duel1.csv: 0 added, 0 updated, 2 already there"


def test_the_oep_car_is_declared_and_a_chartered_car_is_refused(tmp_path: Path) -> None:
    db = new_weekend_db(tmp_path / "weekend.db")
    trackside(db, "import-entries", KEY, str(SAMPLES / "entries.csv"))
    declared = trackside(db, "declare-oep", KEY, "78")
    assert declared.stdout.strip() == f"{KEY}: No. 78 holds the Open Exemption Provisional"
    cleared = trackside(db, "declare-oep", KEY, "none")
    assert cleared.stdout.strip() == f"{KEY}: no car holds the Open Exemption Provisional"


def test_an_events_own_stages_and_exhibition_are_set_and_bad_values_refused(tmp_path: Path) -> None:
    db = new_weekend_db(tmp_path / "weekend.db")
    three = trackside(db, "event-rules", KEY, "--stages", "3")
    assert three.stdout.strip() == f"{KEY}: points-paying, 3 scored stages"
    clash = trackside(db, "event-rules", KEY, "--exhibition", "--stages", "pack")
    assert clash.stdout.strip() == f"{KEY}: an exhibition (no points), the pack's scored stages"
    bad = trackside(db, "event-rules", KEY, "--stages", "9")
    assert bad.returncode == 1 and "write 0 to 3" in bad.stderr
