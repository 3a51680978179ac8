"""The NASCAR file import: a batch of files checked and stored in one unit of work, or none.

Files are taken in an order that lets later ones use what earlier ones made: a schedule
creates events, a weekend feed creates or finds its event, which becomes the home of the
batch's lap times, live snapshots, flag logs and standings (unless `--event` says otherwise).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import assert_never
from uuid import UUID

from domain.changes import Changes, RowChanges
from domain.errors import DomainError, ValidationError
from domain.feeds import (
    SERIES_BY_ID,
    FeedEvent,
    FeedFile,
    FeedKind,
    FeedReport,
    FeedRun,
    FlagLog,
    LapAverages,
    LapTimesFeed,
    LiveSnapshot,
    PointsFeed,
    ReportedPoints,
    ScheduleFeed,
    UnusedFeed,
    WeekendFeed,
)
from domain.model import Event, LapFlag, Session, SessionKind
from domain.ports import UnitOfWork
from domain.progress import ImportCancelledError, Progress, no_progress
from domain.ruleset import RuleSet
from domain.services import feed_places as places
from domain.services.feed_live import put_snapshot
from domain.services.feed_store import (
    Stored,
    feed_lap,
    in_file,
    put_entries,
    put_laps,
    put_points,
    put_results,
)

# Laps in one notice beyond which views reload the event instead of adding rows one by one.
ROW_NOTICE_LIMIT = 1_000


@dataclass
class _Batch:
    uow: UnitOfWork
    rulesets: Mapping[str, RuleSet]
    event: Event | None  # --event, or the event of the batch's weekend feed
    pinned: bool  # True: --event was given, every file lands there
    stored: Stored = field(default_factory=Stored)
    created: Changes = field(default_factory=Changes)  # seasons, events, their sessions
    sessions: list[Session] = field(default_factory=list)

    def event_for(self, feed: FeedEvent, source: str, *, schedule: bool = False) -> Event:
        event, created = places.event_for_feed(
            self.uow, self.rulesets, feed, source, by_track=not schedule
        )
        if created is not None:
            self.created = self.created.merged(created)
            if not schedule:
                self.stored.lines.append(
                    f"created the event {event.key} ({event.name}, {event.track.name})"
                )
        return event


def import_feeds(
    uow: UnitOfWork,
    rulesets: Mapping[str, RuleSet],
    feeds: Sequence[FeedFile],
    *,
    event_key: str | None = None,
    progress: Progress = no_progress,
) -> tuple[list[FeedReport], Changes]:
    """Store every file's facts, or nothing when any file is refused; a report per file."""
    ordered = sorted(feeds, key=_rank)
    reports = []
    with uow:
        pinned = uow.events.get_by_key(event_key) if event_key else None
        batch = _Batch(uow, rulesets, pinned, pinned is not None)
        for done, feed in enumerate(ordered):
            progress(done, len(ordered))
            reports.append(_import_one(batch, feed))
        progress(len(ordered), len(ordered))
        uow.commit()
    return reports, _changes(batch)


def _rank(feed: FeedFile) -> int:
    if isinstance(feed, ScheduleFeed):
        return 0
    if isinstance(feed, WeekendFeed):
        return 1 if feed.event is not None else 2
    if isinstance(feed, PointsFeed | FlagLog):
        return 5
    return 3


def _import_one(batch: _Batch, feed: FeedFile) -> FeedReport:
    before = (batch.stored.added, batch.stored.updated, batch.stored.unchanged)
    lines_before = len(batch.stored.lines)
    try:
        kind, event = _store(batch, feed)
    except ImportCancelledError:
        raise
    except DomainError as exc:
        if str(exc).startswith(feed.source):  # already names the file
            raise
        raise in_file(feed.source, exc) from exc
    s = batch.stored
    return FeedReport(
        source=feed.source,
        kind=kind,
        event_key=event.key if event else None,
        lines=tuple(s.lines[lines_before:]),
        added=s.added - before[0],
        updated=s.updated - before[1],
        unchanged=s.unchanged - before[2],
    )


def _store(batch: _Batch, feed: FeedFile) -> tuple[FeedKind, Event | None]:
    if isinstance(feed, UnusedFeed):
        batch.stored.lines.append(f"not used: {feed.reason}")
        return feed.kind, None
    if isinstance(feed, ScheduleFeed):
        _put_schedule(batch, feed)
        return FeedKind.RACE_LIST, None
    if isinstance(feed, WeekendFeed):
        return feed.kind, _put_weekend(batch, feed)
    event = _context(batch, feed)
    if isinstance(feed, LapTimesFeed):
        _put_lap_times(batch, event, feed)
        return FeedKind.LAP_TIMES, event
    if isinstance(feed, LiveSnapshot):
        session, created = put_snapshot(batch.uow, event, feed, batch.stored)
        if created:
            batch.sessions.append(session)
        return FeedKind.LIVE, event
    if isinstance(feed, PointsFeed):
        put_points(batch.uow, event, feed.rows, feed.source, batch.stored)
        return feed.kind, event
    if isinstance(feed, FlagLog):
        _put_flags(batch, event, feed)
        return FeedKind.FLAG_LOG, event
    if isinstance(feed, LapAverages):
        _put_run_bests(batch, event, feed.run, feed.source, "Practice")
        return FeedKind.LAP_AVERAGES, event
    assert_never(feed)


