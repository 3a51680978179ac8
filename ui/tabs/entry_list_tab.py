"""The entry list: cars and drivers, add, edit, withdraw, substitutions and the field count."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import DomainError
from domain.model import Event
from domain.services import EntryView
from ui.commands import TracksideCommand
from ui.context import AppContext
from ui.entry_commands import (
    AddEntryCommand,
    EditEntryCommand,
    SubstituteDriverCommand,
    WithdrawEntryCommand,
    edited_entry,
)
from ui.errors import run_guarded
from ui.models.entry_table_model import EntryTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.theme import headline_font
from ui.widgets.entry_form import EntryForm
from ui.widgets.inline_message import InlineMessage
from ui.widgets.table_view import make_table, size_columns_from_sample


class EntryListTab(QWidget):
    """Reloads on event changes and on "entries" edits; every edit is one undoable command."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.count = QLabel(self)
        self.count.setObjectName("fieldCount")
        self.count.setFont(headline_font(self.font()))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter: car, driver, team, make…")
        self.filter.setClearButtonEnabled(True)
        self.model = EntryTableModel(self)
        self._proxy = ValueSortProxy(self)
        self._proxy.setSourceModel(self.model)
        self.view = make_table(self, sortable=True)
        self.view.setModel(self._proxy)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.form = EntryForm(self)
        self.message = InlineMessage(self)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.sub_driver = QLineEdit(self)
        self.sub_driver.setPlaceholderText("driver who takes the car")
        self.sub_from = QComboBox(self)
        self.sub_reason = QLineEdit(self)
        self.sub_reason.setPlaceholderText("why, e.g. illness")
        self._layout()
        self.filter.textChanged.connect(self._proxy.setFilterFixedString)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        context.event_changed.connect(self._event_changed)
        context.data_changed.connect(self._data_changed)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for text, slot in (
            ("&Add car", self.add_entry),
            ("&Save changes", self.save_selected),
            ("&Withdraw / reinstate", self.toggle_withdrawn),
            ("New", self._new_entry),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        substitute = QGroupBox("Substitute a driver in the selected car", self)
        sub_form = QFormLayout(substitute)
        sub_form.addRow("Driver", self.sub_driver)
        sub_form.addRow("From", self.sub_from)
        sub_form.addRow("Reason", self.sub_reason)
        sub_button = QPushButton("Substitute", substitute)
        sub_button.clicked.connect(self.substitute_selected)
        sub_form.addRow(sub_button)
        side = QVBoxLayout()
        side.addWidget(QLabel("Entry", self))
        side.addWidget(self.form)
        side.addLayout(buttons)
        side.addWidget(self.message)
        side.addWidget(substitute)
        side.addWidget(QLabel("Who drove this car", self))
        side.addWidget(self.history)
        side.addStretch(1)
        left, right = QWidget(self), QWidget(self)
        table = QVBoxLayout(left)
        table.setContentsMargins(0, 0, 0, 0)
        table.addWidget(self.count)
        table.addWidget(self.filter)
        table.addWidget(self.view, 1)
        right.setLayout(side)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1100, 480])
        QHBoxLayout(self).addWidget(splitter)

    # Loading ------------------------------------------------------------------------------
    def _event_changed(self, event: Event | None) -> None:
        self.sub_from.clear()
        self.sub_from.addItem("the whole weekend", 0)
        if event is not None:
            with self._context.uow() as uow:
                for session in uow.sessions.list_for_event(event.id):
                    self.sub_from.addItem(session.name, session.order)
        self.reload()

    def _data_changed(self, kind: str) -> None:
        if kind in ("entries", "sessions", "results"):
            self.reload()

    def reload(self) -> None:
        """Entries and the field count from the domain; keeps the selected car selected."""
        event = self._context.event
        chosen = self.selected_view()
        views: list[EntryView] = []
        if event is not None:
            views = services.event_entries(self._context.uow(), event.id)
        self.model.sync_rows(views, key=lambda v: v.entry.id)
        size_columns_from_sample(self.view)
        self._show_count(event)
        if chosen is not None:
            self.select_car(chosen.entry.car_number)
        self._show_history()

    def _show_count(self, event: Event | None) -> None:
        ruleset = self._context.ruleset
        if event is None or ruleset is None:
            self.count.setText("")
            return
        try:  # the field rules own the arithmetic (OEP, provisionals, withdrawn cars)
            board = services.qualifying_board(self._context.uow(), event.id, ruleset)
        except DomainError as exc:
            self.count.setText(str(exc))
            return
        self.count.setText(board.summary)

    # Selection ----------------------------------------------------------------------------
    def selected_view(self) -> EntryView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_value(self._proxy.mapToSource(rows[0]).row()) if rows else None

    def select_car(self, car_number: str) -> None:
        row = self.model.find_row(lambda v: v.entry.car_number == car_number)
        if row is not None:
            self.view.selectRow(self._proxy.mapFromSource(self.model.index(row, 0)).row())

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        view = self.selected_view()
        if view is not None:
            self.form.show_entry(view)
        self._show_history()

    def _show_history(self) -> None:
        """Who drove the selected car in which session, and the substitutions in words."""
        view = self.selected_view()
        if view is None:
            self.history.clear()
            return
        lines = [f"{session.name}: {driver.label}" for session, driver in view.drivers_by_session]
        self.history.setText("\n".join([*view.substitutions, *lines]))

    # Edits --------------------------------------------------------------------------------
    def _push(self, title: str, make_command) -> bool:
        """Build and apply a command under the inline message; push it only when it worked."""
        commands: list[TracksideCommand] = []

        def apply() -> None:
            command = make_command()
            command.apply()
            commands.append(command)

        if not run_guarded(self, title, apply, self.message):
            return False
        self._context.undo_stack.push(commands[0])
        return True

    def add_entry(self) -> bool:
        if self._context.event is None:
            return False
        return self._push(
            "Add car", lambda: AddEntryCommand(self._context, self.form.fields(), self)
        )

    def save_selected(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False

        def command() -> EditEntryCommand:
            fields = self.form.fields()
            driver_id = view.entry.driver_id
            if fields["driver_name"].strip() != view.entered_driver.name:
                uow = self._context.uow()
                driver_id = services.find_or_add_driver(uow, fields["driver_name"]).id
            new = edited_entry(view.entry, fields, driver_id)
            return EditEntryCommand(self._context, view.entry, new, self)

        return self._push("Save entry", command)

    def toggle_withdrawn(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        return self._push("Withdraw", lambda: WithdrawEntryCommand(self._context, view.entry, self))

    def substitute_selected(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        return self._push(
            "Substitute",
            lambda: SubstituteDriverCommand(
                self._context,
                view.entry,
                self.sub_driver.text(),
                self.sub_from.currentData() or 0,
                self.sub_reason.text(),
                self,
            ),
        )

    def _new_entry(self) -> None:
        self.view.clearSelection()
        self.form.clear()
        self.form.car.setFocus()
