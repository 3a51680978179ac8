"""Values of the team server: what another client committed, and what a sync found."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class ChangeAction(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"
    RELOADED = "reloaded"  # too many rows to list (a bulk import): re-read the event


@dataclass(frozen=True, slots=True)
class LoggedChange:
    """One record a commit touched, at its place in the server's change log.

    `kind` names the record's table as Changes does ("laps", "entries", ...); `removed` is the
    value as it was when it was deleted, so a view can drop the row it shows; `mine` marks this
    client's own commits, which its views have already shown.
    """

    position: int
    kind: str
    record_id: UUID
    event_id: UUID | None
    action: ChangeAction
    removed: object | None = None
    mine: bool = False


@dataclass(frozen=True, slots=True)
class SyncConflict:
    """One record both sides edited (or one edited, the other deleted) while apart."""

    kind: str
    record_id: UUID
    subject: str  # "No. 48's lap 11", "Entry No. 11"
    here: str  # what the file had, in words ("" when it deleted the record)
    there: str  # what the server had
    kept: str  # which one both sides now hold: "here" or "there"


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync copied each way, and the conflicts it resolved, for the user to check."""

    to_server: int
    to_file: int
    conflicts: tuple[SyncConflict, ...]

    @property
    def summary(self) -> str:
        return (
            f"Sync done: {_count(self.to_server, 'record')} sent to the server, "
            f"{_count(self.to_file, 'record')} brought into the file, "
            f"{_count(len(self.conflicts), 'conflict')}."
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


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
