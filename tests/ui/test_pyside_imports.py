"""Faster imports that change nothing: PySide6's own answers, pyqtgraph's own names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import PySide6.QtCore
import PySide6.QtWidgets

import domain.model  # noqa: F401  (a loaded module that does not use PySide6)
from ui import app, pyside_imports, start_up  # noqa: F401  (ui.app uses PySide6)
from ui.pyside_imports import import_pyqtgraph

ROOT = Path(__file__).resolve().parents[2]


def _check():
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_installing_twice_wraps_the_check_once():
    assert start_up.install() is True
    assert pyside_imports.install() is True
    check = _check()
    assert check.reads_bytes
    assert not getattr(check.__wrapped__, "reads_bytes", False)  # not wrapped twice


def test_the_check_agrees_with_pyside6_on_every_loaded_module():
    check = _check()
    modules = [
        module
        for module in list(sys.modules.values())
        if isinstance(getattr(module, "__file__", None), str) and module.__file__.endswith(".py")
    ]
    assert len(modules) > 300
    answers = {module.__name__: check(module) for module in modules}
    assert answers == {module.__name__: check.__wrapped__(module) for module in modules}
    assert answers["ui.app"] is True
    assert answers["domain.model"] is False


def test_a_module_without_a_readable_file_gets_pysides_own_answer(tmp_path):
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    asked = []
    check = pyside_imports.bytes_check(lambda module: asked.append(module) or False)
    assert check(gone) is False
    assert asked == [gone]


# Prints every public name of pyqtgraph's three Qt mirrors with what it stands for, after
# importing pyqtgraph plainly or through import_pyqtgraph(), then draws a chart with it.
_MIRRORS_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from ui.pyside_imports import import_pyqtgraph
app = QApplication([])
pg = import_pyqtgraph() if sys.argv[1] == "lazy" else __import__("pyqtgraph")
from pyqtgraph.Qt import QtCore, QtGui, QtWidgets

def meaning(value):
    name = getattr(value, "__qualname__", None)
    return f"{getattr(value, '__module__', None)}.{name}" if name else repr(value)

report = {
    f"{mirror.__name__}.{name}": meaning(getattr(mirror, name))
    for mirror in (QtCore, QtGui, QtWidgets)
    for name in dir(mirror)
    if not name.startswith("__")
}
plot = pg.PlotWidget()
plot.addItem(pg.BarGraphItem(x=[0, 1], height=[0.2, -0.4], width=0.7, brush="g"))
plot.addItem(pg.InfiniteLine(pos=0, angle=0, label="cutoff"))
plot.resize(300, 200)
report["drawn"] = not plot.grab().toImage().isNull()
print(json.dumps(report))
"""


def _mirrors(how: str) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _MIRRORS_PROBE, how],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_lazy_mirrors_give_pyqtgraph_every_name_the_copied_ones_did():
    plain, lazy = _mirrors("plain"), _mirrors("lazy")
    assert len(plain) > 600
    assert lazy == plain
    assert lazy["drawn"] is True
    assert lazy["pyqtgraph.Qt.QtCore.QPointF"] == "PySide6.QtCore.QPointF"
    # pyqtgraph's own patch of its mirror still lands on the mirror
    assert lazy["pyqtgraph.Qt.QtGui.QFileSystemModel"] == "PySide6.QtWidgets.QFileSystemModel"


def test_pyside6_modules_list_their_names_again_after_the_import():
    import_pyqtgraph()
    assert "QPointF" in dir(PySide6.QtCore)
    assert "QPushButton" in dir(PySide6.QtWidgets)
