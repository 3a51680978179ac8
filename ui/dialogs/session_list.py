"""The sessions a new event will have: proposed from the pack, then renamed, added, reordered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.model import SessionKind
from domain.rules.schedule import SessionPlan

_PLAN_ROLE = Qt.ItemDataRole.UserRole


class SessionListEditor(QWidget):
    """A list whose names edit in place (double-click or F2), with buttons for the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 7)
        buttons = QVBoxLayout()
        self.add_practice_button = QPushButton("Add practice", self)
        self.add_qualifying_button = QPushButton("Add qualifying", self)
        self.remove_button = QPushButton("Remove", self)
        self.up_button = QPushButton("Up", self)
        self.down_button = QPushButton("Down", self)
        for button in (
            self.add_practice_button, self.add_qualifying_button, self.remove_button,
            self.up_button, self.down_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_practice_button.clicked.connect(self._add_practice)
        self.add_qualifying_button.clicked.connect(self._add_qualifying)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

    def set_plan(self, plan: list[SessionPlan]) -> None:
        self.list.clear()
        for session in plan:
            self._append(session)
        self.list.setCurrentRow(-1)  # nothing picked until the user picks a session

    def plan(self) -> list[SessionPlan]:
        """The sessions as listed, with the names as edited (checked by the use case)."""
        sessions = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            kind, group, round_no = item.data(_PLAN_ROLE)
            sessions.append(SessionPlan(kind, item.text(), group, round_no))
        return sessions

    def _append(self, session: SessionPlan, row: int | None = None) -> None:
        item = QListWidgetItem(session.name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(_PLAN_ROLE, (session.kind, session.group, session.round_no))
        self.list.insertItem(self.list.count() if row is None else row, item)
        self.list.setCurrentItem(item)

    def _count(self, kind: SessionKind) -> int:
        return sum(1 for s in self.plan() if s.kind is kind)

    def _add_practice(self) -> None:
        number = self._count(SessionKind.PRACTICE) + 1
        name = "Practice" if number == 1 else f"Practice {number}"
        before_rest = next(
            (i for i, s in enumerate(self.plan()) if s.kind is not SessionKind.PRACTICE), None
        )
        self._append(SessionPlan(SessionKind.PRACTICE, name), before_rest)

    def _add_qualifying(self) -> None:
        race = next((i for i, s in enumerate(self.plan()) if s.kind is SessionKind.RACE), None)
        number = self._count(SessionKind.QUALIFYING) + 1
        name = "Qualifying" if number == 1 else f"Qualifying {number}"
        self._append(SessionPlan(SessionKind.QUALIFYING, name), race)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _move(self, steps: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + steps < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + steps, item)
        self.list.setCurrentItem(item)
