"""Practice: log laps from the keyboard, see the practice board and lap-time traces."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from domain import services
from domain.model import Event, Session, SessionKind
from domain.rules.practice import lap_trace, practice_board
from ui.charts.lap_trace_chart import LapTraceChart
from ui.context import AppContext
from ui.models.practice_table_model import PracticeTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.widgets.lap_log_panel import LapLogPanel
from ui.widgets.session_picker import SessionPicker
from ui.widgets.table_view import make_table, size_columns_from_sample

DEFAULT_TRACES = 3  # with nothing selected, the fastest three cars are drawn


class PracticeTab(QWidget):
    """Reloads on event changes and on "laps", "entries" and "sessions" edits made elsewhere."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._drivers: dict[str, str] = {}
        self._stale = False
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
        context.event_changed.connect(self._event_changed)
        context.data_changed.connect(self._data_changed)

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
    def _event_changed(self, event: Event | None) -> None:
        self._load_sessions(event)

    def _data_changed(self, kind: str) -> None:
        if kind in ("entries", "sessions"):
            self._load_sessions(self._context.event)
        elif kind == "laps":
            self.refresh_board()

    def _load_sessions(self, event: Event | None) -> None:
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
        """The domain's practice board over the session's laps; rows change in place."""
        if self.window().isVisible() and not self.isVisible():
            self._stale = True  # behind another tab: catch up when shown
            return
        self._stale = False
        if not self.log_panel.take_fresh():  # laps changed elsewhere (an import, another tab)
            self.log_panel.reload()
        rows = practice_board(self.log_panel.laps()) if self.log_panel.session else []
        self.board.set_board(rows, self._drivers)
        if self._unsized and rows:
            size_columns_from_sample(self.board_view)
            self._unsized = False
        self._draw_traces()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_board()

    # Chart --------------------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._draw_traces()

    def selected_cars(self) -> list[str]:
        rows = self.board_view.selectionModel().selectedRows()
        return [self.board.car_at(self._proxy.mapToSource(index).row()) for index in rows]

    def _draw_traces(self) -> None:
        cars = self.selected_cars()
        if not cars:
            cars = [row.car_number for row in self.board.rows[:DEFAULT_TRACES]]
        laps = self.log_panel.laps()
        self.chart.set_traces({car: lap_trace(laps, car) for car in cars})
