"""View ▸ Follow live timing…: poll a live feed (URL or file) and add each snapshot's laps.

Fetching runs on a worker thread (a URL can take seconds, offline even longer); the snapshot is
stored on the GUI thread through the same use case as `python main.py follow`, and its change
notice goes down the bus to the boards. A failed fetch or a bad snapshot only changes the status
line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
)

from domain.errors import DomainError
from domain.feeds import FeedReader, SnapshotSource
from domain.services import take_snapshot
from domain.services.follow import FollowStep
from ui import errors
from ui.context import AppContext

DEFAULT_EVERY_S = 5.0
NASCAR_LIVE_FEED = "https://cf.nascar.com/live/feeds/live-feed.json"


class LiveFollower(QObject):
    """Polls `source` every `every_s` seconds while on; `stepped` carries each poll's result."""

    fetched = Signal(object)  # (bytes | None, error text | None), from the worker thread
    stepped = Signal(object)  # FollowStep, on the GUI thread

    def __init__(
        self,
        context: AppContext,
        reader: FeedReader,
        source: SnapshotSource,
        event_key: str,
        every_s: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._reader = reader
        self._source = source
        self._event_key = event_key
        self._busy = False
        self._stopped = False
        self.fetched.connect(self._store)
        self._timer = QTimer(self)
        self._timer.setInterval(int(every_s * 1000))
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        """Stop between polls: a fetch under way finishes on its thread and is dropped."""
        self._stopped = True
        self._timer.stop()

    def poll(self) -> None:
        if self._busy or self._stopped:
            return
        self._busy = True
        threading.Thread(target=self._fetch, name="live-feed", daemon=True).start()

    @property
    def context(self) -> AppContext:
        return self._context

    def _fetch(self) -> None:
        try:
            result: tuple[bytes | None, str | None] = (self._source.fetch(), None)
        except DomainError as exc:
            result = (None, str(exc))
        try:
            self.fetched.emit(result)
        except RuntimeError:  # the window closed while this fetch ran: nobody is following
            return

    def _store(self, result: tuple[bytes | None, str | None]) -> None:
        self._busy = False
        if self._stopped:
            return
        data, failure = result
        if failure is not None:
            step = FollowStep(f"{' '.join(failure.split())} — still following", ok=False)
        else:
            step = take_snapshot(
                self._context.uow,
                self._context.storage.rulesets,
                self._event_key,
                data,
                self._reader.parse,
            )
        if step.changes:
            self._context.announce(step.changes, f"Live timing: {step.status}")
        self.stepped.emit(step)


class FollowDialog(QDialog):
    """Where the live feed comes from and how often to look."""

    def __init__(self, parent: QMainWindow, event_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Follow live timing into {event_name}")
        self.source = QLineEdit(NASCAR_LIVE_FEED, self)
        self.source.setToolTip(
            "NASCAR's live feed URL (when online), or a file another program rewrites"
        )
        self.every = QDoubleSpinBox(self)
        self.every.setRange(1.0, 600.0)
        self.every.setValue(DEFAULT_EVERY_S)
        self.every.setSuffix(" s")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Follow")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Live feed (URL or file):", self.source)
        form.addRow("Look every:", self.every)
        form.addRow(buttons)


def start_following(
    window: QMainWindow,
    context: AppContext,
    reader: FeedReader,
    on_status: Callable[[str], None],
) -> LiveFollower | None:
    """Ask for the source, then follow it into the chosen weekend; None when cancelled."""
    event = context.event
    if event is None:
        return None
    dialog = FollowDialog(window, event.name)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        source = reader.source(dialog.source.text().strip())
    except DomainError as exc:
        errors.show_message(window, QMessageBox.Icon.Warning, "Follow live timing", str(exc))
        return None
    follower = LiveFollower(context, reader, source, event.key, dialog.every.value(), window)
    follower.stepped.connect(lambda step: on_status(step.status))
    on_status(f"following {source.label}…")
    follower.start()
    return follower
