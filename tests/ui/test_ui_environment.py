"""Importing ui sets Qt's and OpenBLAS's threading for a two-core laptop, unless the user did."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ("QT_NO_GUI_THREADPOOL", "OPENBLAS_NUM_THREADS")
SHOW = f"import json, os, ui; print(json.dumps({{k: os.environ.get(k) for k in {SETTINGS!r}}}))"


def _settings_after_import(**given: str) -> dict[str, str | None]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update(given)
    done = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_ui_turns_off_the_paint_thread_pool_and_openblas_workers():
    assert _settings_after_import() == {"QT_NO_GUI_THREADPOOL": "1", "OPENBLAS_NUM_THREADS": "1"}


def test_a_users_own_settings_are_kept():
    kept = _settings_after_import(QT_NO_GUI_THREADPOOL="0", OPENBLAS_NUM_THREADS="4")
    assert kept == {"QT_NO_GUI_THREADPOOL": "0", "OPENBLAS_NUM_THREADS": "4"}
