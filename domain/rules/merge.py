"""Merging two copies of one record that were edited apart (an offline laptop and the server).

Each side offers its copy (version and content digest) and what its change log knows of the
record. A copy the other side has already held (or the untouched original, version 1) is an
ancestor: the other side's copy is newer and wins with no conflict. Two copies that are not
each other's ancestors were both edited apart: a conflict, reported, and settled the same way
whichever side merges first (the higher version, then the higher digest), so merging in either
order gives one result. An edit made apart beats a deletion made apart: nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Copy:
    """One side's record as it is now."""

    version: int
    digest: str  # of the content, without the version


@dataclass(frozen=True, slots=True)
class Known:
    """What one side's change log knows of a record."""

    states: frozenset[tuple[int, str]] = frozenset()  # (version, digest) it has held
    edited: bool = False  # it has changed the record since adding it
    removed: bool = False  # its latest entry is the record's removal


class Outcome(StrEnum):
    NOTHING = "nothing"  # both sides agree already
    TAKE_HERE = "take here"  # both sides end with this side's copy
    TAKE_THERE = "take there"
    REMOVE = "remove"  # the record was deleted on one side and goes from the other


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    conflict: bool = False


def merge_record(
    here: Copy | None, there: Copy | None, here_knows: Known, there_knows: Known
) -> Decision:
    """What both sides should hold of one record after a merge."""
    if here is None and there is None:
        return Decision(Outcome.NOTHING)
    if here is None or there is None:
        return _one_side(here, there, here_knows, there_knows)
    if here.digest == there.digest:
        return Decision(Outcome.NOTHING)
    if _is_ancestor(there, there_knows, here_knows):
        return Decision(Outcome.TAKE_HERE)
    if _is_ancestor(here, here_knows, there_knows):
        return Decision(Outcome.TAKE_THERE)
    here_wins = (here.version, here.digest) > (there.version, there.digest)
    return Decision(Outcome.TAKE_HERE if here_wins else Outcome.TAKE_THERE, conflict=True)


def _one_side(
    here: Copy | None, there: Copy | None, here_knows: Known, there_knows: Known
) -> Decision:
    """A record only one side holds: new there, or deleted on the other side."""
    if here is not None:
        kept, kept_knows, other_knows, take = here, here_knows, there_knows, Outcome.TAKE_HERE
    else:
        assert there is not None
        kept, kept_knows, other_knows, take = there, there_knows, here_knows, Outcome.TAKE_THERE
    if not other_knows.removed:
        return Decision(take)  # added on one side while apart
    if _is_ancestor(kept, kept_knows, other_knows):
        return Decision(Outcome.REMOVE)  # deleted on one side, untouched on the other
    return Decision(take, conflict=True)  # edited on one side, deleted on the other


def _is_ancestor(copy: Copy, copy_knows: Known, other_knows: Known) -> bool:
    """Whether the other side's record has already been through this copy."""
    original = copy.version == 1 and not copy_knows.edited
    return original or (copy.version, copy.digest) in other_knows.states
