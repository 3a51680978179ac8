"""One client's live link to the team server: others' commits in, the lap outbox out.

It runs the listener thread, pulls each announced change as a `Changes` notice (the domain
query `changes_since`) and hands it to `deliver` — on the listener's thread, so a GUI must pass
it on as a queued signal. While the server is out of reach, laps go to the durable outbox and
are sent when it is back; `status` hears whether the server is up and how many laps wait.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from domain import services
from domain.changes import Changes
from domain.errors import ServerUnreachableError, StorageError
from domain.model import Lap
from domain.services.team import LapContext
from domain.team import TeamStatus
from persistence.listener import ChangeListener
from persistence.outbox import SqliteLapOutbox
from persistence.storage import SqlStorage, data_dir

log = logging.getLogger(__name__)
# How long a session's entry list read from the server is trusted for checking laps offline.
CONTEXT_SECONDS = 30.0


def outbox_path(location: str) -> Path:
    """One outbox per server (its URL without password), in the user's data folder."""
    name = hashlib.sha1(location.encode()).hexdigest()[:16]
    return data_dir() / "outbox" / f"{name}.db"


class TeamClient:
    def __init__(self, storage: SqlStorage, outbox_path: Path) -> None:
        self._storage = storage
        self._deliver: Callable[[Changes], None] = lambda _changes: None
        self._status: Callable[[TeamStatus], None] = lambda _status: None
        self.outbox = SqliteLapOutbox(outbox_path)
        self._online = True
        self._contexts: dict[UUID, tuple[float, LapContext]] = {}  # session -> (read at, what)
        self._pulling = threading.Lock()
        # Held while the outbox is sent, so an undo never takes back a lap half-way sent.
        self._sending = threading.Lock()
        self._position = services.change_log_position(storage.uow_factory())
        url = storage.engine.url.render_as_string(hide_password=False)
        self._listener = ChangeListener(url, self._announced, self._connected)

    def start(
        self, deliver: Callable[[Changes], None], report: Callable[[TeamStatus], None]
    ) -> None:
        """Listen from now on: `deliver` gets others' notices, `report` the server's state."""
        self._deliver, self._status = deliver, report
        self._listener.start()

    def stop(self) -> None:
        self._listener.stop()
        self.outbox.close()

    @property
    def status(self) -> TeamStatus:
        return TeamStatus(self._online, self.outbox.count())

    def log_lap(self, session_id: UUID, car_text: str, time_text: str) -> tuple[Lap, Changes]:
        """Log on the server; if it is out of reach, save in the outbox instead."""
        lap = services.lap_as_typed(self._known(session_id), car_text, time_text)
        if self._online and not self.outbox.count():
            try:
                return services.send_lap(self._storage.uow_factory(), lap)
            except ServerUnreachableError:
                self._online = False
        lap, changes = services.queue_lap(self.outbox, lap)
        self._status(self.status)
        if self._online:  # the server is up but older laps wait: send them first, in order
            self._send_outbox()
        return lap, changes

    def delete_lap(self, lap: Lap) -> tuple[Lap, Changes]:
        """Undo of logging: a lap still waiting leaves the outbox (on disk, never sent); one
        already sent is deleted on the server."""
        with self._sending:
            taken = services.unqueue_lap(self.outbox, lap)
        if taken is None:
            return services.delete_lap(self._storage.uow_factory(), lap.id)
        self._status(self.status)
        return taken

    def restore_lap(self, lap: Lap) -> tuple[Lap, Changes]:
        """Redo of logging: the same lap back on the server, or in the outbox while it is away."""
        if self._online and not self.outbox.count():
            try:
                return services.restore_lap(self._storage.uow_factory(), lap)
            except ServerUnreachableError:
                self._online = False
        queued = services.queue_lap(self.outbox, lap)
        self._status(self.status)
        return queued

    def _known(self, session_id: UUID) -> LapContext:
        """The session, its event and entries: read while the server is up, kept for when not."""
        cached = self._contexts.get(session_id)
        fresh = cached is not None and time.monotonic() - cached[0] < CONTEXT_SECONDS
        if self._online and not fresh:
            try:
                self._contexts[session_id] = (
                    time.monotonic(),
                    services.lap_context(self._storage.uow_factory(), session_id),
                )
            except ServerUnreachableError:
                self._online = False
        if session_id not in self._contexts:
            raise ServerUnreachableError(
                "The team server cannot be reached, and this laptop has not read this session's "
                "entry list yet, so the lap cannot be checked. Check the network and try again."
            )
        return self._contexts[session_id][1]

    def _announced(self) -> None:
        with self._pulling:
            self._send_outbox()
            try:
                position, changes = services.changes_since(
                    self._storage.uow_factory(), self._position
                )
            except StorageError as exc:  # the listener notices a lost server by itself
                log.debug("pull after announcement: %s", exc)
                return
            self._position = position
        if changes:
            self._deliver(changes)

    def _connected(self, up: bool) -> None:
        self._online = up
        self._status(self.status)

    def _send_outbox(self) -> None:
        if not self.outbox.count():
            return
        try:
            with self._sending:
                services.send_outbox(self._storage.uow_factory(), self.outbox)
        except ServerUnreachableError:
            self._online = False
        except StorageError:
            log.exception("sending the lap outbox")
        self._status(self.status)
