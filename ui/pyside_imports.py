"""PySide6's per-import source scan, answered from the file's bytes.

Once PySide6 is loaded, shiboken's import hook asks of every module imported afterwards
whether it uses PySide6 (for `from __feature__ import ...`, PYSIDE-2029), by running
`inspect.getsource()` on it and looking for "PySide6". The app shows its window first and then
imports SQLAlchemy, SQLModel, numpy and pyqtgraph, about 600 modules, so that scan alone cost
150-250 ms of start-up here. Reading the file's bytes answers the same question in a fraction
of the time; anything that is not a plain .py file still goes to PySide6's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook whose check is replaced below)

_FEATURE_MODULE = "shibokensupport.feature"


def install() -> bool:
    """Replace the check, once; False if this PySide6 has no such check (nothing to do)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, "reads_bytes", False):
        return True
    feature._mod_uses_pyside = bytes_check(original)
    return True


def bytes_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """`original`'s answer for a module with a .py file, from the file's bytes."""

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside.reads_bytes = True
    mod_uses_pyside.__wrapped__ = original
    return mod_uses_pyside
