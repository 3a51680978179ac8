"""The weekend summary: one Excel-safe CSV per section in a folder (docs/CSV.md says why).

entries.csv, laps.csv and results.csv use the import columns, so a summary re-imports on
another laptop. Rows come in a fixed order and no file holds the export time, so the same data
always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from domain.errors import ValidationError
from domain.laptime import format_lap_time, speed_mph_thousandths
from domain.model import Driver, Entry, Event, Penalty, Session
from domain.rules.drivers import driver_at
from domain.rules.field import FieldRow
from domain.rules.lap_numbers import lap_numbers
from domain.services.race_sheet_query import SheetRow
from domain.services.weekend import BoardRow, Weekend
from persistence.csv_io import Column, Kind, write_csv

Table = tuple[Sequence[Column], list[Sequence[object]]]

ENTRY_COLUMNS = (
    Column("car", Kind.CAR),
    Column("driver"),
    Column("disambiguator"),
    Column("team"),
    Column("owner"),
    Column("make"),
    Column("guaranteed", Kind.FLAG),
    Column("oep", Kind.FLAG),
    Column("past_champion", Kind.FLAG),
    Column("points_eligible", Kind.FLAG),
    Column("withdrawn", Kind.FLAG),
    Column("owner_key", Kind.CAR),
)
# The import's columns, with the lap's number in its car's run, its driver, its speed and the
# time as people write it beside the numeric seconds (import-laps skips those four).
LAP_COLUMNS = (
    Column("session"),
    Column("car", Kind.CAR),
    Column("lap", Kind.NUMBER),
    Column("driver"),
    Column("time", Kind.NUMBER),
    Column("time_text"),
    Column("mph", Kind.NUMBER),
    Column("flag"),
    Column("note"),
)
_N = Kind.NUMBER
RESULT_COLUMNS = tuple(
    Column(name, kind)
    for name, kind in [
        ("finish", _N), ("car", Kind.CAR), ("driver", Kind.TEXT), ("disambiguator", Kind.TEXT),
        ("start", _N), ("laps", _N),
        ("laps_led", _N), ("status", Kind.TEXT), ("stage1", _N), ("stage2", _N),
        ("stage3", _N), ("stage_points", _N), ("stage_wins", _N), ("fastest_lap", Kind.FLAG),
        ("garage_repair", Kind.FLAG), ("stage1_points", _N), ("stage2_points", _N),
        ("stage3_points", _N), ("finish_points", _N), ("bonus_points", _N),
        ("driver_penalty", _N), ("owner_penalty", _N), ("driver_points", _N), ("owner_points", _N),
        ("playoff_points", _N), ("replacement_start", Kind.FLAG),
    ]
)  # fmt: skip


def seconds(ms: int | None) -> Decimal | None:
    """Milliseconds as exact seconds with three decimals: 92368 -> 92.368 (never a float)."""
    return None if ms is None else Decimal(ms).scaleb(-3)


def entries_table(entries: Iterable[Entry], drivers: Mapping[UUID, Driver]) -> Table:
    rows: list[Sequence[object]] = [
        (
            e.car_number, drivers[e.driver_id].name, drivers[e.driver_id].disambiguator, e.team,
            e.owner, e.make, e.guaranteed,
            e.oep, e.past_champion, e.points_eligible, e.withdrawn, e.owner_key or None,
        )
        for e in entries
    ]  # fmt: skip
    return ENTRY_COLUMNS, rows


def laps_table(weekend: Weekend) -> Table:
    """Every lap with its number within its car's run of the session: a feed lap's own, a typed
    lap's the next one (domain/rules/lap_numbers.py)."""
    sessions = {s.id: s for s in weekend.sessions}
    entries = {e.car_number: e for e in weekend.entries}
    length = weekend.event.track.length_millimiles
    numbers = lap_numbers(weekend.laps)
    rows: list[Sequence[object]] = []
    for lap in weekend.laps:
        session = sessions[lap.session_id]
        rows.append(
            (
                session.name, lap.car_number, numbers[lap.id],
                _driver_name(weekend, entries.get(lap.car_number), session.order),
                seconds(lap.lap_ms), format_lap_time(lap.lap_ms), _speed(lap.lap_ms, length),
                lap.flag, lap.note,
            )
        )  # fmt: skip
    return LAP_COLUMNS, rows


