"""Work for a tab only while it can be seen: a hidden tab notes what it owes and does it when shown.

Every tab follows the context's `event_changed` and the change bus; loading all seven on every
change was a large share of start-up (DESIGN §6, docs/BENCHMARKS.md) and of every edit.
`LazyReload` runs work at once when the tab is on screen (or is not inside a shown window at
all, as in a test that builds one tab on its own) and otherwise runs what is owed, in order
and once each, on the tab's next show. It is the one deferral in ui/: tabs hand it their
board work too (`run`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from domain.changes import Changes
from ui.context import AppContext

Handler = Callable[[], None]
Wants = Callable[[Changes], bool]  # does a notice touch what the tab shows?


def is_out_of_sight(page: QWidget) -> bool:
    """True for a page of a shown window that is not itself on screen (e.g. a background tab)."""
    window = page.window()
    return window is not page and window.isVisible() and not page.isVisible()


class LazyReload(QObject):
    """Follows the context for one tab: `on_event` after a weekend change, `on_data` after a
    notice that `wants` says touches the tab. While the tab is out of sight the work is owed;
    a weekend reload owed covers a data reload (it reads the edit too)."""

    def __init__(
        self,
        page: QWidget,
        context: AppContext,
        *,
        on_event: Handler,
        on_data: Handler,
        wants: Wants,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._on_event = on_event
        self._on_data = on_data
        self._wants = wants
        self._owed: list[Handler] = []
        page.installEventFilter(self)
        context.event_changed.connect(self.event_changed)
        context.bus.changed.connect(self._changed)

    @property
    def stale(self) -> bool:
        """True while the tab owes work it will do when next shown."""
        return bool(self._owed)

    def event_changed(self, *_: object) -> None:
        self._owed.clear()  # a new weekend is read from scratch
        self.run(self._on_event)

    def _changed(self, changes: Changes) -> None:
        if self._wants(changes) and self._on_event not in self._owed:
            self.run(self._on_data)

    def run(self, work: Handler, *, replaces: Collection[Handler] = ()) -> None:
        """Do `work` now if the tab is in sight, else once when it is next shown; owed work in
        `replaces` is dropped (`work` covers it)."""
        if not is_out_of_sight(self._page):
            work()
            return
        self._owed = [owed for owed in self._owed if owed not in replaces]
        if work not in self._owed:
            self._owed.append(work)

    def done(self, *work: Handler) -> None:
        """Work that just ran by another road (a session chosen reads its board): not owed."""
        self._owed = [owed for owed in self._owed if owed not in work]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show:
            while self._owed:
                self._owed.pop(0)()  # each may mark later owed work done
        return False
