"""Reload a tab only while it can be seen: a hidden tab notes the change and catches up when shown.

Every tab follows the context's `event_changed` and `data_changed`; loading all seven on every
change cost ~300 ms at start-up (DESIGN §6) and more on every edit. `LazyReload` runs the tab's
own handlers at once when the tab is on screen (or is not inside a shown window at all, as in a
test that builds one tab on its own) and otherwise runs the pending one on the tab's next show.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ui.context import AppContext

Handler = Callable[[], None]


def is_out_of_sight(page: QWidget) -> bool:
    """True for a page of a shown window that is not itself on screen (e.g. a background tab)."""
    window = page.window()
    return window is not page and window.isVisible() and not page.isVisible()


class LazyReload(QObject):
    """Follows the context for one tab: `on_event` after a weekend change, `on_data` after an
    edit of one of `kinds`; while the tab is out of sight only the latest need is remembered
    (an event reload covers a data reload)."""

    def __init__(
        self,
        page: QWidget,
        context: AppContext,
        *,
        on_event: Handler,
        on_data: Handler,
        kinds: Collection[str],
    ) -> None:
        super().__init__(page)
        self._page = page
        self._on_event = on_event
        self._on_data = on_data
        self._kinds = frozenset(kinds)
        self._pending: Handler | None = None
        page.installEventFilter(self)
        context.event_changed.connect(self.event_changed)
        context.data_changed.connect(self.data_changed)

    @property
    def stale(self) -> bool:
        """True while the tab owes a reload it will run when next shown."""
        return self._pending is not None

    def event_changed(self, *_: object) -> None:
        self._run_or_defer(self._on_event)

    def data_changed(self, kind: str) -> None:
        if kind not in self._kinds:
            return
        if self._pending is self._on_event:
            return  # the weekend reload still to come reads this edit too
        self._run_or_defer(self._on_data)

    def _run_or_defer(self, handler: Handler) -> None:
        if is_out_of_sight(self._page):
            self._pending = handler
        else:
            self._pending = None
            handler()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self._pending:
            handler, self._pending = self._pending, None
            handler()
        return False
