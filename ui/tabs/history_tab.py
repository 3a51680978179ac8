"""The history tab: every edit to results, penalties, waivers and entries, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from domain import services
from domain.changes import Changes
from ui.context import AppContext
from ui.models.history_table_model import HistoryTableModel
from ui.tabs.lazy import LazyReload
from ui.tabs.standings_tab import make_table


def _shows(changes: Changes) -> bool:
    """Every kept edit: the use cases that write history change these rows."""
    return bool(
        changes.results
        or changes.penalties
        or changes.waivers
        or changes.entries
        or changes.substitutions
        or changes.laps  # corrections, flags, notes and deletions are kept too
        or changes.reloaded_events
    )


ALL_EVENTS = None  # the filter's first choice: every event, and season-wide edits (waivers)


class HistoryTab(QWidget):
    """Shows the chosen weekend's edits by default; the filter widens it to every event."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.filter = QComboBox(self)
        self.filter.setMinimumContentsLength(30)
        self.model = HistoryTableModel(self)
        self.table = make_table(self, self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show edits of", self))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.filter.currentIndexChanged.connect(self.reload)
        self._lazy = LazyReload(
            self, context, on_event=self._event_changed, on_data=self.reload, wants=_shows
        )
        self._lazy.event_changed()

    def _event_changed(self) -> None:
        """Refill the filter with every event and choose the weekend picked in the toolbar."""
        events = services.all_events(self._context.uow())
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("All events", ALL_EVENTS)
        for event in events:
            self.filter.addItem(
                f"{event.season} {event.series} R{event.round_no} · {event.name}", event.id
            )
        chosen = self._context.event
        index = self.filter.findData(chosen.id) if chosen is not None else 0
        self.filter.setCurrentIndex(max(index, 0))
        self.filter.blockSignals(False)
        self.reload()

    def reload(self, *_: object) -> None:
        history = services.edit_history(self._context.uow(), self.filter.currentData())
        self.model.set_records(history.records, history.event_names)
        self.count.setText(f"{len(history.records)} edits")

    def show_event(self, event_id) -> None:
        """Filter to one event's edits (None: all events)."""
        self.filter.setCurrentIndex(max(self.filter.findData(event_id), 0))
