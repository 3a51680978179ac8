"""Choosing what to print: the lineup with DNQ reasons, any session board, the standings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from domain.model import SessionKind
from domain.services.weekend import Weekend
from ui.printing.report_sections import Part


@dataclass(frozen=True, slots=True)
class ReportChoice:
    parts: tuple[Part, ...]
    sessions: tuple[str, ...]  # the boards chosen, by session name

    @property
    def file_word(self) -> str:
        """What the PDF's name says it holds."""
        if self.parts == (Part.LINEUP,):
            return "lineup"
        if self.parts == (Part.STANDINGS,):
            return "standings"
        if self.parts == (Part.BOARDS,) and len(self.sessions) == 1:
            return self.sessions[0]
        return "report"


def default_choice(weekend: Weekend, tab_title: str) -> ReportChoice:
    """What the tab on screen suggests: its own board; the whole weekend elsewhere."""
    boards = tuple(s.name for s in weekend.sessions if s.kind is SessionKind.PRACTICE)
    if tab_title == "Qualifying" and weekend.field is not None:
        return ReportChoice((Part.LINEUP,), ())
    if tab_title == "Practice" and boards:
        return ReportChoice((Part.BOARDS,), boards)
    if tab_title in ("Standings", "Postseason"):
        return ReportChoice((Part.STANDINGS,), ())
    every = tuple(s.name for s in weekend.sessions if s.kind is not SessionKind.RACE)
    return ReportChoice(tuple(Part), every)


class ReportDialog(QDialog):
    """One check box per part; a session board per practice or qualifying session."""

    def __init__(self, weekend: Weekend, choice: ReportChoice, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print or export")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"What to print of {weekend.event.name}:", self))
        self.lineup = QCheckBox("Starting lineup, with the reason of every car that went home")
        self.lineup.setEnabled(weekend.field is not None)
        self.lineup.setChecked(Part.LINEUP in choice.parts and weekend.field is not None)
        layout.addWidget(self.lineup)
        self.boards: dict[str, QCheckBox] = {}
        for session in weekend.sessions:
            if session.kind is SessionKind.RACE:
                continue
            box = QCheckBox(f"{session.name} board", self)
            box.setChecked(Part.BOARDS in choice.parts and session.name in choice.sessions)
            self.boards[session.name] = box
            layout.addWidget(box)
        self.standings = QCheckBox("Driver and owner standings", self)
        self.standings.setChecked(Part.STANDINGS in choice.parts)
        layout.addWidget(self.standings)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        for box in (self.lineup, self.standings, *self.boards.values()):
            box.toggled.connect(self._allow_ok)
        self._allow_ok()

    def choice(self) -> ReportChoice:
        sessions = tuple(name for name, box in self.boards.items() if box.isChecked())
        parts = [Part.LINEUP] if self.lineup.isChecked() else []
        parts += [Part.BOARDS] if sessions else []
        parts += [Part.STANDINGS] if self.standings.isChecked() else []
        return ReportChoice(tuple(parts), sessions)

    def _allow_ok(self) -> None:
        self._ok.setEnabled(bool(self.choice().parts))


def ask_report_choice(
    parent: QWidget, weekend: Weekend, suggested: ReportChoice
) -> ReportChoice | None:
    """The parts the user picks (None if cancelled); tests replace this."""
    dialog = ReportDialog(weekend, suggested, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
