"""Axes kept as cached pixmaps: a live chart's axes are redrawn only when their ticks change.

pyqtgraph replays each axis' recorded drawing (text and ticks) on every repaint that touches
it, which made a new lap on a chart cost more than a frame (docs/BENCHMARKS.md). Cached, a
repaint that leaves the ticks alone is a pixmap copy (DESIGN §6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    import pyqtgraph as pg


def cache_axes(plot: pg.PlotWidget) -> None:
    """Cache the left and bottom axes in device coordinates (they never rotate or scale)."""
    for side in ("left", "bottom"):
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
