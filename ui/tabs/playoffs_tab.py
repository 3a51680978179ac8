"""The playoffs tab: who is in on wins and on points, the cut line, waivers and what-if."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from domain.model import Waiver, WaiverReason, WaiverStatus
from domain.rules.playoffs import PlayoffRow
from domain.rules.whatif import Goal, Scenario, what_it_takes
from domain.services import ScoredSeason
from ui.commands import push_guarded
from ui.context import AppContext
from ui.errors import run_guarded
from ui.models.playoff_table_model import PlayoffTableModel
from ui.models.waiver_table_model import WaiverLine
from ui.race_commands import DecideWaiverCommand, RequestWaiverCommand
from ui.tabs.lazy import LazyReload
from ui.tabs.season_facts import load_season
from ui.tabs.standings_tab import make_table
from ui.tabs.waiver_panel import WaiverPanel
from ui.tabs.whatif_panel import WhatIfPanel
from ui.widgets.bubble_delegate import BubbleLineDelegate

SHOWN_KINDS = {"results", "penalties", "entries", "waivers"}


class PlayoffsTab(QWidget):
    """Derived on every change from results, penalties and waivers; what-if changes nothing."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._facts = ScoredSeason()
        self._picture: list[PlayoffRow] = []
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.model = PlayoffTableModel(self)
        self.table = make_table(self, self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegate(BubbleLineDelegate(self.model.cut_row, self.table))
        self.waivers = WaiverPanel(self)
        self.whatif = WhatIfPanel(self)
        self._build()
        self.waivers.requested.connect(self._request_waiver)
        self.waivers.decided.connect(self._decide_waiver)
        self.whatif.asked.connect(self._answer_whatif)
        self._lazy = LazyReload(
            self, context, on_event=self.reload, on_data=self.reload, kinds=SHOWN_KINDS
        )
        self._lazy.event_changed()

    def _build(self) -> None:
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.waivers)
        side.addWidget(self.whatif)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(self.table)
        main.addWidget(side)
        main.setSizes([900, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(main, 1)

    def reload(self) -> None:
        self._facts = load_season(self._context)
        self._picture = self._facts.playoff_picture
        self.model.set_rows(self._picture)
        self._show_heading()
        drivers = [(row.standing.name, row.driver_id) for row in self._picture]
        self.waivers.set_waivers(self._waiver_lines(), drivers)
        self.whatif.set_choices(drivers, self._next_race(), self._field_size())

    def _show_heading(self) -> None:
        rules = self._facts.ruleset
        if rules is None or self._context.event is None:
            self.heading.setText("Choose a weekend to see the playoff picture after it.")
            return
        playoffs = rules.postseason
        races = min(self._facts.races_run, playoffs.regular_season_races)
        self.heading.setText(
            f"<b>{rules.name}</b>: playoff picture after {races} of "
            f"{playoffs.regular_season_races} regular-season races. {playoffs.field_size} drivers "
            "make it: winners first, then points. The orange line is the cut; eligibility needs "
            f"every start (or a granted waiver) and a top-{playoffs.eligible_top} place in points."
        )

    def _waiver_lines(self) -> list[WaiverLine]:
        # The effect is the domain's own eligibility sentence for the driver.
        effects = {row.driver_id: row.eligibility for row in self._picture}
        return [
            WaiverLine(w, self._facts.label(w.driver_id), effects.get(w.driver_id, "no starts yet"))
            for w in self._facts.waivers
        ]

    def _next_race(self) -> str:
        if self._context.event is None:
            return ""
        upcoming = self._facts.next_race
        return upcoming.name if upcoming else "after the last stored round"

    def _field_size(self) -> int:
        rules = self._facts.ruleset
        return rules.field.starting_field if rules else 40

    # Waivers ------------------------------------------------------------------------------
    def _request_waiver(self, driver_id: UUID, reason: WaiverReason, note: str) -> None:
        label = self._facts.label(driver_id)
        command = RequestWaiverCommand(self._context, driver_id, reason, note, label, self)
        if run_guarded(self, command.text(), command.apply, inline=self.waivers.message):
            self._context.undo_stack.push(command)

    def _decide_waiver(self, waiver: Waiver, status: WaiverStatus) -> None:
        label = self._facts.label(waiver.driver_id)
        command = DecideWaiverCommand(self._context, waiver, status, label, self)
        push_guarded(self._context.undo_stack, command)

    # What-if ------------------------------------------------------------------------------
    def _answer_whatif(self, driver_id: UUID, goal: Goal, scenario: Scenario) -> None:
        rules = self._facts.ruleset
        if rules is None:
            return

        def answer() -> None:
            standings = [row.standing for row in self._picture]
            standings.sort(key=lambda row: row.position)
            answers = what_it_takes(
                standings, driver_id, rules.points, scenario, goal=goal, picture=self._picture
            )
            self.whatif.show_answer([a.sentence for a in answers])

        if not run_guarded(self, "What if", answer, inline=self.whatif.message):
            self.whatif.show_answer([])
