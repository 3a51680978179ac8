"""What must be set before Qt paints or numpy loads (DESIGN §6); main.py installs it first.

- `QT_NO_GUI_THREADPOOL=1`: Qt's raster painter splits any fill taller than ~96 lines (a
  table's background, a scroll bar's groove) into tasks for a thread pool and waits for them;
  on a two-core laptop the wake-ups cost far more than the fill (docs/BENCHMARKS.md).
- `OPENBLAS_NUM_THREADS=1`: numpy (loaded for the charts) would start one OpenBLAS worker per
  core, to spin beside the GUI thread; the charts never multiply matrices.
- A user who sets either variable keeps their own value.
- PySide6's import hook and pyqtgraph's Qt mirrors, made cheaper (ui/pyside_imports.py). These
  patch library internals, so pyproject.toml bounds the versions they were checked against,
  and `TRACKSIDE_WORKAROUNDS=off` runs both libraries exactly as shipped (a slower start, the
  same app) should a new release change what they patch.
"""

from __future__ import annotations

import os

SWITCH = "TRACKSIDE_WORKAROUNDS"  # "off" (or "0", "no", "false"): no library patches
_OFF = frozenset({"off", "0", "no", "false"})
THREAD_SETTINGS = {"QT_NO_GUI_THREADPOOL": "1", "OPENBLAS_NUM_THREADS": "1"}


def workarounds_enabled() -> bool:
    """False when the user switched the library patches off."""
    return os.environ.get(SWITCH, "").strip().lower() not in _OFF


def install() -> bool:
    """Set the threading variables (unless set) and, unless switched off, patch PySide6's
    import hook. Returns whether the patches are in. Call before QApplication exists."""
    for name, value in THREAD_SETTINGS.items():
        os.environ.setdefault(name, value)
    if not workarounds_enabled():
        return False
    from ui import pyside_imports  # imports PySide6: only on the way to the window

    return pyside_imports.install()
