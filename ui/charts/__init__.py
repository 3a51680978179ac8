"""pyqtgraph charts: dumb views whose items are made once and updated with setData."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pyside_imports import import_pyqtgraph

if TYPE_CHECKING:  # pyqtgraph, a slow import, loads when the first chart is made (DESIGN §6)
    import pyqtgraph as pg


class PlotGate(QObject):
    """Held by a window while it gets ready: a chart made meanwhile makes its plot once the gate
    opens. DESIGN §6 lets charts finish after ready; pyqtgraph's import (~250 ms) is most of
    what a chart tab adds to start-up, and the board beside the chart does not wait for it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(type(self).__name__)
        self._waiting: list[Callable[[], None]] | None = None  # None: open

    def close(self) -> None:
        if self._waiting is None:
            self._waiting = []

    def forget(self) -> None:
        """The charts that waited are gone (their window closed its database): drop them."""
        if self._waiting is not None:
            self._waiting.clear()

    def open(self) -> None:
        """Make every plot that waited, in the order their charts were made."""
        waiting, self._waiting = self._waiting or [], None
        for make in waiting:
            make()

    def wait_or_run(self, make: Callable[[], None]) -> None:
        if self._waiting is None:
            make()
        else:
            self._waiting.append(make)


def when_plots_may_load(chart: QWidget, make: Callable[[], None]) -> None:
    """Run `make` (the chart's plot) now, or when its window's PlotGate opens."""
    gate = chart.window().findChild(
        PlotGate, PlotGate.__name__, Qt.FindChildOption.FindDirectChildrenOnly
    )
    if gate is None:
        make()
    else:
        gate.wait_or_run(make)


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


class DeferredChart(QWidget):
    """A chart whose plot may wait for its window's PlotGate: data set meanwhile is kept and
    drawn once the plot exists. Updates are drawn at most once per event-loop turn (DESIGN §6)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot: pg.PlotWidget | None = None  # made by make_plot, maybe after ready
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(0)
        self._redraw.timeout.connect(self._draw_if_made)

    def plot_when_allowed(self) -> None:
        """Make the plot now, or when the window's PlotGate opens; subclasses call it last in
        their __init__, once the state `draw` reads exists."""
        when_plots_may_load(self, self._made)

    def viewport(self) -> QWidget:
        """The plot's drawing surface (what a repaint touches); the chart until it has one."""
        return self if self.plot is None else self.plot.viewport()

    def draw_soon(self) -> None:
        """Draw at the next turn (several updates in one turn cost one redraw)."""
        self._redraw.start()

    def make_plot(self) -> pg.PlotWidget:
        """The plot and its items (subclasses); called once, when plots may load."""
        raise NotImplementedError

    def draw(self) -> None:
        """Show the data set so far on the plot (subclasses)."""
        raise NotImplementedError

    def _made(self) -> None:
        self.plot = self.make_plot()
        self.draw()  # what was set while the plot waited

    def _draw_if_made(self) -> None:
        if self.plot is not None:
            self.draw()
