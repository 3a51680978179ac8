"""What Practice and Qualifying share: a session picker, the lap log beside a board, lazy loads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from domain.changes import Changes
from domain.model import Lap, Session, SessionKind
from ui.context import AppContext
from ui.tabs.lazy import LazyReload
from ui.widgets.board_options import board_scale
from ui.widgets.lap_log_panel import LapLogPanel
from ui.widgets.session_clock import SessionClock
from ui.widgets.session_picker import SessionPicker

LOG_PANEL_PX = 430  # car, lap, time, mph and flag: the note column takes what is left
COMPACT_LOG_PANEL_PX = 360  # compact boards: the board needs the width for every column


class LapSessionTab(QWidget):
    """A tab that logs laps into one session of the chosen weekend and shows a board of them.

    Subclasses load the weekend's sessions (`_load_weekend`), react to a chosen session
    (`_session_chosen`) and to notices on the bus (`_changed`), and read their board again in
    `refresh_board`. Board work asked for while the tab is hidden waits for its next show
    (`_when_in_sight`, through the tab's one LazyReload).
    """

    def __init__(
        self, context: AppContext, kind: SessionKind, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._unsized = True  # columns are sized from the first rows of a session's board
        self._chart: QWidget | None = None  # under the board; View ▸ Show charts collapses it
        self.picker = SessionPicker(kind, self)
        self.log_panel = LapLogPanel(context, self)
        self.clock = SessionClock(self._first_lap, self)
        # Esc from anywhere in the tab: drop a pending question, or go back to the Car field.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.log_panel.entry.escape)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _follow_context(
        self,
        *,
        load_weekend: Callable[[], None],
        session_chosen: Callable[[Session | None], None],
        changed: Callable[[Changes], None],
    ) -> None:
        """Call last in the subclass's __init__ (the weekend may already be chosen) with its
        handlers: the weekend's sessions, a chosen session, and every notice on the bus."""
        self.picker.session_chosen.connect(session_chosen)
        self.picker.session_chosen.connect(self.clock.set_session)
        self._lazy = LazyReload(
            self,
            self._context,
            on_event=load_weekend,
            on_data=load_weekend,
            wants=lambda c: bool(c.entries or c.substitutions or c.sessions or c.reloaded_events),
        )
        self._context.bus.changed.connect(changed)
        board_scale().changed.connect(self._show_chart_or_not)
        self._show_chart_or_not()
        self._lazy.event_changed()  # built after the weekend was chosen: load it (if in sight)

    def _lay_out(
        self, label: str, top_extras: Sequence[QWidget], right: QWidget, chart: QWidget
    ) -> None:
        """The picker (and extras) on top; the lap log on the left, `right` taking the rest."""
        self._chart = chart
        top = QHBoxLayout()
        top.addWidget(QLabel(label, self))
        top.addWidget(self.picker)
        for widget in (*top_extras, self.clock):
            top.addSpacing(24)
            top.addWidget(widget)
        top.addStretch(1)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.log_panel)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([COMPACT_LOG_PANEL_PX if board_scale().compact else LOG_PANEL_PX, 1200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    def _first_lap(self) -> Lap | None:
        model = self.log_panel.model
        return model.lap_at(0) if model.rowCount() else None  # newest last: row 0 came first

    def _show_chart_or_not(self) -> None:
        """View ▸ Show charts: collapsed, the board takes the chart's height (remembered)."""
        if self._chart is not None:
            self._chart.setVisible(board_scale().charts)

    def showEvent(self, event: QShowEvent) -> None:
        """Every switch to this tab (Ctrl+2, a click) puts the spotter in the Car field."""
        super().showEvent(event)
        self.focus_entry()

    def focus_entry(self) -> None:
        self.log_panel.entry.focus_car()

    def _when_in_sight(
        self, work: Callable[[], None], *, replaces: Sequence[Callable[[], None]] = ()
    ) -> None:
        """Board work now, or when the tab is next shown (`replaces`: owed work it covers)."""
        self._lazy.run(work, replaces=replaces)
