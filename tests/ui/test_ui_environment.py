"""main.py installs Qt's and OpenBLAS's threading for a two-core laptop (unless the user set
them) and the library patches (unless switched off); importing ui alone changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ("QT_NO_GUI_THREADPOOL", "OPENBLAS_NUM_THREADS")
REPORT = (
    "import json, os, sys\n"
    "SETUP\n"
    "feature = sys.modules.get('shibokensupport.feature')\n"
    "check = getattr(feature, '_mod_uses_pyside', None)\n"
    f"settings = {{k: os.environ.get(k) for k in {SETTINGS!r}}}\n"
    "print(json.dumps({**settings, 'patched': getattr(check, 'reads_bytes', False)}))\n"
)
INSTALLED = "from ui import start_up; start_up.install()"
IMPORTED_ONLY = "import ui, ui.app, ui.main_window"


def _after(setup: str, **given: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in (*SETTINGS, "TRACKSIDE_WORKAROUNDS")}
    env.update(given)
    done = subprocess.run(
        [sys.executable, "-c", REPORT.replace("SETUP", setup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_installing_turns_off_the_paint_thread_pool_and_openblas_workers_and_patches_the_hook():
    assert _after(INSTALLED) == {
        "QT_NO_GUI_THREADPOOL": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "patched": True,
    }


def test_a_users_own_settings_are_kept():
    kept = _after(INSTALLED, QT_NO_GUI_THREADPOOL="0", OPENBLAS_NUM_THREADS="4")
    assert (kept["QT_NO_GUI_THREADPOOL"], kept["OPENBLAS_NUM_THREADS"]) == ("0", "4")


def test_importing_ui_sets_nothing_and_patches_nothing():
    assert _after(IMPORTED_ONLY) == {
        "QT_NO_GUI_THREADPOOL": None,
        "OPENBLAS_NUM_THREADS": None,
        "patched": False,
    }


def test_the_switch_leaves_the_libraries_as_shipped_but_keeps_the_threading_settings():
    assert _after(INSTALLED, TRACKSIDE_WORKAROUNDS="off") == {
        "QT_NO_GUI_THREADPOOL": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "patched": False,
    }


def test_with_the_switch_off_pyqtgraph_keeps_its_own_copied_mirrors():
    probe = (
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.pyside_imports import import_pyqtgraph\n"
        "app = QApplication([])\n"
        "import_pyqtgraph()\n"
        "from pyqtgraph.Qt import QtCore\n"
        "print('__getattr__' in vars(QtCore), 'QPointF' in vars(QtCore))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    off = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**env, "TRACKSIDE_WORKAROUNDS": "off"},
        capture_output=True,
        text=True,
        check=True,
    )
    on = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert off.stdout.split() == ["False", "True"]  # every name copied in, as shipped
    assert on.stdout.split() == ["True", "False"]  # names looked up on first use
