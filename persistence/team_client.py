"""One client's live link to the team server: others' commits in, the lap outbox out.

It runs the listener thread, pulls each announced change as a `Changes` notice (the domain
query `changes_since`) and hands it to `deliver` — on the listener's thread, so a GUI must pass
it on as a queued signal. While the server is out of reach, laps go to the durable outbox and
are sent when it is back; `status` hears whether the server is up and how many laps wait.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from domain import services
from domain.changes import Changes
from domain.errors import ServerUnreachableError, StorageError
from domain.model import Lap
from domain.services.team import LapContext
from persistence.listener import ChangeListener
from persistence.outbox import SqliteLapOutbox
from persistence.storage import SqlStorage

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TeamStatus:
    online: bool
    waiting: int  # laps saved on this laptop, not yet on the server

    @property
    def banner(self) -> str:
        """What the app shows while something is wrong; empty when all is well."""
        laps = f"{self.waiting} lap{'s' if self.waiting != 1 else ''}"
        if not self.online:
            return (
                f"The team server cannot be reached. Laps are saved on this laptop and sent "
                f"when it is back ({laps} waiting)."
            )
        return f"Sending {laps} saved while the server was away…" if self.waiting else ""


class TeamClient:
    def __init__(
        self,
        storage: SqlStorage,
        outbox_path: Path,
        deliver: Callable[[Changes], None],
        status: Callable[[TeamStatus], None] = lambda _status: None,
    ) -> None:
        self._storage = storage
        self._deliver = deliver
        self._status = status
        self.outbox = SqliteLapOutbox(outbox_path)
        self._online = True
        self._pulling = threading.Lock()
        self._position = services.change_log_position(storage.uow_factory())
        url = storage.engine.url.render_as_string(hide_password=False)
        self._listener = ChangeListener(url, self._announced, self._connected)

    def start(self) -> None:
        self._listener.start()

    def stop(self) -> None:
        self._listener.stop()
        self.outbox.close()

    @property
    def status(self) -> TeamStatus:
        return TeamStatus(self._online, self.outbox.count())

    def log_lap(self, known: LapContext, car_text: str, time_text: str) -> tuple[Lap, Changes]:
        """Log on the server; if it is out of reach, save in the outbox instead."""
        lap = services.lap_as_typed(known, car_text, time_text)
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
            services.send_outbox(self._storage.uow_factory(), self.outbox)
        except ServerUnreachableError:
            self._online = False
        except StorageError:
            log.exception("sending the lap outbox")
        self._status(self.status)
