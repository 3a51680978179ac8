"""The merge rule for one record edited apart on a laptop and on the server."""

from __future__ import annotations

from domain.rules.merge import Copy, Decision, Known, Outcome, merge_record

ORIGINAL = Copy(1, "base")
EDITED_HERE = Copy(2, "here")
EDITED_THERE = Copy(2, "there")


def _knows(*states: Copy, edited: bool = False, removed: bool = False) -> Known:
    return Known(frozenset((c.version, c.digest) for c in states), edited, removed)


def test_a_record_added_on_one_side_is_copied_to_the_other() -> None:
    assert merge_record(ORIGINAL, None, _knows(ORIGINAL), Known()) == Decision(Outcome.TAKE_HERE)
    assert merge_record(None, ORIGINAL, Known(), _knows(ORIGINAL)) == Decision(Outcome.TAKE_THERE)


def test_a_record_deleted_on_one_side_and_untouched_on_the_other_goes_from_both() -> None:
    deleted = _knows(ORIGINAL, removed=True)
    assert merge_record(ORIGINAL, None, _knows(ORIGINAL), deleted) == Decision(Outcome.REMOVE)


def test_an_edit_against_a_deletion_keeps_the_edit_and_is_a_conflict() -> None:
    deleted = _knows(ORIGINAL, removed=True)
    here = _knows(ORIGINAL, EDITED_HERE, edited=True)
    assert merge_record(EDITED_HERE, None, here, deleted) == Decision(Outcome.TAKE_HERE, True)


def test_an_edit_of_a_copy_the_other_side_still_holds_wins_without_a_conflict() -> None:
    here = _knows(ORIGINAL, EDITED_HERE, edited=True)
    assert merge_record(EDITED_HERE, ORIGINAL, here, _knows(ORIGINAL)) == Decision(
        Outcome.TAKE_HERE
    )
    later = Copy(3, "later")
    there = _knows(ORIGINAL, EDITED_HERE, later, edited=True)
    assert merge_record(EDITED_HERE, later, here, there) == Decision(Outcome.TAKE_THERE)


def test_two_edits_made_apart_are_a_conflict_settled_the_same_from_either_side() -> None:
    here = _knows(ORIGINAL, EDITED_HERE, edited=True)
    there = _knows(ORIGINAL, EDITED_THERE, edited=True)
    one_way = merge_record(EDITED_HERE, EDITED_THERE, here, there)
    other_way = merge_record(EDITED_THERE, EDITED_HERE, there, here)
    assert one_way.conflict and other_way.conflict
    # "there" > "here", so the copy with digest "there" wins whichever side holds it.
    assert (one_way.outcome, other_way.outcome) == (Outcome.TAKE_THERE, Outcome.TAKE_HERE)


def test_the_same_content_on_both_sides_needs_nothing() -> None:
    same = Copy(3, "base")
    assert merge_record(ORIGINAL, same, _knows(ORIGINAL), Known()) == Decision(Outcome.NOTHING)
