"""Event ▸ New event… and Edit event…: name, track, dates, round, key, points, and the sessions.

A new event's sessions are proposed from its season's pack for the track's kind; the user may
rename, add, remove and reorder them before saving. Checks are the use case's (one path).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from domain import services
from domain.errors import DomainError
from domain.model import Event, Season, Track, TrackKind
from domain.ruleset import RuleSet
from domain.services.events import MAX_ROUND, EventEdit, EventSpec, TrackSpec
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.session_list import SessionListEditor


class EventDialog(FormDialog):
    """New event when `event` is None, else Edit event (the season and sessions stay)."""

    def __init__(
        self,
        seasons: Sequence[Season],
        tracks: Sequence[Track],
        rulesets: Mapping[str, RuleSet],
        event: Event | None = None,
        parent: QWidget | None = None,
    ) -> None:
        new = event is None
        super().__init__(
            "New event" if new else "Edit event", "Add event" if new else "Save", parent
        )
        self._rulesets = rulesets
        self._tracks = {t.name.casefold(): t for t in tracks}
        self._event = event
        self.season = QComboBox(self)
        for season in seasons:
            self.season.addItem(f"{season.name} ({season.series} {season.season})", season)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Daytona 500")
        self.track = QComboBox(self)
        self.track.setEditable(True)  # a new track is typed
        self.track.addItems(sorted(t.name for t in tracks))
        self.track.setCurrentIndex(-1)
        typed_track = self.track.lineEdit()
        assert typed_track is not None, "an editable combo box has a line edit"
        typed_track.setPlaceholderText("a stored track, or type a new one")
        self.length = QLineEdit(self)
        self.length.setPlaceholderText("miles, e.g. 2.5")
        self.kind = QComboBox(self)
        for kind in TrackKind:
            self.kind.addItem(kind.value, kind)
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.round = QSpinBox(self)
        self.round.setRange(0, MAX_ROUND)
        self.round.setSpecialValueText("after the last round")
        self.key = QLineEdit(self)
        self.key.setPlaceholderText("SERIES-YEAR-TRACK, made from the track")
        self.exhibition = QCheckBox("Exhibition: pays no points (the Clash, the All-Star Race)")
        self.sessions = SessionListEditor(self)
        self.from_pack = QPushButton("Sessions from the pack", self)
        self._add_rows(new)
        self.track.currentTextChanged.connect(self._track_typed)
        self.start.dateChanged.connect(self._start_moved)
        if new:
            self.season.currentIndexChanged.connect(self.propose_sessions)
            self.kind.currentIndexChanged.connect(self.propose_sessions)
            self.from_pack.clicked.connect(self.propose_sessions)
            self.propose_sessions()
        elif event is not None:
            self._fill(event)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate.currentDate())
        return edit

    def _add_rows(self, new: bool) -> None:
        if new:
            self.form.addRow("Season", self.season)
        for label, widget in (
            ("Name", self.name), ("Track", self.track), ("Length", self.length),
            ("Kind", self.kind), ("First day", self.start), ("Last day", self.end),
            ("Round", self.round), ("Key", self.key), ("", self.exhibition),
        ):  # fmt: skip
            self.form.addRow(label, widget)
        if new:
            self.form.addRow("Sessions", self.sessions)
            self.form.addRow("", self.from_pack)
        self.finish_layout()

    def _fill(self, event: Event) -> None:
        self.name.setText(event.name)
        self.track.setCurrentText(event.track.name)
        self.start.setDate(_qdate(event.start_date))
        self.end.setDate(_qdate(event.end_date))
        self.round.setValue(event.round_no)
        self.key.setText(event.key)
        self.exhibition.setChecked(not event.points_paying)

    def _track_typed(self, text: str) -> None:
        """A stored track brings its length and kind; they describe a new one otherwise."""
        stored = self._tracks.get(text.strip().casefold())
        if stored is not None:
            self.length.setText(f"{stored.length_millimiles / 1000:g}")
            self.kind.setCurrentIndex(self.kind.findData(stored.kind))
        self.length.setReadOnly(stored is not None)
        self.kind.setEnabled(stored is None)

    def _start_moved(self, day: QDate) -> None:
        if self.end.date() < day:
            self.end.setDate(day)

    def propose_sessions(self) -> None:
        """The pack's sessions for the chosen season and track kind (a refusal shows inline)."""
        season: Season | None = self.season.currentData()
        if season is None:
            return
        try:
            plan = services.proposed_sessions(
                self._rulesets, season.series, season.season, self.kind.currentData()
            )
        except DomainError as exc:
            self.message.setText(str(exc))
            self.message.setVisible(True)
            return
        self.sessions.set_plan(plan)

    def _track_spec(self) -> TrackSpec:
        stored = self._tracks.get(self.track.currentText().strip().casefold())
        if stored is not None:
            return TrackSpec(name=stored.name)
        return TrackSpec(
            name=self.track.currentText(),
            length_miles=self.length.text(),
            kind=self.kind.currentData(),
        )

    def spec(self) -> EventSpec:
        """The new event as typed."""
        season: Season | None = self.season.currentData()
        return EventSpec(
            series=season.series if season else "",
            season=season.season if season else 0,
            name=self.name.text(),
            track=self._track_spec(),
            start_date=_day(self.start),
            end_date=_day(self.end),
            round_no=self.round.value() or None,
            key=self.key.text(),
            points_paying=not self.exhibition.isChecked(),
            sessions=self.sessions.plan(),
        )

    def edit(self) -> EventEdit:
        """The fields as typed, for edit_event (unchanged ones change nothing)."""
        return EventEdit(
            name=self.name.text(),
            track=self._track_spec(),
            start_date=_day(self.start),
            end_date=_day(self.end),
            round_no=self.round.value() or None,
            key=self.key.text(),
            points_paying=not self.exhibition.isChecked(),
        )


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
