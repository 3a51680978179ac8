"""The head revision kept in code matches the migrations; a file at it opens without Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from persistence import db
from persistence.storage import create_database, open_storage

ROOT = Path(__file__).resolve().parents[2]


def test_the_head_revision_constant_is_the_newest_migration() -> None:
    scripts = ScriptDirectory.from_config(db.alembic_config())
    assert scripts.get_current_head() == db.HEAD_REVISION


def test_a_file_already_at_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    path = create_database(str(tmp_path / "weekend.db"), demo=False)
    probe = (
        "import sys; from persistence.storage import open_storage;"
        f"open_storage({path!r}).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_a_file_behind_the_head_goes_through_alembic_on_open(tmp_path: Path, monkeypatch) -> None:
    path = create_database(str(tmp_path / "weekend.db"), demo=False)
    upgraded: list[object] = []
    real_upgrade = db.upgrade_to_head
    monkeypatch.setattr(db, "HEAD_REVISION", "0003_next")  # as if this app had a newer schema
    monkeypatch.setattr(db, "upgrade_to_head", lambda engine: upgraded.append(real_upgrade(engine)))
    open_storage(path).close()
    assert len(upgraded) == 1
