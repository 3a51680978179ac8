"""The Postseason tab: the field as the regular season sets it, then the rounds or the Chase.

During the regular season it shows who is in on wins and on points, the cut line, waivers and
what-if; once the postseason starts, the pack's format: the elimination rounds (resets, the cut
line, who is eliminated, the champion) or the Chase (seeds, resets, the champion).
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from domain.changes import Changes
from domain.model import Waiver, WaiverReason, WaiverStatus
from domain.rules.playoffs import PlayoffRow
from domain.rules.postseason import PostseasonStatus, PostseasonTable
from domain.rules.whatif import Goal, Scenario, what_it_takes
from domain.ruleset import PostseasonFormat, RuleSet
from domain.services import ScoredSeason
from ui.commands import push_command
from ui.context import AppContext
from ui.errors import run_guarded
from ui.models.playoff_table_model import PlayoffTableModel
from ui.models.postseason_table_model import PostseasonTableModel
from ui.models.waiver_table_model import WaiverLine
from ui.tabs.lazy import LazyReload
from ui.tabs.season_facts import load_season
from ui.tabs.standings_tab import make_table
from ui.tabs.waiver_panel import WaiverPanel
from ui.tabs.whatif_panel import WhatIfPanel
from ui.waiver_commands import (
    ApproveAbsenceCommand,
    DecideWaiverCommand,
    RequestWaiverCommand,
)
from ui.widgets.bubble_delegate import BubbleLineDelegate


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
        self.rounds = QLabel(self)
        self.rounds.setWordWrap(True)
        self.postseason = PostseasonTableModel(self)
        self.postseason_table = make_table(self, self.postseason)
        self.postseason_table.horizontalHeader().setStretchLastSection(True)
        self.postseason_table.setItemDelegate(
            BubbleLineDelegate(self.postseason.cut_row, self.postseason_table)
        )
        self.tables = QStackedWidget(self)
        self.tables.addWidget(self.table)
        self.tables.addWidget(self.postseason_table)
        self.waivers = WaiverPanel(self)
        self.whatif = WhatIfPanel(self)
        self._build()
        self.waivers.requested.connect(self._request_waiver)
        self.waivers.decided.connect(self._decide_waiver)
        self.waivers.approval.connect(self._approve_absence)
        self.whatif.asked.connect(self._answer_whatif)
        self._lazy = LazyReload(
            self,
            context,
            on_event=self.reload,
            on_data=self.reload,
            wants=Changes.touches_season_scores,
        )
        self._lazy.event_changed()

    def _build(self) -> None:
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.waivers)
        side.addWidget(self.whatif)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(self.tables)
        main.addWidget(side)
        main.setSizes([900, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rounds)
        layout.addWidget(main, 1)

    def reload(self) -> None:
        self._facts = load_season(self._context)
        self._picture = self._facts.playoff_picture
        self.model.set_rows(self._picture)
        table = self._facts.postseason
        started = table is not None and table.started
        self.postseason.set_rows(table.rows if table is not None and started else [])
        self.tables.setCurrentWidget(self.postseason_table if started else self.table)
        self._fit_columns(table)
        self.whatif.setVisible(not started)  # what-if asks about the field, not a reset
        self._show_heading()
        self._show_rounds()
        drivers = [(row.standing.name, row.driver_id) for row in self._picture]
        self.waivers.set_waivers(self._waiver_lines(), drivers)
        self.whatif.set_choices(drivers, self._next_race(), self._field_size())

    def _show_heading(self) -> None:
        rules = self._facts.ruleset
        if rules is None or self._context.event is None:
            self.heading.setText("Choose a weekend to see the postseason after it.")
            return
        post = rules.postseason
        assumed = f" <i>{rules.assumed}</i>" if rules.assumed else ""
        if self.tables.currentWidget() is self.postseason_table and self._facts.postseason:
            self.heading.setText(
                f"<b>{rules.name}</b>: {_phase_words(self._facts.postseason)}" + assumed
            )
            return
        races = min(self._facts.races_run, post.regular_season_races)
        how = (
            "winners first, then points"
            if post.format is PostseasonFormat.ELIMINATION
            else "by regular-season points only"
        )
        self.heading.setText(
            f"<b>{rules.name}</b>: the postseason field after {races} of "
            f"{post.regular_season_races} regular-season races. {post.field_size} drivers "
            f"make it, {how}. The orange line is the cut; eligibility needs every start (or a "
            f"granted waiver) and a top-{post.eligible_top} place in points.{assumed}"
        )

    def _fit_columns(self, table: PostseasonTable | None) -> None:
        """The Chase has no rounds, cuts or finale: those columns show only for eliminations."""
        chase = table is not None and table.format is not PostseasonFormat.ELIMINATION
        for header in ("Round", "To cut", "Finale"):
            self.postseason_table.setColumnHidden(self.postseason.column_of(header), chase)

    def _show_rounds(self) -> None:
        rules = self._facts.ruleset
        self.rounds.setText("" if rules is None else _format_words(rules, self._facts.postseason))

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
        push_command(self._context, command, inline=self.waivers.message)

    def _decide_waiver(self, waiver: Waiver, status: WaiverStatus) -> None:
        label = self._facts.label(waiver.driver_id)
        command = DecideWaiverCommand(self._context, waiver, status, label, self)
        push_command(self._context, command)

    def _approve_absence(self, waiver: Waiver, approved: bool) -> None:
        label = self._facts.label(waiver.driver_id)
        command = ApproveAbsenceCommand(self._context, waiver, approved, label, self)
        push_command(self._context, command)

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


def _phase_words(table: PostseasonTable) -> str:
    """Where the postseason stands, and the champion once it is decided."""
    words = f"{table.phase} after race {table.after_race}."
    champion = next((r for r in table.rows if r.status is PostseasonStatus.CHAMPION), None)
    if champion is not None:
        words += f" Champion: <b>{champion.standing.name}</b>."
    elif table.format is PostseasonFormat.ELIMINATION:
        words += " The orange line is the cut; a race winner of the round advances."
    return words


def _format_words(rules: RuleSet, table: PostseasonTable | None) -> str:
    """The season's format in one line: the rounds (the current one bold) or the Chase."""
    post = rules.postseason
    if post.format is PostseasonFormat.CHASE:
        resets = post.seed_resets
        tail = f"…, seed {len(resets)} {resets[-1]:,}" if len(resets) > 3 else ""
        start = post.unapproved_waiver_start
        waived = (
            f" A waived absence NASCAR did not approve starts at {start:,}."
            if start is not None
            else ""
        )
        return (
            f"The Chase: the top {post.field_size} after race {post.regular_season_races}, over "
            f"races {post.regular_season_races + 1}–{post.season_races}; no cuts. Seeds restart "
            f"at " + ", ".join(f"{r:,}" for r in resets[:3]) + tail + f".{waived}"
        )
    if post.format is PostseasonFormat.NONE:
        return "No postseason: the points leader after the last race is champion."
    current = table.round.name if table is not None and table.round is not None else None
    parts, first = [], post.regular_season_races + 1
    for round_ in post.rounds:
        races = (
            f"race {first}" if first == round_.last_race else f"races {first}–{round_.last_race}"
        )
        base = f"{round_.reset_base:,}" + (
            " + playoff points" if round_.adds_playoff_points else ""
        )
        text = f"{round_.name} ({races}, from {base})"
        parts.append(f"<b>{text}</b>" if round_.name == current else text)
        first = round_.last_race + 1
    return "Elimination: " + " → ".join(parts) + "."