def _context(batch: _Batch, feed: FeedFile) -> Event:
    """The event a file that does not name its race lands in."""
    if batch.event is not None:
        return batch.event
    if isinstance(feed, LiveSnapshot) and feed.track_name:
        found = _event_at_track(batch.uow, feed)
        if found is not None:
            return found
    raise ValidationError(
        f"{feed.source} does not say which race it is: pass --event KEY, or import it "
        "together with the race's weekend-feed.json. Nothing was imported."
    )


def _event_at_track(uow: UnitOfWork, feed: LiveSnapshot) -> Event | None:
    """A live feed names its track and series, not its season: the latest event there."""
    series = places.series_of(feed.series_id, feed.source)
    here = [
        e
        for e in uow.events.all()
        if e.series == series and e.track.name.casefold() == feed.track_name.casefold()
    ]
    return max(here, key=lambda e: e.start_date, default=None)


def _ensure_series(event: Event, series_id: int | None, source: str) -> None:
    series = SERIES_BY_ID.get(series_id or 0)
    if series is not None and series != event.series:
        raise ValidationError(
            f"{source} is a {series} file but {event.key} is a {event.series} event; pick the "
            "right event. Nothing was imported."
        )


def _put_schedule(batch: _Batch, feed: ScheduleFeed) -> None:
    """Each race of a series and season with a rule pack becomes an event (or is found)."""
    created_before = len(batch.created.events.added)
    found = 0
    skipped: Counter[str] = Counter()
    for race in feed.races:
        series = SERIES_BY_ID.get(race.series_id)
        if series is None or f"{series}-{race.season}" not in batch.rulesets:
            skipped[f"{series or f'series id {race.series_id}'} {race.season}"] += 1
            continue
        as_event = FeedEvent(
            series_id=race.series_id,
            season=race.season,
            name=race.name,
            track_name=race.track_name,
            race_id=race.race_id,
            race_date=race.race_date,
            track_length_millimiles=race.track_length_millimiles,
            points_race=race.points_race,
            stage_laps=race.stage_laps,
        )
        before = len(batch.created.events.added)
        batch.event_for(as_event, feed.source, schedule=True)
        found += len(batch.created.events.added) == before
    created = len(batch.created.events.added) - created_before
    batch.stored.lines.append(f"{created} events created, {found} already there")
    for what, count in sorted(skipped.items()):
        batch.stored.lines.append(f"{count} races of {what} not imported: no rule pack for it")
    batch.stored.unchanged += found


def _put_weekend(batch: _Batch, feed: WeekendFeed) -> Event:
    s = batch.stored
    if batch.pinned or feed.event is None:
        event = _context(batch, feed)
        _ensure_series(event, feed.series_id, feed.source)
    else:
        event = batch.event_for(feed.event, feed.source)
        batch.event = event
    put_entries(batch.uow, event, feed.entries, feed.source, s)
    names = places.session_names(list(feed.runs))
    for run, name in zip(feed.runs, names, strict=True):
        _put_run_bests(batch, event, run, feed.source, name)
    _cancel_all_qualifying(batch, event, feed)
    if feed.results:
        put_results(batch.uow, event, feed.results, feed.source, s)
        _zero_point_hints(feed, s)
        rows = [
            ReportedPoints(car_number=r.car_number, driver=r.driver, race_points=r.points_earned)
            for r in feed.results
            if r.points_earned is not None
        ]
        put_points(batch.uow, event, rows, feed.source, s)
    return event


def _cancel_all_qualifying(batch: _Batch, event: Event, feed: WeekendFeed) -> None:
    """Rained-out qualifying lists every car in one run: the event's other qualifying sessions
    (a group B, a final) never ran either, so none is left open beside the cancelled one."""
    runs = [r for r in feed.runs if r.kind is SessionKind.QUALIFYING]
    if not runs or not all(r.cancelled for r in runs):
        return
    sessions = batch.uow.sessions.list_for_event(event.id)
    still_open = [s for s in sessions if s.kind is SessionKind.QUALIFYING and not s.cancelled]
    for session in still_open:
        batch.uow.sessions.update(replace(session, cancelled=True))
    if still_open:
        names = ", ".join(s.name for s in still_open)
        batch.stored.lines.append(f"qualifying did not run: {names} marked cancelled too")


