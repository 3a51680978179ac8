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
from domain.changes import Changes
from domain.errors import RuleSetError
from domain.model import Session, SessionKind
from domain.rules.cancelled import qualifying_cancelled
from domain.rules.field import FieldResult, FieldRow
from domain.rules.live_board import LiveQualifyingBoard
from domain.services import WeekendSchedule
from ui.charts.cutoff_gap_chart import CutoffBar, CutoffGapChart
from ui.commands import FunctionCommand, Notice, push_command
from ui.context import AppContext
from ui.dialogs import confirm_dialogs
from ui.errors import run_guarded
from ui.models.qualifying_table_model import STATUS_TEXT, QualifyingTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.tabs.lap_session_tab import LapSessionTab
from ui.theme import headline_font
from ui.widgets.board_options import BoardOptions, board_scale
from ui.widgets.bubble_line import BubbleLine
from ui.widgets.inline_message import InlineMessage
from ui.widgets.reason_panel import ReasonPanel
from ui.widgets.table_view import make_table


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
        self._proxy = ValueSortProxy(self)  # a click on a header sorts; the menu goes back
        self._proxy.setSourceModel(self.board)
        self.board_view = make_table(self, sortable=True)
        self.board_view.setModel(self._proxy)
        self.board_options = BoardOptions(
            self.board_view, "qualifying", stretch=(2, 10), sortable=True
        )
        self.board_options.official_order()
        board_scale().changed.connect(self._follow_scale)
        self.board_view.horizontalHeader().sortIndicatorChanged.connect(self._place_bubble)
        self.bubble_line = BubbleLine(self.board_view)
        self.reasons = ReasonPanel(self)
        self.chart = CutoffGapChart(self)
        self._lay_out("Log into", [self.cancelled_box], self._board_and_chart(), self.chart)
        self._follow_scale()
        self.cancelled_box.clicked.connect(self._cancelled_clicked)
        self.board_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._follow_context(
            load_weekend=self._load_weekend,
            session_chosen=self._session_chosen,
            changed=self._changed,
        )

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

    def _follow_scale(self) -> None:
        compact = board_scale().compact
        self.reasons.set_compact(compact)
        self.summary.setFont(headline_font(self.font(), 1.0 if compact else 1.4))

    # Loading ------------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        """Laps go onto the live board held here; owner points (results, penalties) read the
        board again. The schedule, the entries and a reloaded weekend come through the
        LazyReload's weekend load, whose chosen session reads the board."""
        if self._context.event is None:
            return
        if changes.results or changes.penalties:
            self._when_in_sight(self.refresh_board, replaces=(self._show_live,))
        elif changes.laps:
            if self._live is None:
                self._when_in_sight(self.refresh_board, replaces=(self._show_live,))
                return
            self._live.apply(changes.laps)
            if changes.origin is self.log_panel and changes.laps.added:
                self._follow_car = changes.laps.added[-1].car_number
            self._when_in_sight(self._show_live)

    def _load_weekend(self) -> None:
        event = self._context.event
        schedule = WeekendSchedule(sessions=[], entries=[])
        if event is not None:
            schedule = services.weekend_schedule(self._context.uow(), event.id)
        entries = {e.car_number: e for e in schedule.entries}
        self.board.set_context(entries, event.track.length_millimiles if event else None)
        self.picker.set_sessions(schedule.sessions)
        self.cancelled_box.setEnabled(bool(self.picker.sessions()))
        self.cancelled_box.setChecked(self._cancelled())

    def _session_chosen(self, session: Session | None) -> None:
        event = self._context.event
        self.log_panel.set_session(session, event.track.length_millimiles if event else None)
        self._unsized = True
        self.refresh_board()

    def refresh_board(self) -> None:
        """Read the event's qualifying inputs again and show the field the domain sets."""
        event, ruleset = self._context.event, self._context.ruleset
        self._lazy.done(self.refresh_board, self._show_live)
        self._live = None
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
                self.board_options.fit()
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
        self._place_bubble()
        self._scroll_to_interest()
        self._show_reason()

    def _view_row(self, source_row: int | None) -> int | None:
        if source_row is None:
            return None
        return self._proxy.mapFromSource(self.board.index(source_row, 0)).row()

    def _place_bubble(self) -> None:
        """The bubble line belongs to the official order: a board sorted otherwise has none."""
        official = self._proxy.sortColumn() < 0
        self.bubble_line.place_under(self._view_row(self.board.bubble_row) if official else None)

    def showEvent(self, event: QShowEvent) -> None:
        """A hidden view cannot scroll: bring the bubble line into sight when the tab shows."""
        super().showEvent(event)  # the LazyReload runs the board work owed while hidden
        self._scroll_to_interest()

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
            self.board_view.scrollTo(self._proxy.mapFromSource(self.board.index(row, 0)), hint)
        self._follow_car = None

    def _cancelled(self) -> bool:
        return qualifying_cancelled(self.picker.sessions())

    # Selection and reasons ----------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_reason()

    def selected_row(self) -> FieldRow | None:
        rows = self.board_view.selectionModel().selectedRows()
        if rows:
            return self.board.row_value(self._proxy.mapToSource(rows[0]).row())
        # Nothing chosen: the first car going home is the one people ask about.
        return next((row for row in self.result.dnq), None) if self.result else None

    def select_car(self, car_number: str) -> None:
        row = self._view_row(self.board.row_of_car(car_number))
        if row is not None:
            self.board_view.selectRow(row)

    def _show_reason(self) -> None:
        row = self.selected_row()
        self.reasons.show_row(row, STATUS_TEXT[row.status] if row else "")

    # Cancelled qualifying -----------------------------------------------------------------
    def _cancelled_clicked(self, checked: bool) -> None:
        event = self._context.event
        asked = not checked or (
            event is not None and confirm_dialogs.confirm_cancel_qualifying(self, event.name)
        )
        if not asked or not self.set_cancelled(checked):
            self.cancelled_box.setChecked(not checked)

    def set_cancelled(self, cancelled: bool) -> bool:
        """Mark every qualifying session cancelled (or not) as one undoable edit."""
        event = self._context.event
        if event is None:
            return False
        before = {s.id: s.cancelled for s in self.picker.sessions()}
        word = "cancelled" if cancelled else "back on"

        def apply() -> Notice:
            # One unit of work for every qualifying session: never a half-cancelled event.
            _, changes = services.set_qualifying_cancelled(self._context.uow(), event.id, cancelled)
            return changes, f"Saved: qualifying {word}"

        def undo() -> Notice:
            sessions, changes = services.restore_sessions_cancelled(self._context.uow(), before)
            again = "cancelled" if qualifying_cancelled(sessions) else "back on"
            return changes, f"Undone: qualifying {again}"

        text = "Cancel qualifying" if cancelled else "Reinstate qualifying"
        return push_command(self._context, FunctionCommand(self._context, text, apply, undo, self))
