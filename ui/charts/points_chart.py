"""Points over the season for the selected drivers: round across, points up, one line each."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.charts import follow_palette
from ui.pyside_imports import import_pyqtgraph

MAX_DRIVERS = 6  # more lines than this stop being readable
MAX_ROUND_TICKS = 12  # more rounds than this: label every second (third…) one
EMPTY_POINTS_RANGE = 50  # an empty chart still reads as points: 0, 10 … 50
# Distinct hues that read on light and dark backgrounds.
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


class PointsChart(QWidget):
    """A dumb view: its curves are made once and only ever get `setData`.

    The plot is made when the chart is first shown (or first asked for a curve), so pyqtgraph
    (~0.25 s to import) is not loaded while the window opens (DESIGN §6); progressions set
    before that are kept and drawn then.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot: Any = None  # a pyqtgraph PlotWidget, made on first use (DESIGN §6)
        self._legend: Any = None
        self._curves: list = []
        self._shown: list[tuple[str, list[int]]] = []
        self._rounds: list[int] = []
        self.setMinimumHeight(200)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def _ensure_plot(self) -> None:
        if self.plot is not None:
            return
        pg = import_pyqtgraph()
        self.plot = pg.PlotWidget(self)
        follow_palette(self.plot)  # light or dark
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", "Round")
        self.plot.setLabel("left", "Points")
        text = self.palette().color(QPalette.ColorRole.Text)
        self._legend = self.plot.addLegend(offset=(10, 10), labelTextColor=text)
        self._curves = [
            self.plot.plot(
                [], [], pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6,
                symbolBrush=colour,
            )
            for colour in _PALETTE[:MAX_DRIVERS]
        ]  # fmt: skip
        self._layout.addWidget(self.plot)
        self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_plot()
        super().showEvent(event)

    def set_progressions(self, rounds: Sequence[int], totals: Mapping[str, Sequence[int]]) -> None:
        """Each named driver's points after every round (the first MAX_DRIVERS are drawn)."""
        self._rounds = list(rounds)
        self._shown = [(name, list(points)) for name, points in totals.items()][:MAX_DRIVERS]
        if self.plot is not None:
            self._draw()

    def _draw(self) -> None:
        self._legend.clear()
        for curve, (name, points) in zip(self._curves, self._shown, strict=False):
            curve.setData(self._rounds, points)
            curve.setVisible(True)
            self._legend.addItem(curve, name)
        for curve in self._curves[len(self._shown) :]:
            curve.setData([], [])
            curve.setVisible(False)
        self._whole_number_axes()

    def _whole_number_axes(self) -> None:
        """Rounds and points are whole numbers: no 0.5 round, no 0.2 points on an empty chart."""
        rounds = self._rounds or [1]
        step = max(1, math.ceil(len(rounds) / MAX_ROUND_TICKS))
        self.plot.getAxis("bottom").setTicks([[(r, str(r)) for r in rounds[::step]], []])
        if not any(points for _, points in self._shown):
            self.plot.setXRange(min(rounds) - 0.5, max(rounds) + 0.5, padding=0)
            self.plot.setYRange(0, EMPTY_POINTS_RANGE, padding=0)
            ticks = range(0, EMPTY_POINTS_RANGE + 1, EMPTY_POINTS_RANGE // 5)
            self.plot.getAxis("left").setTicks([[(t, str(t)) for t in ticks], []])
        else:
            self.plot.getAxis("left").setTicks(None)  # pyqtgraph's own ticks for real points
            self.plot.enableAutoRange()

    def names(self) -> list[str]:
        """The drivers drawn, in legend order."""
        return [name for name, _ in self._shown]

    def curve_data(self, name: str) -> tuple[list[float], list[float]]:
        self._ensure_plot()
        x, y = self._curves[self.names().index(name)].getData()
        return list(x), list(y)