def _zero_point_hints(feed: WeekendFeed, s: Stored) -> None:
    """A finisher NASCAR gave 0 points is a driver not eligible here (FEEDS.md, 2025 quirks)."""
    for result in feed.results:
        if result.points_earned == 0 and not result.driver.ineligible:
            s.lines.append(
                f"No. {result.car_number} ({result.driver.name}) scored 0 points at NASCAR: if "
                "the driver is not points-eligible here, mark the entry (i)"
            )


def _put_run_bests(batch: _Batch, event: Event, run: FeedRun, source: str, name: str) -> None:
    """A practice or qualifying run's results as the session's best laps."""
    session, created = places.session_named(batch.uow, event, run.kind, name)
    if created:
        batch.sessions.append(session)
    batch.stored.lines.append(f"{run.run_name!r} → session {session.name}")
    if run.kind is SessionKind.QUALIFYING and run.cancelled:
        if not session.cancelled:
            batch.uow.sessions.update(replace(session, cancelled=True))
        batch.stored.lines.append(
            f"{session.name} was cancelled (every time is 0): the lineup follows the rule book"
        )
        return
    cars = {e.car_number for e in batch.uow.entries.list_for_event(event.id)}
    laps = []
    for result in run.results:
        if result.best_lap_ms is None:
            continue
        if result.car_number not in cars:
            raise ValidationError(
                f"No. {result.car_number} ({result.driver.name}) ran in {run.run_name} but is "
                f"not on the entry list of {event.key}; import the entry list first"
            )
        laps.append(
            feed_lap(session, event, result.car_number, result.best_lap_ms, result.best_lap_number)
        )
        if result.comment == "OP":
            batch.stored.lines.append(f"No. {result.car_number} made the field on owner points")
    put_laps(batch.uow, session, laps, batch.stored)


def _put_lap_times(batch: _Batch, event: Event, feed: LapTimesFeed) -> None:
    session, created = places.session_named(batch.uow, event, SessionKind.RACE, "Race")
    if created:
        batch.sessions.append(session)
    entered = {e.car_number for e in batch.uow.entries.list_for_event(event.id)}
    missing = [c for c in feed.cars if c.car_number not in entered]
    if missing:
        raise ValidationError(
            f"No. {missing[0].car_number} ({missing[0].driver.name}) is not on the entry list of "
            f"{event.key}; import the race's weekend-feed.json first"
        )
    laps = [
        feed_lap(
            session,
            event,
            car.car_number,
            ms,
            number,
            caution=number in feed.caution_laps,
            race=True,
        )
        for car in feed.cars
        for number, ms in car.laps
    ]
    put_laps(batch.uow, session, laps, batch.stored)
    batch.stored.lines.append(
        f"{len(laps)} laps of {len(feed.cars)} cars into {session.name}; "
        f"{len(feed.caution_laps)} laps under caution flagged"
    )
    if feed.skipped_laps:
        batch.stored.lines.append(f"{feed.skipped_laps} laps with no time (9999.999) left out")


def _put_flags(batch: _Batch, event: Event, feed: FlagLog) -> None:
    race = next(
        (s for s in batch.uow.sessions.list_for_event(event.id) if s.kind is SessionKind.RACE),
        None,
    )
    flagged = 0
    if race is not None:
        for lap in batch.uow.laps.list_for_session(race.id):
            if lap.lap_number in feed.caution_laps and lap.flag is None:
                changed = replace(lap, flag=LapFlag.CAUTION)
                batch.uow.laps.update(changed)
                batch.stored.laps_changed.append(changed)
                flagged += 1
    batch.stored.lines.append(
        f"{len(feed.caution_laps)} laps under caution; {flagged} stored laps flagged"
    )


def _changes(batch: _Batch) -> Changes:
    s = batch.stored
    laps = RowChanges(added=tuple(s.laps_added), changed=tuple(s.laps_changed))
    reloaded: frozenset[UUID] = frozenset()
    if len(s.laps_added) + len(s.laps_changed) > ROW_NOTICE_LIMIT and batch.event is not None:
        reloaded = frozenset({batch.event.id})  # too many rows to list: views read it again
        laps = RowChanges()
    stored = Changes(
        laps=laps,
        drivers=RowChanges(added=tuple(s.drivers_added)),
        entries=RowChanges(added=tuple(s.entries_added), changed=tuple(s.entries_changed)),
        results=RowChanges(added=tuple(s.results_added), changed=tuple(s.results_changed)),
        sessions=RowChanges(added=tuple(batch.sessions)),
        reloaded_events=reloaded,
    )
    return batch.created.merged(stored)
