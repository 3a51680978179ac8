"""The race tab: enter and correct results, apply penalties, make the results official."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.changes import Changes
from domain.model import Penalty, RaceResult
from domain.services.race_sheet_query import RaceSheet
from ui.commands import TracksideCommand, push_command
from ui.context import AppContext
from ui.models.penalty_table_model import PenaltyLine
from ui.models.result_table_model import ResultLine, ResultTableModel
from ui.race_commands import (
    AddPenaltyCommand,
    CorrectResultCommand,
    DeleteResultCommand,
    EnterResultCommand,
    RemovePenaltyCommand,
    SetOfficialCommand,
)
from ui.tabs.lazy import LazyReload
from ui.tabs.penalty_panel import PenaltyPanel
from ui.tabs.result_editor import ResultEditor


def _shows(changes: Changes) -> bool:
    return bool(
        changes.results
        or changes.penalties
        or changes.entries
        or changes.substitutions
        or changes.reloaded_events
    )


def load_race_sheet(context: AppContext) -> RaceSheet:
    """The chosen event's race sheet; an empty one without an event or its rule pack."""
    event, ruleset = context.event, context.ruleset
    if event is None or ruleset is None:
        return RaceSheet()
    return services.race_sheet(context.uow(), event.id, ruleset)


class RaceTab(QWidget):
    """Every edit is an undo command; the tab redraws when the context announces a change."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._sheet = RaceSheet()
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.official_button = QPushButton(self)
        self.delete_button = QPushButton("Delete selected result", self)
        self.editor = ResultEditor(self)
        self.model = ResultTableModel(self)
        self.table = QTableView(self)
        self.penalties = PenaltyPanel(self)
        self._build()
        self.editor.submitted.connect(self._enter)
        self.editor.corrected.connect(self._correct)
        self.penalties.applied.connect(self._penalise)
        self.penalties.rescinded.connect(self._rescind)
        self.official_button.clicked.connect(self._toggle_official)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.doubleClicked.connect(lambda index: self._load_row(index.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._new_entry)
        self._lazy = LazyReload(
            self, context, on_event=self._event_changed, on_data=self.reload, wants=_shows
        )
        self._lazy.event_changed()

    def focus_entry(self) -> None:
        """A switch to this tab starts in the result's Car field."""
        self.editor.car.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.delete_button)
        top.addWidget(self.official_button)
        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.editor)
        results_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(results)
        splitter.addWidget(self.penalties)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # Showing ------------------------------------------------------------------------------
    def _event_changed(self) -> None:
        self.reload()
        self.editor.clear_for_next(self._next_finish())

    def reload(self) -> None:
        """Read the race's facts and show the points the domain derives from them."""
        self._sheet = load_race_sheet(self._context)
        self.model.set_rows(
            [
                ResultLine(row.result, row.driver, row.position, row.points, row.driver_eligible)
                for row in self._sheet.rows
            ]
        )
        self.penalties.set_penalties(
            [PenaltyLine(p, self._sheet.label(p.driver_id)) for p in self._sheet.penalties]
        )
        self._fill_editor_choices()
        self._show_heading()
        enabled = self._context.event is not None
        for widget in (self.editor, self.penalties, self.official_button, self.delete_button):
            widget.setEnabled(enabled)

    def _fill_editor_choices(self) -> None:
        sheet = self._sheet
        ids = {*sheet.race_drivers.values(), *(r.driver_id for r in sheet.results)}
        choices = sorted((sheet.label(i), i) for i in ids if i in sheet.drivers)
        self.editor.set_choices(choices, sheet.race_drivers)

    def _next_finish(self) -> int:
        return max((r.finish for r in self._sheet.results), default=0) + 1

    def _show_heading(self) -> None:
        event = self._context.event
        results = self._sheet.results
        official = bool(results) and all(r.official for r in results)
        if event is None:
            self.heading.setText("Choose a weekend to enter its race results.")
        else:
            state = "official" if official else "provisional" if results else "no results yet"
            self.heading.setText(f"{event.name}: {len(results)} results, {state}")
        self.official_button.setText("Make provisional" if official else "Make official")

    # Editing ------------------------------------------------------------------------------
    def _enter(self, fields: dict) -> None:
        self._push_result_edit(EnterResultCommand(self._context, fields, self))

    def _correct(self, old: RaceResult, new: RaceResult) -> None:
        self._push_result_edit(CorrectResultCommand(self._context, old, new, self))

    def _push_result_edit(self, command: TracksideCommand) -> None:
        if push_command(self._context, command, inline=self.editor.message):
            self.editor.clear_for_next(self._next_finish())

    def _delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            result = self.model.result_at(rows[0].row())
            push_command(self._context, DeleteResultCommand(self._context, result, self))

    def _toggle_official(self) -> None:
        results = self._sheet.results
        official = not (bool(results) and all(r.official for r in results))
        push_command(
            self._context, SetOfficialCommand(self._context, list(results), official, self)
        )

    def _penalise(self, car_text: str, amounts: dict) -> None:
        command = AddPenaltyCommand(self._context, car_text, amounts, self)
        if push_command(self._context, command, inline=self.penalties.message):
            self.penalties.clear()

    def _rescind(self, penalty: Penalty) -> None:
        push_command(self._context, RemovePenaltyCommand(self._context, penalty, "rescinded", self))

    def _load_row(self, row: int) -> None:
        self.editor.load(self.model.result_at(row))
        self.editor.finish.setFocus()

    def _new_entry(self) -> None:
        self.editor.clear_for_next(self._next_finish())

    def select_car(self, car_number: str) -> None:
        """Select a car's row and load it into the editor, as a double-click does."""
        row = self.model.row_of_car(car_number)
        if row is not None:
            self.table.selectRow(row)
            self._load_row(row)
