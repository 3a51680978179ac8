"""File ▸ Import…: a CSV file of any kind the command line imports, into an event or a season."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from domain.model import Event, Season
from domain.services.import_kinds import IMPORT_KINDS, ImportScope
from ui.dialogs.form_dialog import FormDialog


def ask_import_file(parent: QWidget, start: str) -> str:
    """The CSV file the user picks ("" if cancelled); tests replace this."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import a CSV file", start, "CSV files (*.csv *.txt);;All (*)"
    )
    return path


class ImportDialog(FormDialog):
    """Kind, file and target; the rows are checked by the same importers as the command line."""

    def __init__(
        self,
        events: Sequence[Event],
        seasons: Sequence[Season],
        current: Event | None,
        kind: str = "entries",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Import", "Import", parent)
        self.kind = QComboBox(self)
        for name, spec in IMPORT_KINDS.items():
            self.kind.addItem(spec.label, name)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("a CSV file (docs/CSV.md lists the columns)")
        browse = QPushButton("Choose…", self)
        file_row = QWidget(self)
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.event_box = QComboBox(self)
        for event in events:
            self.event_box.addItem(f"{event.key} · {event.name}", event.key)
        if current is not None:
            self.event_box.setCurrentIndex(self.event_box.findData(current.key))
        self.season = QComboBox(self)
        for season in seasons:
            self.season.addItem(season.name, season)
        if current is not None:
            at = [i for i, s in enumerate(seasons) if (s.series, s.season) == _season_of(current)]
            self.season.setCurrentIndex(at[0] if at else 0)
        self.session = QLineEdit(self)
        self.session.setPlaceholderText("for rows that name no session, e.g. Practice")
        self._labels: dict[QWidget, QLabel] = {}
        for text, widget in (
            ("What", self.kind), ("File", file_row), ("Event", self.event_box),
            ("Season", self.season), ("Session", self.session),
        ):  # fmt: skip
            self._labels[widget] = QLabel(text, self)
            self.form.addRow(self._labels[widget], widget)
        self.finish_layout()
        browse.clicked.connect(self._browse)
        self.kind.currentIndexChanged.connect(self._show_target)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._show_target()

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_path(self) -> Path:
        return Path(self.path.text().strip())

    def chosen_event_key(self) -> str:
        return str(self.event_box.currentData() or "")

    def chosen_season(self) -> Season | None:
        season: Season | None = self.season.currentData()
        return season

    def chosen_session(self) -> str | None:
        return self.session.text().strip() or None

    def _show_target(self) -> None:
        scope = IMPORT_KINDS[self.chosen_kind()].scope
        for widget, shown in (
            (self.event_box, scope is ImportScope.EVENT),
            (self.season, scope is ImportScope.SEASON),
            (self.session, self.chosen_kind() == "laps"),
        ):
            widget.setVisible(shown)
            self._labels[widget].setVisible(shown)

    def _browse(self) -> None:
        start = str(self.chosen_path().parent) if self.path.text().strip() else ""
        path = ask_import_file(self, start)
        if path:
            self.path.setText(path)


def _season_of(event: Event) -> tuple[str, int]:
    return (event.series, event.season)
