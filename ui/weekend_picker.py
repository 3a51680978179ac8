"""The weekend picker: series, season and weekend boxes in a toolbar; only the final pick counts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from domain.model import Event


class WeekendPicker(QToolBar):
    """Emits `chosen` with the picked Event (None when there is none), never the steps between:
    choosing a series and a season on the way must not load other weekends."""

    chosen = Signal(object)  # Event | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Weekend", parent)
        self.setObjectName("weekendToolbar")
        self.setMovable(False)
        self._events: list[Event] = []
        self._picking = False  # True while select_event steps through series and season
        self.series_box = QComboBox(self)
        self.season_box = QComboBox(self)
        self.event_box = QComboBox(self)
        self.event_box.setMinimumContentsLength(46)  # the longest track names, whole
        for label, box in (
            ("Series ", self.series_box),
            ("  Season ", self.season_box),
            ("  Weekend ", self.event_box),
        ):
            self.addWidget(QLabel(label, self))
            self.addWidget(box)
            box.setEnabled(False)
        self.series_box.currentIndexChanged.connect(self._fill_seasons)
        self.season_box.currentIndexChanged.connect(self._fill_events)
        self.event_box.currentIndexChanged.connect(self._choose_event)

    def set_events(self, events: list[Event], remembered_key: str | None) -> None:
        """Offer these events and pick the remembered one (or the first offered)."""
        self._events = list(events)
        series = sorted({event.series for event in self._events})
        self._picking = True
        _refill(self.series_box, [(name.capitalize(), name) for name in series])
        self._picking = False
        if remembered_key is not None and any(e.key == remembered_key for e in self._events):
            self.select_event(remembered_key)
        else:
            self._choose_event()

    def clear_events(self) -> None:
        """Offer nothing, quietly (the database was closed)."""
        self._events = []
        self._picking = True
        for box in (self.series_box, self.season_box, self.event_box):
            _refill(box, [])
        self._picking = False

    def offers(self, key: str) -> bool:
        """Whether an event with this key is among those offered."""
        return any(e.key == key for e in self._events)

    def select_event(self, key: str) -> None:
        """Choose an event by key, as if picked in the boxes."""
        event = next(e for e in self._events if e.key == key)
        self._picking = True
        self.series_box.setCurrentIndex(self.series_box.findData(event.series))
        self.season_box.setCurrentIndex(self.season_box.findData(event.season))
        self._picking = False
        index = self.event_box.findData(event.key)
        if index == self.event_box.currentIndex():
            self._choose_event()
        else:
            self.event_box.setCurrentIndex(index)

    def _fill_seasons(self) -> None:
        series = self.series_box.currentData()
        seasons = sorted({e.season for e in self._events if e.series == series}, reverse=True)
        _refill(self.season_box, [(str(season), season) for season in seasons])
        self._fill_events()

    def _fill_events(self) -> None:
        series, season = self.series_box.currentData(), self.season_box.currentData()
        chosen = [e for e in self._events if e.series == series and e.season == season]
        _refill(self.event_box, [(f"R{e.round_no} · {e.name}", e.key) for e in chosen])

    def _choose_event(self) -> None:
        if self._picking:
            return
        key = self.event_box.currentData()
        self.chosen.emit(next((e for e in self._events if e.key == key), None))


def _refill(box: QComboBox, items: list[tuple[str, object]]) -> None:
    box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    box.setEnabled(bool(items))
    box.blockSignals(False)
    box.currentIndexChanged.emit(box.currentIndex())
