"""What Practice and Qualifying share: a session picker, the lap log beside a board, lazy loads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from domain.model import SessionKind
from ui.context import AppContext
from ui.tabs.lazy import LazyReload, is_out_of_sight
from ui.widgets.lap_log_panel import LapLogPanel
from ui.widgets.session_picker import SessionPicker

LOG_PANEL_PX = 430  # car, lap, time, mph and flag: the note column takes what is left


class LapSessionTab(QWidget):
    """A tab that logs laps into one session of the chosen weekend and shows a board of them.

    Subclasses load the weekend's sessions (`_load_weekend`), react to a chosen session
    (`_session_chosen`) and to stored edits (`_data_changed`), and read their board again in
    `refresh_board`. Board work asked for while the tab is hidden waits for its next show.
    """

    def __init__(
        self, context: AppContext, kind: SessionKind, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._owed: Callable[[], None] | None = None  # board work waiting for the tab to show
        self._unsized = True  # columns are sized from the first rows of a session's board
        self.picker = SessionPicker(kind, self)
        self.log_panel = LapLogPanel(context, self)

    def _follow_context(self) -> None:
        """Call last in the subclass's __init__: the weekend may already be chosen."""
        self.picker.session_chosen.connect(self._session_chosen)
        self._lazy = LazyReload(
            self,
            self._context,
            on_event=self._load_weekend,
            on_data=self._load_weekend,
            kinds=("entries", "sessions"),
        )
        self._context.data_changed.connect(self._data_changed)
        self._lazy.event_changed()  # built after the weekend was chosen: load it (if in sight)

    def _lay_out(self, label: str, top_extras: Sequence[QWidget], right: QWidget) -> None:
        """The picker (and extras) on top; the lap log on the left, `right` taking the rest."""
        top = QHBoxLayout()
        top.addWidget(QLabel(label, self))
        top.addWidget(self.picker)
        for widget in top_extras:
            top.addSpacing(24)
            top.addWidget(widget)
        top.addStretch(1)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.log_panel)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([LOG_PANEL_PX, 1200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    def _when_in_sight(self, work: Callable[[], None]) -> None:
        if is_out_of_sight(self):
            if self._owed != self.refresh_board:  # reading again covers showing from memory
                self._owed = work
        else:
            self._owed = None
            work()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._owed is not None:
            work, self._owed = self._owed, None
            work()
