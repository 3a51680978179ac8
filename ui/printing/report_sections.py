"""What a printed report holds, as plain tables: the lineup, session boards, the standings.

Built from the same `Weekend` the CSV summary and the command line read, so paper agrees with
the screen. No Qt here: `page_printer` lays these tables out on pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from domain.laptime import format_gap, format_lap_time, format_speed
from domain.model import SessionKind
from domain.rules.field import FieldRow, FieldStatus
from domain.services.weekend import Weekend

STATUS_WORDS = {
    FieldStatus.GUARANTEED: "Guaranteed",
    FieldStatus.ON_SPEED: "In on speed",
    FieldStatus.PROVISIONAL: "Provisional",
    FieldStatus.PAST_CHAMPION: "Past champion",
    FieldStatus.OEP: "OEP",
    FieldStatus.DNQ: "DNQ",
}


class Part(StrEnum):
    """What a user can choose to print; a session board is chosen by its session's name."""

    LINEUP = "lineup"
    BOARDS = "boards"
    STANDINGS = "standings"


@dataclass(frozen=True, slots=True)
class Section:
    """One titled table; `right` holds the indexes of columns read as figures."""

    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    right: frozenset[int] = frozenset()
    notes: list[str] = field(default_factory=list)  # paragraphs under the table
    summary: str = ""  # one line above the table


def report_sections(
    weekend: Weekend, parts: Sequence[Part], sessions: Sequence[str] = ()
) -> list[Section]:
    """The chosen parts in a fixed order; `sessions` narrows the boards to those names."""
    sections: list[Section] = []
    if Part.LINEUP in parts and weekend.field is not None:
        sections.append(lineup_section(weekend))
    if Part.BOARDS in parts:
        wanted = {name.casefold() for name in sessions}
        for session in weekend.sessions:
            if session.kind is SessionKind.RACE:
                continue
            if wanted and session.name.casefold() not in wanted:
                continue
            sections.append(board_section(weekend, session.name))
    if Part.STANDINGS in parts:
        sections.extend(standings_sections(weekend))
    return sections


def _time(ms: int | None) -> str:
    return "" if ms is None else format_lap_time(ms)


def _gap(ms: int | None) -> str:
    return "" if ms is None else format_gap(ms)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def lineup_section(weekend: Weekend) -> Section:
    """The starting order, then every car that went home with the rules' reason."""
    result = weekend.field
    if result is None:
        raise ValueError("lineup_section needs a weekend with qualifying")
    rows = [_lineup_row(row) for row in result.lineup + result.dnq]
    return Section(
        title="Starting lineup",
        header=("Start", "Car", "Driver", "Status", "Best", "To cutoff"),
        rows=rows,
        right=frozenset({0, 4, 5}),
        notes=[f"Did not qualify: {row.reason}" for row in result.dnq],
        summary=result.summary,
    )


def _lineup_row(row: FieldRow) -> tuple[str, ...]:
    start = "DNQ" if row.status is FieldStatus.DNQ else _number(row.starting_position)
    return (
        start,
        row.car_number,
        row.driver_name,
        STATUS_WORDS[row.status],
        _time(row.best_lap_ms) or "no time",
        _cutoff(row),
    )


def _cutoff(row: FieldRow) -> str:
    """As the board shows it: the last car in has its margin over the first car out."""
    if row.cutoff_margin_ms is not None:
        return f"{format_lap_time(row.cutoff_margin_ms)} clear"
    return _gap(row.gap_to_cutoff_ms)


def board_section(weekend: Weekend, session_name: str) -> Section:
    """A practice or qualifying session's board: fastest clean lap first."""
    length = weekend.event.track.length_millimiles
    rows: list[tuple[str, ...]] = [
        (
            _number(b.position), b.car_number, b.driver, str(b.laps_run), _time(b.best_lap_ms),
            format_speed(b.best_lap_ms, length) if b.best_lap_ms else "",
            _gap(b.gap_to_first_ms), _gap(b.gap_to_ahead_ms),
        )
        for b in weekend.boards
        if b.session.name == session_name
    ]  # fmt: skip
    return Section(
        title=session_name,
        header=("Pos", "Car", "Driver", "Laps", "Best", "mph", "Gap", "Ahead"),
        rows=rows,
        right=frozenset({0, 3, 4, 5, 6, 7}),
        summary="" if rows else "No laps logged.",
    )


def standings_sections(weekend: Weekend) -> list[Section]:
    """Driver and owner standings after this event, as the Standings tab shows them."""
    header = ("Pos", "", "Points", "Behind", "Wins", "Top 5", "Top 10", "Playoff", "Starts")
    right = frozenset({0, 2, 3, 4, 5, 6, 7, 8})
    sections = []
    for who, standings in (
        ("Driver", weekend.driver_standings),
        ("Owner", weekend.owner_standings),
    ):
        rows: list[tuple[str, ...]] = [
            (
                str(s.position), s.name, str(s.points), str(-s.behind_leader) if s.behind_leader
                else "", str(s.wins), str(s.top5), str(s.top10), str(s.playoff_points),
                str(s.starts),
            )
            for s in standings
        ]  # fmt: skip
        sections.append(
            Section(
                title=f"{who} standings after {weekend.event.name}",
                header=(header[0], who, *header[2:]),
                rows=rows,
                right=right,
                summary="" if rows else "No results entered yet this season.",
            )
        )
    return sections
