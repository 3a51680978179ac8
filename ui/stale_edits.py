"""One way for every undoable edit to meet a record another laptop changed since it was seen.

The use case refuses the edit (ConcurrentEditError, holding the record as it now is); the user
keeps theirs (nothing is saved and the views show their value) or applies this edit over it
(ui/dialogs/conflict_dialog.py). Either way both edits stay in the History tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

from domain.changes import Changes, changed
from domain.errors import ConcurrentEditError
from domain.model import Entry, Penalty, RaceResult, Waiver
from ui.dialogs import conflict_dialog

V = TypeVar("V", Entry, RaceResult, Penalty, Waiver)  # the record edited
T = TypeVar("T")  # what the use case returns


@dataclass(frozen=True, slots=True)
class Outcome(Generic[V, T]):
    saved: T | None  # what the use case returned; None when the user kept theirs
    changes: Changes
    base: V  # the copy the edit went onto: the one seen, or theirs after "apply yours"

    @property
    def kept_theirs(self) -> bool:
        return self.saved is None


def edit_as_seen(
    widget: QWidget | None, seen: V, edit: Callable[[V], tuple[T, Changes]]
) -> Outcome[V, T]:
    """Run `edit` against the copy the user saw; if another laptop changed the record since,
    ask, and either keep theirs or run `edit` again against their copy."""
    try:
        saved, changes = edit(seen)
        return Outcome(saved, changes, seen)
    except ConcurrentEditError as clash:
        if type(clash.current) is not type(seen):
            raise  # both committed at the very same moment: no copy to offer, only the message
        theirs = clash.current
        if not conflict_dialog.ask_apply_yours(widget, str(clash)):
            return Outcome(None, _showing(theirs), theirs)
        saved, changes = edit(theirs)
        return Outcome(saved, changes, theirs)


def _showing(theirs: Entry | RaceResult | Penalty | Waiver) -> Changes:
    """The notice that makes every view show the other laptop's copy."""
    if isinstance(theirs, Entry):
        return Changes(entries=changed(theirs))
    if isinstance(theirs, RaceResult):
        return Changes(results=changed(theirs))
    if isinstance(theirs, Penalty):
        return Changes(penalties=changed(theirs))
    return Changes(waivers=changed(theirs))
