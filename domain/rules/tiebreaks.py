"""Ordering drivers level on points by the pack's tiebreak: countback, or the latest finish.

The regular standings always use countback (DESIGN §3); the field of a postseason, its seeds and
its standings use the pack's `tiebreak`, which public 2026 sources did not settle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from domain.rules.standings import RaceLine
from domain.ruleset import StandingsTiebreak

T = TypeVar("T")
_NO_FINISH = 10_000  # a race without a finish ranks behind every finish


def countback(lines: Iterable[RaceLine], depth: int = 200) -> tuple[int, ...]:
    """Most wins, then most 2nds, 3rds… (smaller is better)."""
    finishes = Counter(line.position for line in lines if line.position is not None)
    return tuple(-finishes[place] for place in range(1, depth + 1))


def latest_finishes(lines: Iterable[RaceLine], last_round: int = 200) -> tuple[int, ...]:
    """Finishes race by race from the latest back; a race not run counts behind every finish."""
    finish = {line.round_no: line.position for line in lines if line.position is not None}
    return tuple(finish.get(round_no, _NO_FINISH) for round_no in range(last_round, 0, -1))


def tie_key(lines: Sequence[RaceLine], tiebreak: StandingsTiebreak) -> tuple[tuple[int, ...], ...]:
    """Sort key among drivers level on points (smaller first)."""
    if tiebreak is StandingsTiebreak.LATEST_FINISH:
        return (latest_finishes(lines), countback(lines))
    return (countback(lines),)


def rank(
    items: Iterable[T],
    points: Callable[[T], int],
    lines: Callable[[T], Sequence[RaceLine]],
    name: Callable[[T], str],
    tiebreak: StandingsTiebreak,
) -> list[T]:
    """Most points first; ties by the pack's tiebreak, then by name so the order is stable."""
    return sorted(
        items, key=lambda item: (-points(item), tie_key(lines(item), tiebreak), name(item))
    )