def _driver_name(weekend: Weekend, entry: Entry | None, session_order: int) -> str:
    if entry is None:
        return ""
    driver = weekend.drivers.get(driver_at(entry, weekend.substitutions, session_order))
    return driver.name if driver is not None else ""


def results_table(results: Iterable[SheetRow], drivers: Mapping[UUID, Driver]) -> Table:
    """The race sheet; a driver is written as name and disambiguator, so two Jason Whites stay
    two drivers when the file is imported again."""
    rows: list[Sequence[object]] = []
    for scored in results:
        r, p = scored.result, scored.points
        driver = drivers.get(r.driver_id)
        name, disambiguator = (driver.name, driver.disambiguator) if driver else (scored.driver, "")
        rows.append(
            (
                r.finish, r.car_number, name, disambiguator, r.start, r.laps, r.laps_led, r.status,
                r.stage1, r.stage2, r.stage3, r.reported_stage_points, r.reported_stage_wins,
                r.fastest_lap, r.garage_repair, p.stage1, p.stage2, p.stage3, p.finish,
                p.fastest_lap, p.penalty_driver, p.penalty_owner,
                p.driver_total, p.owner_total, p.playoff_points, r.replacement_start,
            )
        )  # fmt: skip
    return RESULT_COLUMNS, rows


def substitutions_table(weekend: Weekend) -> Table:
    columns = (
        Column("car", Kind.CAR),
        Column("from_session"),
        Column("replaced_driver"),
        Column("driver"),
        Column("reason"),
    )
    cars = {e.id: e.car_number for e in weekend.entries}
    sessions = {s.order: s.name for s in weekend.sessions}
    subs = sorted(weekend.substitutions, key=lambda s: (s.from_session_order, s.at))
    label = {d.id: d.label for d in weekend.drivers.values()}
    rows: list[Sequence[object]] = [
        (
            cars.get(s.entry_id, "?"),
            sessions.get(s.from_session_order, "the whole weekend"),
            label.get(s.replaced_driver_id, "?"),
            label.get(s.driver_id, "?"),
            s.reason,
        )
        for s in subs
    ]
    return columns, rows


def sessions_table(boards: Iterable[BoardRow], length_millimiles: int) -> Table:
    columns = (
        Column("session"), Column("position", _N), Column("car", Kind.CAR), Column("driver"),
        Column("laps", _N), Column("best_time", _N), Column("best_speed", _N),
        Column("gap_to_first", _N), Column("gap_to_ahead", _N),
    )  # fmt: skip
    rows: list[Sequence[object]] = [
        (
            b.session.name, b.position, b.car_number, b.driver, b.laps_run,
            seconds(b.best_lap_ms), _speed(b.best_lap_ms, length_millimiles),
            seconds(b.gap_to_first_ms), seconds(b.gap_to_ahead_ms),
        )
        for b in boards
    ]  # fmt: skip
    return columns, rows


def lineup_table(weekend: Weekend) -> Table:
    columns = (
        Column("start", _N), Column("car", Kind.CAR), Column("driver"), Column("status"),
        Column("best_time", _N), Column("gap_to_cutoff", _N), Column("reason"),
    )  # fmt: skip
    field = weekend.field
    starters: list[FieldRow] = field.lineup + field.dnq if field else []
    rows: list[Sequence[object]] = [
        (
            f.starting_position, f.car_number, f.driver_name, str(f.status),
            seconds(f.best_lap_ms), seconds(f.gap_to_cutoff_ms), f.reason,
        )
        for f in starters
    ]  # fmt: skip
    return columns, rows


def standings_table(weekend: Weekend, *, owners: bool) -> Table:
    counts = ("points", "behind_leader", "wins", "top5", "top10", "playoff_points", "starts")
    if owners:
        head: tuple[Column, ...] = (
            Column("position", _N),
            Column("car", Kind.CAR),
            Column("team"),
            Column("owner"),
        )
        rows: list[Sequence[object]] = [
            (s.position, s.car_number, s.team, s.owner, *(getattr(s, c) for c in counts))
            for s in weekend.owner_standings
        ]
    else:
        head = (Column("position", _N), Column("driver"))
        rows = [
            (s.position, s.name, *(getattr(s, c) for c in counts)) for s in weekend.driver_standings
        ]
    return (*head, *(Column(c, _N) for c in counts)), rows


