"""pyqtgraph charts: dumb views whose items are made once and updated with setData."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QPalette


def follow_palette(plot: pg.PlotWidget) -> None:
    """Transparent background and axis text in the palette's text colour: light and dark."""
    plot.setBackground(None)
    text = plot.palette().color(QPalette.ColorRole.Text)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setTextPen(text)
        axis.setPen(text)
        axis.label.setDefaultTextColor(text)
