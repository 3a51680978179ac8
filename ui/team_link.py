"""The team server in the window: notices from other laptops onto the bus, and the banner.

The listener runs on its own thread (persistence/listener.py); it hands notices and status to
`TeamBridge`, whose signals cross to the GUI thread as queued connections, so views are only
ever touched on the GUI thread. A lap committed on another laptop then reaches the views down
the same bus as a local edit (DESIGN §4).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from domain.changes import Changes
from domain.ports import Storage, TeamLink
from domain.team import TeamStatus
from ui.context import AppContext
from ui.widgets.team_banner import TeamBanner

# main.py's way to link a storage to its team server: None for a weekend file.
TeamConnector = Callable[[Storage], TeamLink | None]


class TeamBridge(QObject):
    """Called from the listener's thread; its signals are delivered on the GUI thread."""

    arrived = Signal(object)  # a domain.changes.Changes from another laptop
    status_changed = Signal(object)  # a domain.team.TeamStatus

    def deliver(self, changes: Changes) -> None:
        self.arrived.emit(changes)

    def report(self, status: TeamStatus) -> None:
        self.status_changed.emit(status)


def attach_team(window: QMainWindow, context: AppContext, connect: TeamConnector | None) -> None:
    """Show the read-only note or the team banner, and start listening to the server."""
    banner = window.findChild(TeamBanner)
    if banner is None:  # one banner per window, kept across File ▸ Open database…
        banner = TeamBanner(window)
        window.addToolBarBreak()
        window.addToolBar(banner)
    banner.clear()
    if context.storage.read_only:
        banner.show_read_only(context.storage.location)
    link = connect(context.storage) if connect is not None else None
    if link is None:
        return
    bridge = TeamBridge(context)
    bridge.arrived.connect(context.bus.announce)
    bridge.status_changed.connect(banner.show_status)
    context.team = link
    link.start(bridge.deliver, bridge.report)
    banner.show_status(link.status)
