"""Lap entry plus the session's lap list, with correct, delete, flag and note (all undoable)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.changes import Changes
from domain.errors import DomainError
from domain.laptime import format_lap_time, parse_lap_time
from domain.model import Lap, LapFlag, Session
from domain.rules.plausibility import LapToCheck, SessionPace, doubts_about_lap
from ui.commands import TracksideCommand, push_command
from ui.context import AppContext
from ui.lap_commands import (
    DeleteLapCommand,
    LogLapCommand,
    edit_time_command,
    flag_command,
    note_command,
)
from ui.models.lap_table_model import LapTableModel, legend_html
from ui.widgets.board_options import BoardOptions
from ui.widgets.lap_entry import LapEntry
from ui.widgets.table_view import make_table

NOTE_COLUMN = 6  # car, lap, time, best, mph, flag, note


class LapLogPanel(QWidget):
    """Logs into the chosen session; its rows follow the lap notices on the bus."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.session: Session | None = None
        self._length_millimiles: int | None = None  # the event's track, for lap speeds
        self.entry = LapEntry(self._log, self)
        self._confirmed: tuple[str, str] | None = None  # the lap the spotter said to log anyway
        self._other_groups: dict[str, str] | None = None  # read on the first lap of a session
        self._pace: SessionPace | None = None  # the session's pace for the checks, kept per lap
        self.model = LapTableModel(self)
        self.view = make_table(self)
        self.view.setModel(self.model)
        # Compact rows and zoom like the boards; the note takes the width that is left.
        self.view_options = BoardOptions(self.view, "laps", stretch=(NOTE_COLUMN,))
        self.view.setMinimumWidth(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entry)
        caption = QLabel(f"Laps of this session, newest last &nbsp; {legend_html()}", self)
        caption.setWordWrap(True)  # the legend may take two lines rather than widen the log
        layout.addWidget(caption)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._edit_buttons())
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self._delete_selected)
        self.view.installEventFilter(self)  # digits typed in the list start a car number
        context.bus.changed.connect(self._changed)

    def _edit_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        correct = QPushButton("Correct time…", self)
        correct.clicked.connect(self._ask_time)
        delete = QPushButton("Delete", self)
        delete.clicked.connect(self._delete_selected)
        flag = QPushButton("Flag", self)
        menu = QMenu(flag)
        for lap_flag in LapFlag:
            menu.addAction(f"{lap_flag.value} lap", partial(self._flag_selected, lap_flag))
        menu.addAction("clear the flag", lambda: self._flag_selected(None))
        flag.setMenu(menu)
        note = QPushButton("Note…", self)
        note.clicked.connect(self._ask_note)
        for button in (correct, delete, flag, note):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A digit typed in the lap list goes to the Car field, not to the list's type-ahead."""
        if (
            watched is self.view
            and event.type() is QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text().isdigit()
            and event.text().isascii()
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.entry.type_car(event.text())
            return True
        return super().eventFilter(watched, event)

    # Session ------------------------------------------------------------------------------
    def set_session(self, session: Session | None, length_millimiles: int | None) -> None:
        self.session = session
        self._other_groups = None
        self._pace = None
        self._confirmed = None
        self.entry.clear_messages()  # a refusal about another weekend's lap is not news here
        self._length_millimiles = length_millimiles
        self.reload()
        if session is None:
            self.entry.set_enabled_for("Choose a session first.")
        elif session.cancelled:
            self.entry.set_enabled_for(f"{session.name} is marked cancelled.")
        else:
            self.entry.set_enabled_for("")

    def reload(self) -> None:
        """Read the session's laps again: on a session change, never on the logging path."""
        self._pace = None  # read again from the new rows when a lap is next checked
        laps: list[Lap] = []
        if self.session is not None:
            laps = services.session_laps(self._context.uow(), self.session.id)
        self.model.set_laps(laps, self._length_millimiles)
        self.view_options.fit()
        self.view.scrollToBottom()  # newest last: the laps just run are the ones in sight

    def laps(self) -> list[Lap]:
        return [row.lap for row in self.model.rows]

    # The bus: every lap change, from here, undo, redo or elsewhere -----------------------------
    def _changed(self, changes: Changes) -> None:
        """The laps the notice names in this session; a reloaded weekend is read again by the
        tab, which sets the session again (LapSessionTab)."""
        session = self.session
        if session is None:
            return
        rows = changes.laps
        if any(s.session_id != session.id for s in (*rows.added, *rows.changed, *rows.removed)):
            self._other_groups = None  # a lap in another group: read who ran where again
        if rows.removed or rows.changed:
            self._pace = None  # an edit: read the pace again from the list when next needed
        for lap in rows.removed:
            self.model.remove_lap(lap.id)
        for lap in rows.changed:
            if lap.session_id == session.id:
                self.model.update_lap(lap)
        for lap in rows.added:
            if lap.session_id == session.id:
                self._add(lap)
                if self._pace is not None:
                    self._pace.add(lap)

    def _add(self, lap: Lap) -> None:
        count = self.model.rowCount()
        last = self.model.lap_at(count - 1) if count else None
        if last is None or last.logged_at <= lap.logged_at:
            self.model.add_lap(lap)
            self.view.scrollToBottom()
        else:  # a deleted lap came back: its place is earlier in the run
            self.reload()

    # Edits --------------------------------------------------------------------------------
    def _log(self, car: str, time: str) -> bool:
        """A refused lap's message shows inline, and LapEntry keeps the typed text."""
        if self.session is None:
            self.entry.message.setText("Choose a session before logging laps.")
            self.entry.message.setVisible(True)
            return False
        typed = (car.strip(), time.strip())
        confirmed = self.entry.asking() and typed == self._confirmed  # Esc takes it back
        if not confirmed and self._ask_about(car, time):
            self._confirmed = typed  # Enter again on the same text logs it
            return False
        self._confirmed = None
        command = LogLapCommand(self._context, self.session.id, car, time, self)
        return push_command(self._context, command, inline=self.entry.message)

    def _ask_about(self, car: str, time: str) -> bool:
        """Ask before a lap that looks like a typing mistake (domain/rules/plausibility.py).

        Read from the laps this list holds, not the database: the logging path stays one
        commit (DESIGN §6). An unreadable time asks nothing: logging it shows the refusal.
        """
        event, session = self._context.event, self.session
        if event is None or session is None:
            return False
        try:
            lap_ms = parse_lap_time(time, track_length_millimiles=event.track.length_millimiles)
        except DomainError:
            return False
        if self._other_groups is None:
            self._other_groups = services.other_group_cars(self._context.uow(), session.id)
        checked = LapToCheck(
            car_number=car.strip(), lap_ms=lap_ms, session=session, track_kind=event.track.kind
        )
        if self._pace is None:
            self._pace = SessionPace(self.laps())
        doubts = doubts_about_lap(checked, self._pace, self._other_groups)
        if doubts:
            self.entry.ask(" ".join(doubt.question for doubt in doubts))
        return bool(doubts)

    def _push(self, command: TracksideCommand) -> bool:
        return push_command(self._context, command)

    def selected_lap(self) -> Lap | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.lap_at(rows[0].row()) if rows else None

    def correct_lap(self, lap: Lap, time_text: str) -> bool:
        return self._push(edit_time_command(self._context, lap, time_text, self))

    def delete_lap(self, lap: Lap) -> bool:
        return self._push(DeleteLapCommand(self._context, lap, self))

    def flag_lap(self, lap: Lap, flag: LapFlag | None) -> bool:
        return self._push(flag_command(self._context, lap, flag, self))

    def note_lap(self, lap: Lap, note: str) -> bool:
        return self._push(note_command(self._context, lap, note, self))

    def _ask_time(self) -> None:
        lap = self.selected_lap()
        if lap is None:
            return
        shown = format_lap_time(lap.lap_ms)
        text, ok = QInputDialog.getText(self, "Correct lap", f"No. {lap.car_number}:", text=shown)
        if ok:
            self.correct_lap(lap, text)

    def _ask_note(self) -> None:
        lap = self.selected_lap()
        if lap is None:
            return
        text, ok = QInputDialog.getText(
            self, "Note", f"Note on No. {lap.car_number}'s lap:", text=lap.note
        )
        if ok:
            self.note_lap(lap, text)

    def _delete_selected(self) -> None:
        lap = self.selected_lap()
        if lap is not None:
            self.delete_lap(lap)

    def _flag_selected(self, flag: LapFlag | None) -> None:
        lap = self.selected_lap()
        if lap is not None:
            self.flag_lap(lap, flag)
