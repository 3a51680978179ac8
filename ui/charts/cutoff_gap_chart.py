"""Each car's gap to the cutoff as a bar around a zero line: inside the field green, out red."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.charts import DeferredChart, new_plot
from ui.charts.axis_cache import cache_axes
from ui.pyside_imports import import_pyqtgraph
from ui.theme import IN_COLOUR, OUT_COLOUR

if TYPE_CHECKING:
    import pyqtgraph as pg

STUB_SHARE = 0.02
STUB_MIN_MS = 5


@dataclass(frozen=True, slots=True)
class CutoffBar:
    car_number: str
    gap_to_cutoff_ms: int  # positive: slower than the cutoff time
    inside: bool  # in the field (by the domain's status, not by the sign)


class CutoffGapChart(DeferredChart):
    """Two bar items (in, out) and the cutoff line are made once and updated with setOpts.

    Bars are redrawn once per event-loop turn at most, and only when they changed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(200)
        self._bars: list[CutoffBar] = []
        self._drawn: list[CutoffBar] = []
        self._ticks: list[tuple[int, str]] = []
        self.plot_when_allowed()

    def make_plot(self) -> pg.PlotWidget:
        plot = new_plot(self)
        pg = import_pyqtgraph()  # loaded by new_plot; here for the items
        plot.showGrid(y=True, alpha=0.25)
        plot.setLabel("left", "To cutoff (s)")
        cache_axes(plot)
        plot.setMenuEnabled(False)
        self._in = pg.BarGraphItem(x=[], height=[], width=0.7, brush=IN_COLOUR, pen=None)
        self._out = pg.BarGraphItem(x=[], height=[], width=0.7, brush=OUT_COLOUR, pen=None)
        plot.addItem(self._in)
        plot.addItem(self._out)
        line_pen = pg.mkPen(OUT_COLOUR, width=2, style=Qt.PenStyle.DashLine)
        cutoff = pg.InfiniteLine(
            pos=0,
            angle=0,
            pen=line_pen,
            label="cutoff (below: faster)",
            labelOpts={"position": 0.0, "color": OUT_COLOUR, "anchors": [(0, 1), (0, 1)]},
        )
        plot.addItem(cutoff)
        _whole_seconds_when_empty(plot, True)  # made before any car has a time
        return plot

    def set_bars(self, bars: Sequence[CutoffBar]) -> None:
        """Bars in board order; cars without a time have no bar. Drawn at the next turn."""
        self._bars = list(bars)
        if self._bars != self._drawn:
            self.draw_soon()

    def bars(self) -> list[CutoffBar]:
        return list(self._bars)

    def drawn_heights(self) -> dict[str, float]:
        """Each car's bar as drawn, in seconds (negative: inside the field)."""
        heights: dict[str, float] = {}
        if self.plot is None:
            return heights
        for item in (self._in, self._out):
            for x, height in zip(item.opts["x"], item.opts["height"], strict=True):
                heights[self._drawn[int(x)].car_number] = float(height)
        return heights

    def draw(self) -> None:
        assert self.plot is not None
        self._drawn = self._bars
        stub = _stub_height(self._bars)
        for item, inside in ((self._in, True), (self._out, False)):
            shown = [(i, b) for i, b in enumerate(self._bars) if b.inside is inside]
            item.setOpts(x=[i for i, _ in shown], height=[_height(b, stub) for _, b in shown])
        ticks = [(i, b.car_number) for i, b in enumerate(self._bars)]
        if ticks != self._ticks:  # new ticks re-render the axis: only when the cars change
            self._ticks = ticks
            self.plot.getAxis("bottom").setTicks([ticks])
            _whole_seconds_when_empty(self.plot, not ticks)


def _whole_seconds_when_empty(plot: pg.PlotWidget, empty: bool) -> None:
    """No open car has a time yet: −1, 0, +1 s on the gap axis, not 0.2 s steps of 0–1."""
    left, item = plot.getAxis("left"), plot.getPlotItem()
    if empty:
        item.enableAutoRange(y=False)
        plot.setYRange(-1, 1, padding=0.1)
        left.setTicks([[(-1, "-1"), (0, "0"), (1, "+1")], []])
    else:
        left.setTicks(None)
        item.enableAutoRange(y=True)


def _stub_height(bars: Sequence[CutoffBar]) -> float:
    """A sliver (2% of the tallest bar, at least 5 ms) for a car exactly on the cutoff."""
    tallest = max((abs(b.gap_to_cutoff_ms) for b in bars), default=0)
    return max(tallest * STUB_SHARE, STUB_MIN_MS) / 1000


def _height(bar: CutoffBar, stub: float) -> float:
    """Seconds to the cutoff; the car on it gets a sliver on its side of the line, not nothing."""
    if bar.gap_to_cutoff_ms:
        return bar.gap_to_cutoff_ms / 1000
    return -stub if bar.inside else stub
