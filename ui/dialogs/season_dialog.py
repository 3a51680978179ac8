"""File ▸ New season…: a series and year, bound to the rule pack of that name."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from domain.ruleset import RuleSet
from ui.dialogs.form_dialog import FormDialog


class SeasonDialog(FormDialog):
    """The pack the season will use is shown as the series and year are chosen."""

    def __init__(self, rulesets: Mapping[str, RuleSet], parent: QWidget | None = None) -> None:
        super().__init__("New season", "Add season", parent)
        self._rulesets = rulesets
        self.series = QComboBox(self)
        self.series.setEditable(True)  # a user's own series is typed
        for token in sorted({r.series for r in rulesets.values()}):
            self.series.addItem(token)
        self.year = QSpinBox(self)
        self.year.setRange(1900, 2999)
        years = [r.season for r in rulesets.values()]
        self.year.setValue(max(years) if years else date.today().year)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("as the rule pack names it")
        self.pack = QLabel(self)
        self.pack.setWordWrap(True)
        self.form.addRow("Series", self.series)
        self.form.addRow("Year", self.year)
        self.form.addRow("Name", self.name)
        self.form.addRow("Rule pack", self.pack)
        self.finish_layout()
        self.series.currentTextChanged.connect(self._show_pack)
        self.year.valueChanged.connect(self._show_pack)
        self._show_pack()

    def _show_pack(self) -> None:
        key = f"{self.series.currentText().strip().lower()}-{self.year.value()}"
        ruleset = self._rulesets.get(key)
        self.pack.setText(
            f"{ruleset.name} ({key})" if ruleset else f"none yet for {key}: add {key}.toml first"
        )
