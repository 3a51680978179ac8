"""The session clock beside the session picker, with the session's scheduled length.

The length is kept on this laptop (QSettings, per session), not in the weekend file: it is a
spotter's aid, and the schedule in the file has no length to share yet.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from domain.model import Lap, Session
from domain.rules.session_clock import MAX_SCHEDULED_MINUTES, clock_words, session_clock
from ui import settings

TICK_MS = 1000


def _store() -> QSettings:
    return QSettings(settings.ORGANISATION, settings.APPLICATION)


class SessionClock(QWidget):
    """Ticks once a second while shown; `first_lap` reads the lap log's earliest lap."""

    def __init__(self, first_lap: Callable[[], Lap | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._first_lap = first_lap
        self._session: Session | None = None
        self.length = QSpinBox(self)
        self.length.setRange(0, MAX_SCHEDULED_MINUTES)
        self.length.setSuffix(" min")
        self.length.setSpecialValueText("no length")
        self.length.setToolTip("The session's scheduled length: the clock counts down to it")
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Length", self))
        layout.addWidget(self.length)
        layout.addWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self.length.valueChanged.connect(self._length_changed)
        self.set_session(None)

    def set_session(self, session: Session | None) -> None:
        self._session = session
        self.length.setEnabled(session is not None)
        minutes = 0
        if session is not None:
            minutes = int(str(_store().value(f"sessions/{session.id}/minutes", 0) or 0))
        blocked = self.length.blockSignals(True)
        self.length.setValue(minutes)
        self.length.blockSignals(blocked)
        self.tick()

    def _length_changed(self, minutes: int) -> None:
        if self._session is not None:
            _store().setValue(f"sessions/{self._session.id}/minutes", minutes)
        self.tick()

    def tick(self, now: datetime | None = None) -> None:
        if self._session is None:
            self.label.clear()
            return
        first = self._first_lap()
        reading = session_clock(first, now or datetime.now(UTC), self.length.value() or None)
        self.label.setText(clock_words(reading, started=first is not None))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.tick()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()  # a hidden clock costs nothing
        super().hideEvent(event)
