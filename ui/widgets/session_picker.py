"""A drop-down of the event's sessions of one kind (practice, or qualifying groups and rounds)."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from domain.model import Session, SessionKind


class SessionPicker(QComboBox):
    """Emits `session_chosen` with the Session (or None when the event has none of this kind)."""

    session_chosen = Signal(object)

    def __init__(self, kind: SessionKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self._sessions: list[Session] = []
        self.setMinimumContentsLength(22)
        self.currentIndexChanged.connect(lambda _: self.session_chosen.emit(self.current()))

    def set_sessions(self, sessions: list[Session]) -> None:
        """Keep the chosen session if it is still there (e.g. after it was marked cancelled)."""
        current = self.current()
        keep = current.id if current else None
        self.blockSignals(True)
        self.clear()
        self._sessions = [s for s in sessions if s.kind is self._kind]
        for session in self._sessions:
            suffix = " (cancelled)" if session.cancelled else ""
            self.addItem(session.name + suffix, session.id)
        index = self.findData(keep) if keep else -1
        self.setCurrentIndex(index if index >= 0 else 0 if self._sessions else -1)
        self.setEnabled(bool(self._sessions))
        self.blockSignals(False)
        self.session_chosen.emit(self.current())

    def current(self) -> Session | None:
        session_id: UUID | None = self.currentData()
        return next((s for s in self._sessions if s.id == session_id), None)

    def sessions(self) -> list[Session]:
        return list(self._sessions)
