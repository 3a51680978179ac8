"""Lap-time traces of the selected cars: lap number across, seconds up, one line per car."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyqtgraph as pg
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from ui.charts import follow_palette

# Distinct hues that read on light and dark backgrounds.
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


class LapTraceChart(pg.PlotWidget):
    """Keeps one curve per car and reuses it; a new lap is a `setData`, never a redraw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.showGrid(x=True, y=True, alpha=0.25)
        self.setLabel("bottom", "Lap in the car's run")
        self.setLabel("left", "Lap time", units="s")
        follow_palette(self)
        self.getAxis("bottom").setTickSpacing(5, 1)  # whole laps only
        text = self.palette().color(QPalette.ColorRole.Text)
        self.addLegend(offset=(-10, 10), labelTextColor=text, labelTextSize="11pt")
        self.setMinimumHeight(220)
        self._curves: dict[str, pg.PlotDataItem] = {}

    def set_traces(self, traces: Mapping[str, Sequence[tuple[int, int]]]) -> None:
        """Show each car's (lap number, ms) points; a missing lap number leaves a gap."""
        for car in [car for car in self._curves if car not in traces]:
            self.removeItem(self._curves.pop(car))
        for car, points in traces.items():
            curve = self._curves.get(car) or self._add_curve(car)
            curve.setData(*_with_gaps(points), connect="finite")

    def cars(self) -> list[str]:
        return list(self._curves)

    def _add_curve(self, car: str) -> pg.PlotDataItem:
        colour = _PALETTE[len(self._curves) % len(_PALETTE)]
        curve = self.plot(
            [],
            [],
            name=f"No. {car}",
            pen=pg.mkPen(colour, width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=colour,
        )
        self._curves[car] = curve
        return curve


def _with_gaps(points: Sequence[tuple[int, int]]) -> tuple[list[int], list[float]]:
    """Lap numbers 1..last with NaN where a flagged lap was left out, so the line breaks there."""
    by_lap = dict(points)
    last = max(by_lap, default=0)
    xs = list(range(1, last + 1))
    # Float seconds only for plotting; every figure shown as text stays integer ms.
    return xs, [by_lap[x] / 1000 if x in by_lap else float("nan") for x in xs]
