"""Event ▸ Edit track…: a track's name, length and kind; every speed at the track follows."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from domain.model import Track, TrackKind
from ui.dialogs.form_dialog import FormDialog


class TrackDialog(FormDialog):
    """Filled with the track as stored; speeds are derived, so nothing else needs changing."""

    def __init__(self, track: Track, parent: QWidget | None = None) -> None:
        super().__init__(f"Edit track: {track.name}", "Save", parent)
        self.name = QLineEdit(track.name, self)
        self.length = QLineEdit(f"{track.length_millimiles / 1000:g}", self)
        self.length.setPlaceholderText("miles, e.g. 2.5")
        self.kind = QComboBox(self)
        for kind in TrackKind:
            self.kind.addItem(kind.value, kind)
        self.kind.setCurrentIndex(self.kind.findData(track.kind))
        self.form.addRow("Name", self.name)
        self.form.addRow("Length", self.length)
        self.form.addRow("Kind", self.kind)
        self.finish_layout()

    def chosen_kind(self) -> TrackKind:
        kind: TrackKind = self.kind.currentData()
        return kind
