"""Points over the season for the selected drivers: round across, points up, one line each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QVBoxLayout, QWidget

MAX_DRIVERS = 6  # more lines than this stop being readable
# Distinct hues that read on light and dark backgrounds.
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


class PointsChart(QWidget):
    """A dumb view: its curves are made once and only ever get `setData`.

    pyqtgraph is imported here, after PySide6, so it binds to PySide6 and costs nothing until
    the standings tab is built (DESIGN §6).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self.plot = pg.PlotWidget(self)
        self.plot.setBackground(None)  # follow the palette, light or dark
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", "Round")
        self.plot.setLabel("left", "Points")
        self.plot.setMinimumHeight(200)
        self._legend = self.plot.addLegend(offset=(10, 10))
        self._curves = [
            self.plot.plot(
                [],
                [],
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush=colour,
            )
            for colour in _PALETTE[:MAX_DRIVERS]
        ]
        self._names: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_progressions(self, rounds: Sequence[int], totals: Mapping[str, Sequence[int]]) -> None:
        """Each named driver's points after every round (the first MAX_DRIVERS are drawn)."""
        shown = list(totals.items())[:MAX_DRIVERS]
        self._legend.clear()
        for curve, (name, points) in zip(self._curves, shown, strict=False):
            curve.setData(list(rounds), list(points))
            curve.setVisible(True)
            self._legend.addItem(curve, name)
        for curve in self._curves[len(shown) :]:
            curve.setData([], [])
            curve.setVisible(False)
        self._names = [name for name, _ in shown]

    def names(self) -> list[str]:
        """The drivers drawn, in legend order."""
        return list(self._names)

    def curve_data(self, name: str) -> tuple[list[float], list[float]]:
        x, y = self._curves[self._names.index(name)].getData()
        return list(x), list(y)
