"""The standings tab: driver and owner standings side by side, a breakdown and a points chart."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.changes import Changes
from domain.rules.standings import StandingRow
from domain.ruleset import PostseasonFormat
from domain.services import ScoredSeason
from ui.charts.points_chart import MAX_DRIVERS, PointsChart
from ui.context import AppContext
from ui.models.breakdown_table_model import BreakdownTableModel
from ui.models.standings_table_model import StandingsTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.tabs.lazy import LazyReload
from ui.tabs.season_facts import load_season
from ui.widgets.board_options import BoardOptions

DEFAULT_CHARTED = 5  # with nobody selected, the chart shows the top five


def sort_proxy(parent: QWidget, model: StandingsTableModel) -> ValueSortProxy:
    proxy = ValueSortProxy(parent)
    proxy.setSourceModel(model)
    return proxy


def sorted_table(
    parent: QWidget, proxy: ValueSortProxy, key: str, multi: bool = False
) -> QTableView:
    """A standings table that sorts by a click on a header; its header menu has Official order
    (the standings' own order: points, then the countback) and a column chooser."""
    table = make_table(parent, proxy, multi)
    table.setSortingEnabled(True)
    options = BoardOptions(table, key, stretch=(), sortable=True, sized=False)
    options.official_order()
    return table


def make_table(parent: QWidget, model, multi: bool = False) -> QTableView:
    """A read-only, row-selecting table sized to its contents."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.ExtendedSelection if multi else mode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the next field
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class StandingsTab(QWidget):
    """Everything here is derived from results on each change; nothing is typed over."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._facts = ScoredSeason()
        self.heading = QLabel(self)
        self.drivers = StandingsTableModel(owners=False, parent=self)
        self.owners = StandingsTableModel(owners=True, parent=self)
        self.breakdown = BreakdownTableModel(self)
        self.breakdown_title = QLabel(self)
        self._driver_order = sort_proxy(self, self.drivers)
        self._owner_order = sort_proxy(self, self.owners)
        self.driver_table = sorted_table(self, self._driver_order, "standings-drivers", multi=True)
        self.owner_table = sorted_table(self, self._owner_order, "standings-owners")
        self.breakdown_table = make_table(self, self.breakdown)
        self.chart = PointsChart(self)
        self._build()
        self.driver_table.selectionModel().selectionChanged.connect(self._driver_selection)
        self.owner_table.selectionModel().currentRowChanged.connect(self._owner_chosen)
        self._lazy = LazyReload(
            self,
            context,
            on_event=self.reload,
            on_data=self.reload,
            wants=Changes.touches_season_scores,
        )
        self._lazy.event_changed()

    def _build(self) -> None:
        tables = QSplitter(Qt.Orientation.Horizontal, self)
        for title, table in (("Drivers", self.driver_table), ("Owners", self.owner_table)):
            box = QWidget(tables)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(QLabel(f"<b>{title}</b>", box))
            layout.addWidget(table)
            tables.addWidget(box)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        breakdown_box = QWidget(lower)
        layout = QVBoxLayout(breakdown_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.breakdown_title)
        layout.addWidget(self.breakdown_table)
        lower.addWidget(breakdown_box)
        lower.addWidget(self.chart)
        outer = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(tables)
        outer.addWidget(lower)
        outer.setStretchFactor(0, 3)
        outer.setStretchFactor(1, 2)
        lower.setSizes([760, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(outer, 1)

    def reload(self) -> None:
        """Recompute the standings from the stored results, keeping the user's selection."""
        chosen = self.selected_driver_ids()
        self._facts = load_season(self._context)
        self.drivers.set_rows(self._facts.driver_standings)
        self.owners.set_rows(self._facts.owner_standings)
        self._show_heading()
        # With nobody chosen yet, the leaders are charted and the leader's races are shown.
        top = [row.driver for row in self.drivers.rows[:DEFAULT_CHARTED]]
        self._reselect(chosen or top)
        self._show_selection()

    def _show_heading(self) -> None:
        event = self._context.event
        if event is None:
            self.heading.setText("Choose a weekend to see the standings after it.")
            return
        races = self._facts.races_run
        series = self._facts.ruleset.name if self._facts.ruleset else event.series
        table = self._facts.postseason
        phase = ""
        if table is not None and table.started and table.format is not PostseasonFormat.NONE:
            phase = f" {table.phase}: points after the reset."
        self.heading.setText(
            f"<b>{series}</b>: standings after round {event.round_no} "
            f"({races} race{'' if races == 1 else 's'} with results).{phase} "
            "Select drivers to chart them."
        )

    def selected_driver_ids(self) -> list[UUID]:
        """The chosen drivers in standings order, however the table is sorted."""
        selected = self.driver_table.selectionModel().selectedRows()
        rows = sorted(self._driver_order.mapToSource(i).row() for i in selected)
        return [self.drivers.row_value(r).driver for r in rows]

    def select_drivers(self, driver_ids: list[UUID]) -> None:
        """Select these drivers (the breakdown shows the first, the chart draws them all)."""
        self._reselect(driver_ids)
        self._show_selection()

    def _reselect(self, driver_ids: list[UUID]) -> None:
        selection = self.driver_table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for driver_id in driver_ids:
            row = self.drivers.row_of_driver(driver_id)
            if row is not None:
                index = self._driver_order.mapFromSource(self.drivers.index(row, 0))
                selection.select(index, flags)

    def _driver_selection(self, *_: object) -> None:
        self._show_selection()

    def _show_selection(self) -> None:
        chosen = self.selected_driver_ids()
        first = self.drivers.row_of_driver(chosen[0]) if chosen else None
        self._show_breakdown(self.drivers.row_value(first) if first is not None else None)
        self._show_chart(chosen)

    def _owner_chosen(self, current, _previous=None) -> None:
        if current.isValid():
            row = self._owner_order.mapToSource(current).row()
            self._show_breakdown(self.owners.row_value(row))

    def _show_breakdown(self, row: StandingRow | None) -> None:
        if row is None:
            self.breakdown.set_lines((), {})
            self.breakdown_title.setText("Select a driver or an owner to see each race.")
            return
        self.breakdown.set_lines(row.breakdown, self._facts.race_names)
        # Imported seasons know only stage totals: empty S1/S2 columns would just take room.
        positions_known = any(
            line.stage1 is not None or line.stage2 is not None for line in row.breakdown
        )
        for header in ("S1", "S2"):
            column = self.breakdown.column_of(header)
            self.breakdown_table.setColumnHidden(column, not positions_known)
        self.breakdown_title.setText(f"<b>{row.name}</b>: {row.points} points, race by race")

    def _show_chart(self, chosen: list[UUID]) -> None:
        facts = self._facts
        if facts.ruleset is None:
            self.chart.set_progressions([], {})
            return
        progression = facts.progression
        totals = {facts.label(i): progression[i] for i in chosen[:MAX_DRIVERS] if i in progression}
        self.chart.set_progressions(facts.rounds, totals)
