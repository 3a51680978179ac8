"""pyqtgraph charts: dumb views whose items are made once and updated with setData."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pyside_imports import import_pyqtgraph

if TYPE_CHECKING:  # pyqtgraph, a slow import, loads when the first chart is made (DESIGN §6)
    import pyqtgraph as pg


def new_plot(holder: QWidget) -> pg.PlotWidget:
    """A plot filling `holder`: the first call imports pyqtgraph, after PySide6 (STYLE)."""
    pg = import_pyqtgraph()

    plot = pg.PlotWidget(holder)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(plot)
    follow_palette(plot)
    return plot


def follow_palette(plot: pg.PlotWidget) -> None:
    """Transparent background and axis text in the palette's text colour: light and dark."""
    plot.setBackground(None)
    text = plot.palette().color(QPalette.ColorRole.Text)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setTextPen(text)
        axis.setPen(text)
        axis.label.setDefaultTextColor(text)
