"""Practice: log laps from the keyboard, see the practice board and lap-time traces."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from domain import services
from domain.model import Session, SessionKind
from domain.rules.live_board import LivePracticeBoard
from domain.rules.practice import PracticeRow
from ui.charts.lap_trace_chart import LapTraceChart
from ui.context import AppContext
from ui.models.practice_table_model import PracticeTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.tabs.lazy import LazyReload, is_out_of_sight
from ui.widgets.lap_log_panel import LapLogPanel
from ui.widgets.session_picker import SessionPicker
from ui.widgets.table_view import make_table, size_columns_from_sample

DEFAULT_TRACES = 3  # with nothing selected, the fastest three cars are drawn


class PracticeTab(QWidget):
    """Holds the session's live practice board: a logged lap recomputes its car's row only.

    The weekend, entries and sessions reload lazily (ui/tabs/lazy.py); laps edited elsewhere
    (an import, another tab) read the session again, when the tab is next on screen.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._drivers: dict[str, str] = {}
        self._live: LivePracticeBoard | None = None
        self._owed: Callable[[], None] | None = None  # board work waiting for the tab to show
        self._unsized = True  # columns are sized from the first rows of a session's board
        self.picker = SessionPicker(SessionKind.PRACTICE, self)
        self.log_panel = LapLogPanel(context, self)
        self.board = PracticeTableModel(self)
        self._proxy = ValueSortProxy(self)
        self._proxy.setSourceModel(self.board)
        self.board_view = make_table(self, sortable=True)
        self.board_view.setModel(self._proxy)
        self.board_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.chart = LapTraceChart(self)
        self._layout()
        self.picker.session_chosen.connect(self._session_chosen)
        self.board_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._lazy = LazyReload(
            self,
            context,
            on_event=self._load_weekend,
            on_data=self._load_weekend,
            kinds=("entries", "sessions"),
        )
        context.data_changed.connect(self._data_changed)
        self._lazy.event_changed()  # built after the weekend was chosen: load it (if in sight)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Session", self))
        top.addWidget(self.picker)
        top.addStretch(1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        board_box = QWidget(right)
        board_layout = QVBoxLayout(board_box)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(QLabel("Practice board (flagged laps left out of bests)", board_box))
        board_layout.addWidget(self.board_view)
        right.addWidget(board_box)
        right.addWidget(self.chart)
        right.setSizes([500, 300])
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.log_panel)
        body.addWidget(right)
        body.setSizes([450, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    # Loading ------------------------------------------------------------------------------
    def _data_changed(self, kind: str) -> None:
        """Our own laps are on the live board already; laps changed elsewhere are read again."""
        if kind != "laps":
            return
        fresh = self._live is not None and self.log_panel.take_fresh()
        self._when_in_sight(self._show_live if fresh else self.refresh_board)

    def _when_in_sight(self, work: Callable[[], None]) -> None:
        if is_out_of_sight(self):
            if self._owed != self.refresh_board:  # reading again covers showing from memory
                self._owed = work
        else:
            self._owed = None
            work()

    def _load_weekend(self) -> None:
        event = self._context.event
        sessions: list[Session] = []
        if event is not None:
            with self._context.uow() as uow:
                sessions = uow.sessions.list_for_event(event.id)
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
        """Read the session's laps (unless this panel just did) and hold them on a live board."""
        self._owed = None
        if not self.log_panel.take_fresh():
            self.log_panel.reload()
        session = self.log_panel.session
        self._live = LivePracticeBoard(session.id, self.log_panel.laps()) if session else None
        self.log_panel.listeners = [self._live] if self._live else []
        self._show_live()

    def _show_live(self) -> None:
        rows = self._live.rows() if self._live else []
        self.board.set_board(rows, self._drivers)
        if self._unsized and rows:
            size_columns_from_sample(self.board_view)
            self._unsized = False
        self._draw_traces(rows)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._owed is not None:
            work, self._owed = self._owed, None
            work()

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