PENALTY_COLUMNS = (
    Column("car", Kind.CAR), Column("driver"), Column("disambiguator"),
    Column("driver_points", _N), Column("owner_points", _N), Column("playoff_points", _N),
    Column("disqualified", Kind.FLAG), Column("reason"),
)  # fmt: skip
WAIVER_COLUMNS = (
    Column("driver"), Column("disambiguator"), Column("reason"), Column("approved", Kind.FLAG),
    Column("status"), Column("races"), Column("note"),
)  # fmt: skip


def penalties_table(penalties: Iterable[Penalty], drivers: Mapping[UUID, Driver]) -> Table:
    """The event's penalties as import-penalties reads them (deductions as positive numbers)."""
    rows: list[Sequence[object]] = []
    for p in penalties:
        driver = drivers.get(p.driver_id) if p.driver_id else None
        rows.append(
            (
                p.car_number, driver.name if driver else "", driver.disambiguator if driver else "",
                p.driver_points, p.owner_points, p.playoff_points, p.disqualified, p.reason,
            )
        )  # fmt: skip
    return PENALTY_COLUMNS, rows


def waivers_table(weekend: Weekend) -> Table:
    """The season's waivers as import-waivers reads them; `races` (derived, not read back) lists
    the rounds up to this event the driver started none of."""
    rows: list[Sequence[object]] = []
    for w in weekend.waivers:
        driver = weekend.drivers.get(w.driver_id)
        missed = weekend.missed_rounds.get(w.driver_id, ())
        rows.append(
            (
                driver.name if driver else "", driver.disambiguator if driver else "",
                w.reason.value, w.approved, w.status.value, " ".join(map(str, missed)), w.note,
            )
        )  # fmt: skip
    return WAIVER_COLUMNS, rows


SCHEDULE_COLUMNS = (
    Column("key"), Column("series"), Column("season", _N), Column("round", _N), Column("name"),
    Column("track"), Column("length", _N), Column("kind"), Column("date"), Column("end_date"),
    Column("points", Kind.FLAG), Column("sessions"),
)  # fmt: skip


def schedule_table(events: Iterable[Event], sessions: Mapping[UUID, Sequence[Session]]) -> Table:
    """Events in import-schedule's columns (plus key and sessions), as `list --format` shows."""
    rows: list[Sequence[object]] = [
        (
            e.key, e.series, e.season, e.round_no, e.name, e.track.name,
            Decimal(e.track.length_millimiles).scaleb(-3), e.track.kind.value,
            e.start_date.isoformat(), e.end_date.isoformat(), e.points_paying,
            "; ".join(s.name for s in sessions.get(e.id, ())),
        )
        for e in events
    ]  # fmt: skip
    return SCHEDULE_COLUMNS, rows


def export_weekend(weekend: Weekend, folder: Path) -> list[Path]:
    """Write every section into `folder` (made if missing); returns the files written."""
    length = weekend.event.track.length_millimiles
    sections: dict[str, Table] = {
        "entries.csv": entries_table(weekend.entries, weekend.drivers),
        "substitutions.csv": substitutions_table(weekend),
        "laps.csv": laps_table(weekend),
        "sessions.csv": sessions_table(weekend.boards, length),
        "lineup.csv": lineup_table(weekend),
        "results.csv": results_table(weekend.results, weekend.drivers),
        "penalties.csv": penalties_table(weekend.penalties, weekend.drivers),
        "waivers.csv": waivers_table(weekend),
        "driver_standings.csv": standings_table(weekend, owners=False),
        "owner_standings.csv": standings_table(weekend, owners=True),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, (columns, rows) in sections.items():
            write_csv(folder / name, columns, rows)
            written.append(folder / name)
    except OSError as exc:
        raise ValidationError(
            f"The summary could not be written to {folder} ({exc.strerror}). Choose a folder "
            "you can write to (on the command line: --out PATH)."
        ) from exc
    return written


def _speed(lap_ms: int | None, length_millimiles: int) -> Decimal | None:
    if not lap_ms:
        return None
    return Decimal(speed_mph_thousandths(lap_ms, length_millimiles)).scaleb(-3)
