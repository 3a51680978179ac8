"""The desktop app: widgets, Qt models and charts. Every rule comes from domain/.

Importing it sets what must be set before Qt paints or numpy loads (DESIGN §6):

- `QT_NO_GUI_THREADPOOL`: Qt's raster painter splits any fill taller than ~96 lines (a table's
  background, a scroll bar's groove) into tasks for a thread pool and waits for them. On a
  two-core laptop the thread wake-ups cost far more than the fill: a scroll bar took 1.4 ms to
  paint instead of 0.15 ms, the whole main window 7-10 ms instead of 1.5-2.5 ms.
- `OPENBLAS_NUM_THREADS=1`: numpy (loaded for the charts) would start one OpenBLAS worker per
  core, to spin beside the GUI thread; the charts never multiply matrices. numpy then imports
  in 63 ms instead of 81 ms (median of 12 interleaved processes).
- A user who sets either variable keeps their own value.
- PySide6's import hook, made cheaper (ui/pyside_imports.py).
"""

import os

from ui import pyside_imports

os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
pyside_imports.install()
