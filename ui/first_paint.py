"""Paint first, then open the database: the window is never a black frame (DESIGN §6).

`show()` only asks for a window; the window system maps it and Qt paints it on a later turn
of the event loop. Work queued with a zero timer can run before that paint, so opening the
database there left a mapped, unpainted (black) window for a second or two. `after_first_paint`
waits for the window's first paint event, then runs the work on the next turn, once the
painted frame has been flushed to the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # a window that is never exposed (minimised at start) still gets its data


def opening_text(target: str | None) -> str:
    """'Opening weekend.db…': the file's name, a server's address, or the embedded database."""
    if target is None:
        return "Opening your weekend database…"
    if "://" in target:
        return f"Opening {target.split('@')[-1]}…"  # never a password
    return f"Opening {Path(target).name}…"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._painted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() is QEvent.Type.Paint:
            QTimer.singleShot(0, self._painted)  # after this paint is flushed
        return False

    def _painted(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run `then` once, on the turn after `window` first paints (or after FALLBACK_MS)."""
    _FirstPaint(window, then)
