"""PySide6 and pyqtgraph imported without the work start-up never uses (DESIGN §6).

Two costs of a Qualifying-first start (measured: docs/BENCHMARKS.md, "Start-up workarounds"):

- Once PySide6 is loaded, shiboken's import hook asks of every later module whether it uses
  PySide6 (for `from __feature__ import ...`, PYSIDE-2029) by running `inspect.getsource()` on
  it; the app imports about 600 modules after its window shows. `install()` answers from the
  file's bytes instead. main.py calls it through ui/start_up.py.
- pyqtgraph mirrors PySide6's QtCore, QtGui and QtWidgets by copying every attribute, which
  makes PySide6 build all ~700 classes and their ~600 Python enums at once.
  `import_pyqtgraph()` gives it mirrors that look names up in PySide6 on first use instead.

Both patch library internals: pyproject.toml bounds PySide6 and pyqtgraph to the versions they
were checked against, and `TRACKSIDE_WORKAROUNDS=off` (ui/start_up.py) turns both off.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook whose check is replaced below)

from ui.start_up import workarounds_enabled

_FEATURE_MODULE = "shibokensupport.feature"
_MIRRORED = ("QtCore", "QtGui", "QtWidgets")  # pyqtgraph.Qt's copies of these PySide6 modules


def install() -> bool:
    """Replace the check, once; False if this PySide6 has no such check (nothing to do)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, "reads_bytes", False):
        return True
    setattr(feature, "_mod_uses_pyside", bytes_check(original))  # noqa: B010  (a module's)
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

    vars(mod_uses_pyside).update(reads_bytes=True, __wrapped__=original)
    return mod_uses_pyside


def import_pyqtgraph() -> ModuleType:
    """pyqtgraph, bound to PySide6; the first call imports it with lazy Qt mirrors.

    pyqtgraph.Qt fills its (empty) QtCore, QtGui and QtWidgets packages with
    `for name in dir(PySide6.QtX): setattr(mirror, name, getattr(PySide6.QtX, name))`. Here
    each mirror is made first, answering any name it lacks from PySide6 (PEP 562), and for the
    length of the import PySide6's modules list no names, so the copy has nothing to do.
    pyqtgraph's own changes to its mirrors (QtGui.QFileSystemModel, ...) land as before.
    """
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    if not workarounds_enabled():
        return importlib.import_module("pyqtgraph")
    sources = [importlib.import_module(f"PySide6.{name}") for name in _MIRRORED]
    listings = {source: vars(source).get("__dir__") for source in sources}
    qt_folder = _package_folder("pyqtgraph.Qt", _package_folder("pyqtgraph"))
    for name, source in zip(_MIRRORED, sources, strict=True):
        mirror = _lazy_mirror(_spec(f"pyqtgraph.Qt.{name}", qt_folder), source)
        sys.modules[mirror.__name__] = mirror
        vars(source)["__dir__"] = list
    try:
        return importlib.import_module("pyqtgraph")
    finally:
        for source, listing in listings.items():
            if listing is None:
                del vars(source)["__dir__"]
            else:
                vars(source)["__dir__"] = listing


def _spec(name: str, folder: Sequence[str] | None = None) -> ModuleSpec:
    spec = PathFinder.find_spec(name, folder) if folder else importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"{name} is not installed; reinstall Trackside's requirements")
    return spec


def _package_folder(name: str, folder: Sequence[str] | None = None) -> list[str]:
    return list(_spec(name, folder).submodule_search_locations or [])


def _lazy_mirror(spec: ModuleSpec, source: ModuleType) -> ModuleType:
    """pyqtgraph's own (empty) mirror package, answering the names it lacks from `source`."""
    mirror = importlib.util.module_from_spec(spec)
    assert spec.loader is not None, "_spec found a loader"
    spec.loader.exec_module(mirror)
    vars(mirror).update(
        __getattr__=functools.partial(getattr, source),
        __dir__=lambda: sorted(set(vars(mirror)) | set(dir(source))),
    )
    return mirror
