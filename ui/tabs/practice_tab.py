"""Practice: log laps from the keyboard, see the practice board and lap-time traces."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from domain import services
from domain.changes import Changes
from domain.model import Session, SessionKind
from domain.rules.live_board import LivePracticeBoard
from domain.rules.practice import PracticeRow
from ui.charts.lap_trace_chart import LapTraceChart
from ui.context import AppContext
from ui.models.practice_table_model import PracticeTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.tabs.lap_session_tab import LapSessionTab
from ui.widgets.board_options import BoardOptions
from ui.widgets.table_view import make_table

DEFAULT_TRACES = 3  # with nothing selected, the fastest three cars are drawn


class PracticeTab(LapSessionTab):
    """Holds the session's live practice board: a logged lap recomputes its car's row only.

    The weekend, entries and sessions reload lazily (ui/tabs/lazy.py); every lap notice on the
    bus, from this tab or anywhere else, is applied to the live board and painted when in sight.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, SessionKind.PRACTICE, parent)
        self._drivers: dict[str, str] = {}
        self._live: LivePracticeBoard | None = None
        self.board = PracticeTableModel(self)
        self._proxy = ValueSortProxy(self)
        self._proxy.setSourceModel(self.board)
        self.board_view = make_table(self, sortable=True)
        self.board_view.setModel(self._proxy)
        self.board_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.board_options = BoardOptions(
            self.board_view, "practice", stretch=(2,), sortable=True, official_column=0
        )
        self.chart = LapTraceChart(self)
        right = QSplitter(Qt.Orientation.Vertical, self)
        board_box = QWidget(right)
        board_layout = QVBoxLayout(board_box)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(QLabel("Practice board (flagged laps left out of bests)", board_box))
        board_layout.addWidget(self.board_view)
        right.addWidget(board_box)
        right.addWidget(self.chart)
        right.setSizes([500, 340])
        self._lay_out("Session", [], right, self.chart)
        self.board_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._follow_context(
            load_weekend=self._load_weekend,
            session_chosen=self._session_chosen,
            changed=self._changed,
        )

    # Loading ------------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        """Laps go onto the live board held here (the lap log updated its rows already); a
        reloaded weekend comes through the LazyReload's weekend load."""
        if changes.laps and self._live is not None:
            self._live.apply(changes.laps)
            self._when_in_sight(self._show_live)

    def _load_weekend(self) -> None:
        event = self._context.event
        sessions: list[Session] = []
        if event is not None:
            sessions = services.event_sessions(self._context.uow(), event.id)
        self.picker.set_sessions(sessions)

    def _session_chosen(self, session: Session | None) -> None:
        event = self._context.event
        self._drivers = {}
        if session is not None and event is not None:
            views = services.event_entries(self._context.uow(), event.id)
            self._drivers = {
                v.entry.car_number: next(
                    (d.label for s, d in v.drivers_by_session if s.id == session.id), v.driver.label
                )
                for v in views
            }
        self.log_panel.set_session(session, event.track.length_millimiles if event else None)
        self._unsized = True
        self.refresh_board()

    def refresh_board(self) -> None:
        """Hold the lap log's laps (read when the session was chosen) on a live board."""
        self._lazy.done(self.refresh_board, self._show_live)
        session = self.log_panel.session
        self._live = LivePracticeBoard(session.id, self.log_panel.laps()) if session else None
        self._show_live()

    def _show_live(self) -> None:
        rows = self._live.rows() if self._live else []
        self.board.set_board(rows, self._drivers)
        if self._unsized and rows:
            self.board_options.fit()
            self._unsized = False
        self._draw_traces(rows)

    # Chart --------------------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._draw_traces(self.board.board)

    def selected_cars(self) -> list[str]:
        rows = self.board_view.selectionModel().selectedRows()
        return [self.board.car_at(self._proxy.mapToSource(index).row()) for index in rows]

    def _draw_traces(self, board: list[PracticeRow]) -> None:
        """The selected cars' traces, or the fastest three's; only changed curves are redrawn."""
        cars = self.selected_cars() or [row.car_number for row in board[:DEFAULT_TRACES]]
        live = self._live
        self.chart.set_traces({car: live.trace(car) if live else [] for car in cars})
