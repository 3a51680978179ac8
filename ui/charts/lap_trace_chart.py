"""Lap-time traces of the selected cars: lap number across, seconds up, one line per car."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from ui.charts import DeferredChart, new_plot
from ui.charts.axis_cache import cache_axes
from ui.pyside_imports import import_pyqtgraph

if TYPE_CHECKING:
    import pyqtgraph as pg

# The lap axis grows this many laps at a time: a new lap rarely re-renders the axes (DESIGN §6).
LAP_AXIS_STEP = 10
EMPTY_SECONDS_RANGE = 100  # an empty chart's time axis: 0, 20 … 100 s
# Distinct hues that read on light and dark backgrounds.
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


class LapTraceChart(DeferredChart):
    """One curve per car, reused: a new lap is one `setData` at the next event-loop turn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self._last_lap_shown = 0
        self._empty_axes: bool | None = None  # the time axis as last fitted
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._traces: dict[str, list[tuple[int, int]]] = {}
        self._drawn: dict[str, list[tuple[int, int]]] = {}
        self.plot_when_allowed()

    def make_plot(self) -> pg.PlotWidget:
        plot = new_plot(self)
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setLabel("bottom", "Lap in the car's run")
        plot.setLabel("left", "Lap time", units="s")
        cache_axes(plot)
        plot.getAxis("bottom").setTickSpacing(5, 1)  # whole laps only
        text = self.palette().color(QPalette.ColorRole.Text)
        plot.addLegend(offset=(-10, 10), labelTextColor=text, labelTextSize="11pt")
        plot.getPlotItem().enableAutoRange(x=False)
        return plot

    def set_traces(self, traces: Mapping[str, Sequence[tuple[int, int]]]) -> None:
        """Show each car's (lap number, ms) points at the next turn; a missing lap leaves a gap."""
        self._traces = {car: list(points) for car, points in traces.items()}
        if self._traces != self._drawn:
            self.draw_soon()

    def cars(self) -> list[str]:
        return list(self._traces)

    def draw(self) -> None:
        assert self.plot is not None
        for car in [car for car in self._curves if car not in self._traces]:
            self.plot.removeItem(self._curves.pop(car))
            self._drawn.pop(car, None)
        for car, points in self._traces.items():
            if self._drawn.get(car) != points:  # only the cars whose laps changed
                curve = self._curves.get(car) or self._add_curve(car)
                curve.setData(*_with_gaps(points), connect="finite")
        self._drawn = dict(self._traces)
        self._fit_lap_axis()
        self._fit_time_axis()

    def _fit_time_axis(self) -> None:
        """No laps: whole seconds on an empty axis (not 0.2 s steps of a 0–1 range)."""
        empty = not any(self._traces.values())
        if empty == self._empty_axes:
            return  # the lap path changes nothing here (DESIGN §6)
        self._empty_axes = empty
        assert self.plot is not None
        item = self.plot.getPlotItem()
        if empty:
            item.enableAutoRange(y=False)
            self.plot.setYRange(0, EMPTY_SECONDS_RANGE, padding=0)
        else:
            item.enableAutoRange(y=True)

    def _fit_lap_axis(self) -> None:
        last = max((lap for points in self._traces.values() for lap, _ in points), default=0)
        shown = (last // LAP_AXIS_STEP + 1) * LAP_AXIS_STEP
        if shown != self._last_lap_shown:
            self._last_lap_shown = shown
            assert self.plot is not None
            self.plot.setXRange(0.5, shown + 0.5, padding=0)

    def _add_curve(self, car: str) -> pg.PlotDataItem:
        pg = import_pyqtgraph()  # loaded already: the plot is made
        assert self.plot is not None
        colour = _PALETTE[len(self._curves) % len(_PALETTE)]
        curve = self.plot.plot(
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
