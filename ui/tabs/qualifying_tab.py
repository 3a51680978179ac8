"""Qualifying: log laps into a group or round and watch the field being set, bubble line and all."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import RuleSetError
from domain.model import Session, SessionKind
from domain.rules.field import FieldResult, FieldRow
from domain.rules.live_board import LiveQualifyingBoard
from ui.charts.cutoff_gap_chart import CutoffBar, CutoffGapChart
from ui.commands import FunctionCommand, push_guarded
from ui.context import AppContext
from ui.errors import run_guarded
from ui.models.qualifying_table_model import STATUS_TEXT, QualifyingTableModel
from ui.tabs.lap_session_tab import LapSessionTab
from ui.theme import headline_font
from ui.widgets.bubble_line import BubbleLine
from ui.widgets.inline_message import InlineMessage
from ui.widgets.reason_panel import ReasonPanel
from ui.widgets.table_view import make_table, size_columns_from_sample


class QualifyingTab(LapSessionTab):
    """The board is the domain's FieldResult for the whole event (groups and rounds combined)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, SessionKind.QUALIFYING, parent)
        self.result: FieldResult | None = None
        self._live: LiveQualifyingBoard | None = None
        self._follow_car: str | None = None  # the car just logged: the board scrolls to it
        self.cancelled_box = QCheckBox(
            "Qualifying cancelled: set the lineup by the rule book", self
        )
        self.summary = QLabel(self)
        self.summary.setContentsMargins(0, 4, 0, 4)
        self.summary.setFont(headline_font(self.font()))
        self.board_message = InlineMessage(self)
        self.board = QualifyingTableModel(self)
        self.board_view = make_table(self)
        self.board_view.setModel(self.board)
        self.bubble_line = BubbleLine(self.board_view)
        self.reasons = ReasonPanel(self)
        self.chart = CutoffGapChart(self)
        self._lay_out("Log into", [self.cancelled_box], self._board_and_chart())
        self.cancelled_box.clicked.connect(self._cancelled_clicked)
        self.board_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.log_panel.model.rowsInserted.connect(self._lap_logged)
        self._follow_context()

    def _board_and_chart(self) -> QSplitter:
        right = QSplitter(Qt.Orientation.Vertical, self)
        board_box = QWidget(right)
        board_layout = QVBoxLayout(board_box)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(self.summary)
        board_layout.addWidget(self.board_message)
        board_layout.addWidget(self.board_view, 1)
        board_layout.addWidget(self.reasons)
        right.addWidget(board_box)
        right.addWidget(self.chart)
        right.setSizes([620, 260])
        return right

    # Loading ------------------------------------------------------------------------------
    def _data_changed(self, kind: str) -> None:
        """Our own laps are on the live board already; other edits read the board again."""
        if kind == "laps" and self._live is not None and self.log_panel.take_fresh():
            self._when_in_sight(self._show_live)
        elif kind in ("laps", "results", "penalties"):  # owner points order ties and fallbacks
            self._when_in_sight(self.refresh_board)

    def _load_weekend(self) -> None:
        event = self._context.event
        sessions: list[Session] = []
        entries = {}
        if event is not None:
            with self._context.uow() as uow:
                sessions = uow.sessions.list_for_event(event.id)
                entries = {e.car_number: e for e in uow.entries.list_for_event(event.id)}
        self.board.set_context(entries, event.track.length_millimiles if event else None)
        self.picker.set_sessions(sessions)
        qualifying = self.picker.sessions()
        self.cancelled_box.setEnabled(bool(qualifying))
        self.cancelled_box.setChecked(bool(qualifying) and all(s.cancelled for s in qualifying))

    def _session_chosen(self, session: Session | None) -> None:
        event = self._context.event
        self.log_panel.set_session(session, event.track.length_millimiles if event else None)
        self._unsized = True
        self.refresh_board()

    def refresh_board(self) -> None:
        """Read the event's qualifying inputs again and show the field the domain sets."""
        event, ruleset = self._context.event, self._context.ruleset
        self._owed = None
        self._live = None
        self.log_panel.listeners = []
        self.log_panel.take_fresh()  # everything is read again below
        if event is None:
            self._show(None)
            return

        def load() -> None:
            if ruleset is None:
                raise RuleSetError(
                    f"There is no rule pack for {event.ruleset_key}, so the field cannot be set. "
                    f"Add resources/rulesets/{event.ruleset_key}.toml."
                )
            self._live = services.live_qualifying_board(self._context.uow(), event.id, ruleset)

        if run_guarded(self, "Qualifying board", load, self.board_message):
            self.log_panel.listeners = [self._live]
            self._show_live()
        else:
            self._show(None)

    def _show_live(self) -> None:
        """Show the board from memory: the live board applied the lap already (DESIGN §6)."""
        self._show(self._live.result() if self._live else None)

    def _show(self, result: FieldResult | None) -> None:
        self.result = result
        if result is None:
            self.board.clear()
            self.summary.clear()
            self.chart.set_bars([])
        else:
            self.board.set_result(result)
            if self._unsized and result.rows:
                size_columns_from_sample(self.board_view)
                self._unsized = False
            cancelled = (
                " — qualifying cancelled, lineup by the rule book" if self._cancelled() else ""
            )
            self.summary.setText(result.summary + cancelled)
            self.chart.set_bars(
                [
                    CutoffBar(row.car_number, row.gap_to_cutoff_ms, row.starts)
                    for row in result.rows
                    if row.gap_to_cutoff_ms is not None
                ]
            )
        self.bubble_line.place_under(self.board.bubble_row)
        self._scroll_to_interest()
        self._show_reason()

    def showEvent(self, event: QShowEvent) -> None:
        """A hidden view cannot scroll: bring the bubble line into sight when the tab shows."""
        super().showEvent(event)  # runs the board work owed while hidden
        self._scroll_to_interest()

    def _lap_logged(self) -> None:
        laps = self.log_panel.model
        self._follow_car = laps.lap_at(laps.rowCount() - 1).car_number if laps.rowCount() else None

    def _scroll_to_interest(self) -> None:
        """Bring the car just logged into sight, or else centre the bubble line.

        Only a car out of sight scrolls the board: scrolling repaints every row, and the
        spotter is typing the next lap (DESIGN §6).
        """
        row = self.board.row_of_car(self._follow_car) if self._follow_car else None
        hint = QAbstractItemView.ScrollHint.EnsureVisible
        if row is None:
            row, hint = self.board.bubble_row, QAbstractItemView.ScrollHint.PositionAtCenter
        if row is not None:
            self.board_view.scrollTo(self.board.index(row, 0), hint)
        self._follow_car = None

    def _cancelled(self) -> bool:
        qualifying = self.picker.sessions()
        return bool(qualifying) and all(s.cancelled for s in qualifying)

    # Selection and reasons ----------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_reason()

    def selected_row(self) -> FieldRow | None:
        rows = self.board_view.selectionModel().selectedRows()
        if rows:
            return self.board.row_value(rows[0].row())
        # Nothing chosen: the first car going home is the one people ask about.
        return next((row for row in self.result.dnq), None) if self.result else None

    def select_car(self, car_number: str) -> None:
        row = self.board.row_of_car(car_number)
        if row is not None:
            self.board_view.selectRow(row)

    def _show_reason(self) -> None:
        row = self.selected_row()
        self.reasons.show_row(row, STATUS_TEXT[row.status] if row else "")

    # Cancelled qualifying -----------------------------------------------------------------
    def _cancelled_clicked(self, checked: bool) -> None:
        if not self.set_cancelled(checked):
            self.cancelled_box.setChecked(not checked)

    def set_cancelled(self, cancelled: bool) -> bool:
        """Mark every qualifying session cancelled (or not) as one undoable edit."""
        sessions = self.picker.sessions()
        before = {s.id: s.cancelled for s in sessions}

        def apply(value: bool | None) -> None:
            if value is not None or len(set(before.values())) == 1:
                # One unit of work for every qualifying session: never a half-cancelled event.
                state = value if value is not None else next(iter(before.values()))
                event_id = self._context.event.id
                services.set_qualifying_cancelled(self._context.uow(), event_id, state)
            else:  # undo back to a mix that only the command line can make
                for session in sessions:
                    uow = self._context.uow()
                    services.set_session_cancelled(uow, session.id, before[session.id])
            word = "cancelled" if self._cancelled_after(value, before) else "back on"
            self._context.announce("sessions", f"Saved: qualifying {word}")

        text = "Cancel qualifying" if cancelled else "Reinstate qualifying"
        command = FunctionCommand(text, lambda: apply(cancelled), lambda: apply(None), self)
        return push_guarded(self._context.undo_stack, command)

    @staticmethod
    def _cancelled_after(value: bool | None, before: dict) -> bool:
        return value if value is not None else bool(before) and all(before.values())
