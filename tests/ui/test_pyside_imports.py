"""The faster PySide6 import check gives PySide6's own answer for every loaded module."""

from __future__ import annotations

import sys
import types

import domain.model  # noqa: F401  (a loaded module that does not use PySide6)
import ui
from ui import app, pyside_imports  # noqa: F401  (ui.app uses PySide6)


def _check():
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_importing_ui_installs_the_check_once():
    assert ui.pyside_imports.install() is True
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
