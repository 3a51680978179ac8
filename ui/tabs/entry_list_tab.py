"""The entry list: cars and drivers, add, edit, withdraw, substitutions and the field count."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import DomainError
from domain.model import Event
from domain.services import EntryView
from ui.commands import TracksideCommand, push_command
from ui.context import AppContext
from ui.entry_commands import (
    AddEntryCommand,
    DriverEligibilityCommand,
    EditEntryCommand,
    SubstituteDriverCommand,
    WithdrawEntryCommand,
    edited_entry,
)
from ui.models.entry_table_model import EntryTableModel
from ui.models.value_table_model import ValueSortProxy
from ui.tabs.lazy import LazyReload
from ui.theme import IN_TINT, OUT_TINT, headline_font
from ui.widgets.driver_eligibility import DriverEligibilityBox
from ui.widgets.entry_form import EntryForm
from ui.widgets.inline_message import InlineMessage
from ui.widgets.table_view import make_table, size_columns_from_sample


class EntryListTab(QWidget):
    """Reloads on event changes and on notices naming entries, sessions or results; every
    edit is one undoable command."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.count = QLabel(self)
        self.count.setFont(headline_font(self.font(), scale=1.7))
        self.count.setMargin(8)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type a car number, driver, team or make to find it…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setFont(headline_font(self.font(), scale=1.15))
        self.shown = QLabel(self)
        self.model = EntryTableModel(self)
        self._proxy = ValueSortProxy(self)
        self._proxy.setSourceModel(self.model)
        self.view = make_table(self, sortable=True)
        self.view.setModel(self._proxy)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.form = EntryForm(self)
        self.message = self.form.message
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.sub_message = InlineMessage(self)
        self.sub_driver = QLineEdit(self)
        self.sub_driver.setPlaceholderText("driver who takes the car")
        self.sub_from = QComboBox(self)
        self.sub_reason = QLineEdit(self)
        self.sub_reason.setPlaceholderText("why, e.g. illness")
        self.eligibility = DriverEligibilityBox(self)
        self.eligibility.save_clicked.connect(self.save_driver)
        self._layout()
        self.filter.textChanged.connect(self._filter_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._lazy = LazyReload(
            self,
            context,
            on_event=self._event_changed,
            on_data=self.reload,
            wants=lambda c: bool(
                c.entries
                or c.substitutions
                or c.drivers
                or c.sessions
                or c.results
                or c.reloaded_events
            ),
        )
        self._lazy.event_changed()  # built after the weekend was chosen: load it (if in sight)

    def focus_entry(self) -> None:
        """A switch to this tab starts in the entry form's Car field."""
        self.form.car.setFocus(Qt.FocusReason.OtherFocusReason)

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
        sub_form.addRow(self.sub_message)
        drove = QGroupBox("Who drove this car", self)
        QVBoxLayout(drove).addWidget(self.history)
        entry = QGroupBox("Entry", self)
        entry_box = QVBoxLayout(entry)
        entry_box.addWidget(self.form)
        entry_box.addLayout(buttons)
        side = QVBoxLayout()
        side.addWidget(entry)
        side.addWidget(drove)
        side.addWidget(self.eligibility)
        side.addWidget(substitute)
        side.addStretch(1)
        left, right = QWidget(self), QWidget(self)
        find = QHBoxLayout()
        find_label = QLabel("&Find:", self)
        find_label.setBuddy(self.filter)
        find_label.setFont(self.filter.font())
        find.addWidget(find_label)
        find.addWidget(self.filter, 1)
        find.addWidget(self.shown)
        table = QVBoxLayout(left)
        table.setContentsMargins(0, 0, 0, 0)
        table.addWidget(self.count)
        table.addLayout(find)
        table.addWidget(self.view, 1)
        right.setLayout(side)
        # The forms outgrow a 768-px screen: they scroll, the table beside them stays put.
        forms = QScrollArea(self)
        forms.setWidget(right)
        forms.setWidgetResizable(True)
        forms.setFrameShape(QFrame.Shape.NoFrame)
        forms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll_bar = forms.verticalScrollBar().sizeHint().width()
        forms.setMinimumWidth(right.minimumSizeHint().width() + scroll_bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(forms)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1100, 480])
        QHBoxLayout(self).addWidget(splitter)

    # Loading ------------------------------------------------------------------------------
    def _event_changed(self) -> None:
        event = self._context.event
        self.message.clear()  # a refusal about the last weekend's entry is not news here
        self.message.setVisible(False)
        self.sub_from.clear()
        self.sub_from.addItem("the whole weekend", 0)
        if event is not None:
            for session in services.event_sessions(self._context.uow(), event.id):
                self.sub_from.addItem(session.name, session.order)
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
        self._hide_silent_columns()
        self._show_count(event)
        self._show_shown()
        if chosen is not None:
            self.select_car(chosen.entry.car_number)
        self._show_history()
        self._show_driver()

    def _show_count(self, event: Event | None) -> None:
        ruleset = self._context.ruleset
        self.count.setStyleSheet("")
        if event is None or ruleset is None:
            self.count.setText("")
            return
        try:  # the field rules own the arithmetic (OEP, provisionals, withdrawn cars)
            board = services.qualifying_board(self._context.uow(), event.id, ruleset)
        except DomainError as exc:
            self.count.setText(str(exc))
            return
        self.count.setText(board.summary)
        # Red when someone will go home, green when everyone starts: readable at a glance.
        tint = OUT_TINT if board.entered > board.starting_field else IN_TINT
        self.count.setStyleSheet(
            f"background: rgba({tint.red()}, {tint.green()}, {tint.blue()}, {tint.alpha()});"
            " border-radius: 4px;"
        )

    def _hide_silent_columns(self) -> None:
        """Hide what says nothing this weekend: empty columns (no OEP, no "(i)"), owner = team."""
        views = self.model.rows
        for column in range(self.model.columnCount()):
            cells = (self.model.index(row, column).data() for row in range(len(views)))
            silent = not any(cells)
            if self.model.headerData(column, Qt.Orientation.Horizontal) == "Owner":
                silent = all(v.entry.owner == v.entry.team for v in views)
            self.view.setColumnHidden(column, bool(views) and silent)

    def _filter_changed(self, text: str) -> None:
        self._proxy.setFilterFixedString(text)
        self._show_shown()

    def _show_shown(self) -> None:
        total, shown = self.model.rowCount(), self._proxy.rowCount()
        self.shown.setText(f"{total} cars" if shown == total else f"{shown} of {total} cars")

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
        self._show_driver()

    def _show_driver(self) -> None:
        view, event = self.selected_view(), self._context.event
        driver = view.entered_driver if view is not None and event is not None else None
        self.eligibility.show_driver(driver, event.season if event is not None else 0)

    def _show_history(self) -> None:
        """Who drove the selected car in which session, and the substitutions in words."""
        view = self.selected_view()
        if view is None:
            self.history.setText("Select a car to see who drives it in each session.")
            return
        entered = view.entered_driver
        parts = [f"<p>On the entry list: <b>{escape(entered.label)}</b></p>"]
        parts += [f"<p><b>{escape(text)}</b></p>" for text in view.substitutions]
        rows = "".join(
            f"<tr><td>{escape(session.name)}</td><td>&nbsp;&nbsp;"
            + (escape(driver.label) if driver == entered else f"<b>{escape(driver.label)}</b>")
            + "</td></tr>"
            for session, driver in view.drivers_by_session
        )
        parts.append(f"<table>{rows}</table>")
        self.history.setText("".join(parts))

    # Edits --------------------------------------------------------------------------------
    def _push(self, command: TracksideCommand, inline: InlineMessage | None = None) -> bool:
        """Apply a command, pushed only when it worked; a refusal shows beside its input."""
        if push_command(self._context, command, inline=inline or self.message):
            return True
        if inline is None:
            self.form.place_message()
        return False

    def add_entry(self) -> bool:
        if self._context.event is None:
            return False
        return self._push(AddEntryCommand(self._context, self.form.fields(), self))

    def save_selected(self) -> bool:
        """One use case saves the entry and, when the name is new, its driver (one transaction)."""
        view = self.selected_view()
        if view is None:
            return False
        fields = self.form.fields()
        renamed = fields["driver_name"].strip() != view.entered_driver.name
        new = edited_entry(view.entry, fields)
        driver_name = fields["driver_name"] if renamed else None
        return self._push(EditEntryCommand(self._context, view.entry, new, driver_name, self))

    def toggle_withdrawn(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        return self._push(WithdrawEntryCommand(self._context, view.entry, self))

    def substitute_selected(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        command = SubstituteDriverCommand(
            self._context,
            view.entry,
            self.sub_driver.text(),
            self.sub_from.currentData() or 0,
            self.sub_reason.text(),
            self,
        )
        return self._push(command, self.sub_message)

    def save_driver(self) -> bool:
        """The selected car's driver: date of birth and Cup driver this season (undoable)."""
        box = self.eligibility
        if box.driver is None:
            return False
        command = DriverEligibilityCommand(
            self._context, box.driver, box.birth_date.text(), box.season,
            box.cup_driver.isChecked(), self,
        )  # fmt: skip
        return self._push(command, box.message)

    def _new_entry(self) -> None:
        self.view.clearSelection()
        self.form.clear()
        self.form.car.setFocus()
