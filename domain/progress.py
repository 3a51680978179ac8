"""Progress of long work (imports, a season sheet) and the user's way to cancel it."""

from __future__ import annotations

from collections.abc import Callable

from domain.errors import DomainError

# Called with (done, total) as work goes on; raising `ImportCancelledError` from it stops the
# work, and the use case's unit of work rolls everything back.
Progress = Callable[[int, int], None]


class ImportCancelledError(DomainError):
    """The user cancelled an import; nothing of it was kept."""


def no_progress(done: int, total: int) -> None:
    """The default: nobody is watching."""
