"""Following a live feed: each new snapshot's laps into the event, a status line either way.

The loop that polls lives with whoever runs it (the command line, a worker thread in the app);
one poll is `follow_once`, which never raises for a bad snapshot or a lost connection: the
status says what happened and the caller polls again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from domain.changes import Changes
from domain.errors import DomainError
from domain.feeds import FeedFile, LiveSnapshot, SnapshotSource, kind_of
from domain.ports import UnitOfWorkFactory
from domain.ruleset import RuleSet
from domain.services.feed_import import import_feeds


@dataclass(frozen=True, slots=True)
class FollowStep:
    status: str
    ok: bool  # False: the snapshot was refused or the source failed; following goes on
    changes: Changes = field(default_factory=Changes)


def follow_once(
    uow_factory: UnitOfWorkFactory,
    rulesets: Mapping[str, RuleSet],
    event_key: str,
    source: SnapshotSource,
    parse: Callable[[bytes, str], FeedFile],
) -> FollowStep:
    """Fetch, read and store one snapshot; every failure becomes the status line."""
    try:
        data = source.fetch()
    except DomainError as exc:
        return FollowStep(f"{' '.join(str(exc).split())} — still following", ok=False)
    return take_snapshot(uow_factory, rulesets, event_key, data, parse)


def take_snapshot(
    uow_factory: UnitOfWorkFactory,
    rulesets: Mapping[str, RuleSet],
    event_key: str,
    data: bytes | None,
    parse: Callable[[bytes, str], FeedFile],
) -> FollowStep:
    """Read and store fetched bytes (None: nothing new); the app fetches off the GUI thread."""
    if data is None:
        return FollowStep("no new snapshot", ok=True)
    try:
        feed = parse(data, "live feed")
        if not isinstance(feed, LiveSnapshot):
            return FollowStep(f"not a live feed ({kind_of(feed)}); still following", ok=False)
        reports, changes = import_feeds(uow_factory(), rulesets, [feed], event_key=event_key)
    except DomainError as exc:
        return FollowStep(f"{' '.join(str(exc).split())} — still following", ok=False)
    report = reports[0]
    status = (
        f"lap {feed.lap_number}: {report.added} laps added, {report.updated} updated "
        f"({len(feed.cars)} cars)"
    )
    return FollowStep(status, ok=True, changes=changes)
