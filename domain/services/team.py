"""Use cases of the team server: other laptops' commits as change notices, and the lap outbox.

A notice pulled from the server's change log is the same `Changes` a local edit returns, so a
view never cares where a change came from (DESIGN §4). While the server is out of reach the
spotter keeps logging into a durable local outbox, sent with each lap's own id when it is back
(the server stores an id once, so a lap that did arrive before the line dropped is not doubled).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.changes import Changes, RowChanges
from domain.errors import NotFoundError, ValidationError
from domain.laptime import parse_lap_time
from domain.model import Entry, Event, Lap, Session, ensure_car_number
from domain.ports import LapOutbox, UnitOfWork
from domain.services.common import ensure_entered, ensure_taking_part
from domain.team import ChangeAction, LoggedChange

# More rows of one event than this in one pull (a bulk import, a sync) reload the event.
ROWS_BEFORE_RELOAD = 500


def change_log_position(uow: UnitOfWork) -> int:
    """Where this client starts listening: it has read everything up to here."""
    with uow:
        return uow.change_log.last_position()


def changes_since(uow: UnitOfWork, position: int) -> tuple[int, Changes]:
    """What other clients committed after `position`, and the position now reached."""
    with uow:
        logged = uow.change_log.since(position)
        reached = max((change.position for change in logged), default=position)
        return reached, _notice(uow, [c for c in logged if not c.mine])


def _notice(uow: UnitOfWork, logged: list[LoggedChange]) -> Changes:
    reloaded = {c.event_id for c in logged if c.action is ChangeAction.RELOADED and c.event_id}
    per_event: dict[UUID | None, int] = defaultdict(int)
    for change in logged:
        per_event[change.event_id] += 1
    reloaded |= {e for e, n in per_event.items() if e is not None and n > ROWS_BEFORE_RELOAD}
    net = _net_actions([c for c in logged if c.event_id not in reloaded])
    rows: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    seasons: set[tuple[str, int]] = set()
    for (kind, record_id), (action, removed) in net.items():
        value = removed if action is ChangeAction.REMOVED else _current(uow, kind, record_id)
        if value is None:
            continue
        rows[kind][action.value].append(value)
        if isinstance(value, Event):
            seasons.add((value.series, value.season))
    fields: dict[str, Any] = {
        kind: RowChanges(
            tuple(by_action["added"]), tuple(by_action["changed"]), tuple(by_action["removed"])
        )
        for kind, by_action in rows.items()
    }
    return Changes(**fields, seasons=frozenset(seasons), reloaded_events=frozenset(reloaded))


def _net_actions(
    logged: list[LoggedChange],
) -> dict[tuple[str, UUID], tuple[ChangeAction, object | None]]:
    """One action per record: added then changed is added; added then removed is nothing."""
    net: dict[tuple[str, UUID], tuple[ChangeAction, object | None]] = {}
    for change in logged:
        if change.action is ChangeAction.RELOADED:
            continue
        key = (change.kind, change.record_id)
        first = net[key][0] if key in net else None
        if change.action is ChangeAction.REMOVED:
            if first is ChangeAction.ADDED:
                del net[key]  # never shown, never to be shown
            else:
                net[key] = (ChangeAction.REMOVED, change.removed)
        elif first is ChangeAction.ADDED:
            continue  # still new to this client, now at its latest value
        elif first is ChangeAction.REMOVED:
            net[key] = (ChangeAction.CHANGED, None)  # removed and put back (undo)
        else:
            net[key] = (change.action, None)
    return net


def _current(uow: UnitOfWork, kind: str, record_id: UUID) -> object | None:
    """The record as it is now; None when a later commit of the same pull removed it."""
    try:
        value: object = getattr(uow, kind).get(record_id)
    except NotFoundError:
        return None
    return value


def lap_context(uow: UnitOfWork, session_id: UUID) -> LapContext:
    """What lap_as_typed needs of a session, read now to be used even offline."""
    with uow:
        session = uow.sessions.get(session_id)
        event = uow.events.get(session.event_id)
        return LapContext(event, session, tuple(uow.entries.list_for_event(event.id)))


@dataclass(frozen=True, slots=True)
class LapContext:
    """What a client knows of the session it logs into, enough to check a lap offline."""

    event: Event
    session: Session
    entries: tuple[Entry, ...]


def lap_as_typed(known: LapContext, car_text: str, time_text: str) -> Lap:
    """A typed lap checked as log_lap checks it, against what the client knows of the session.

    Its id is fixed here, before any attempt to send it, so a lap that reached the server just
    as the line dropped is stored once when the outbox sends it again.
    """
    if known.session.cancelled:
        raise ValidationError(
            f"{known.session.name} is marked cancelled; clear “cancelled” before logging laps "
            "in it."
        )
    car = ensure_car_number(car_text)
    entry = ensure_entered(next((e for e in known.entries if e.car_number == car), None), car)
    ensure_taking_part(entry)
    length = known.event.track.length_millimiles
    lap_ms = parse_lap_time(time_text, track_length_millimiles=length)
    return Lap(session_id=known.session.id, car_number=entry.car_number, lap_ms=lap_ms)


def send_lap(uow: UnitOfWork, lap: Lap) -> tuple[Lap, Changes]:
    """Store a lap made by lap_as_typed, checked again against the server's own facts."""
    with uow:
        session = uow.sessions.get(lap.session_id)
        if session.cancelled:
            raise ValidationError(
                f"{session.name} was marked cancelled on another laptop; the lap was not saved."
            )
        ensure_taking_part(
            ensure_entered(uow.entries.find_for_car(session.event_id, lap.car_number),
                           lap.car_number)
        )  # fmt: skip
        uow.laps.add_new([lap])
        uow.commit()
    return lap, Changes(laps=RowChanges(added=(lap,)))


def queue_lap(outbox: LapOutbox, lap: Lap) -> tuple[Lap, Changes]:
    """Keep a lap in the outbox while the server is out of reach; it is on disk on return."""
    outbox.put(lap)
    return lap, Changes(laps=RowChanges(added=(lap,)))


def unqueue_lap(outbox: LapOutbox, lap: Lap) -> tuple[Lap, Changes] | None:
    """Take back a lap still waiting in the outbox (undo while the server is away): it leaves
    the outbox file at once and is never sent. None when it is not waiting (already sent)."""
    if lap.id not in {waiting.id for waiting in outbox.pending()}:
        return None
    outbox.remove([lap.id])
    return lap, Changes(laps=RowChanges(removed=(lap,)))


def send_outbox(uow: UnitOfWork, outbox: LapOutbox) -> tuple[int, Changes]:
    """Send every waiting lap (each stored once, by its id); returns how many were waiting.

    The laps are already on this client's boards (queue_lap's notice), so the notice is empty;
    other clients hear of them through the change log.
    """
    waiting = outbox.pending()
    if not waiting:
        return 0, Changes()
    with uow:
        uow.laps.add_new(waiting)
        uow.commit()
    outbox.remove([lap.id for lap in waiting])
    return len(waiting), Changes()
