"""LISTEN for the team server's announcements on a thread of its own (never the GUI thread).

A commit announces its change-log position (persistence/change_log.py); this thread wakes the
client's puller, which reads everything after the last position it saw. After a reconnect it
wakes the puller at once, so whatever was committed while the line was down is caught up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import psycopg
from sqlalchemy.engine import make_url

from persistence.change_log import CHANNEL

log = logging.getLogger(__name__)

# A silent connection is checked this often; a server gone is noticed within about this long.
HEARTBEAT_SECONDS = 2.0
RETRY_SECONDS = 1.0


def libpq_address(url: str) -> str:
    """The SQLAlchemy URL as libpq reads it (no "+psycopg" driver part)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class ChangeListener:
    """Calls `announced()` after each announcement (and after each (re)connect), and
    `connected(True/False)` when the server comes and goes; both run on this thread."""

    def __init__(
        self,
        url: str,
        announced: Callable[[], None],
        connected: Callable[[bool], None],
    ) -> None:
        self._address = libpq_address(url)
        self._announced = announced
        self._connected = connected
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="trackside-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        up: bool | None = None
        while not self._stopping.is_set():
            try:
                with psycopg.connect(
                    self._address, autocommit=True, connect_timeout=3, keepalives=1,
                    keepalives_idle=5, keepalives_interval=2, keepalives_count=2,
                ) as connection:  # fmt: skip
                    connection.execute(f"LISTEN {CHANNEL}")
                    up = self._report(up, True)
                    self._announced()  # catch up on what was committed while away
                    self._listen(connection)
            except psycopg.Error as exc:
                log.debug("team server listener: %s", exc)
                up = self._report(up, False)
                self._stopping.wait(RETRY_SECONDS)
            except Exception:  # a bug in a callback must not end the listening for good
                log.exception("team server listener")
                self._stopping.wait(RETRY_SECONDS)

    def _listen(self, connection: psycopg.Connection[object]) -> None:
        last_heard = time.monotonic()
        while not self._stopping.is_set():
            heard = False
            for _notice in connection.notifies(timeout=0.25, stop_after=1):
                heard = True
            if heard:
                # Announcements that came together need one pull: drain, then pull once.
                for _notice in connection.notifies(timeout=0, stop_after=1000):
                    pass
                self._announced()
                last_heard = time.monotonic()
            elif time.monotonic() - last_heard > HEARTBEAT_SECONDS:
                connection.execute("SELECT 1")  # raises when the server has gone
                last_heard = time.monotonic()

    def _report(self, was: bool | None, now: bool) -> bool:
        if was != now:
            self._connected(now)
        return now
