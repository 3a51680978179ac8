"""Driver names as NASCAR decorates them: `#`, `(i)`, `(P)`, `(C)`, a leading `* ` (FEEDS §2.1)."""

from __future__ import annotations

import re

from domain.feeds import FeedDriver

_TRAILING = re.compile(r"\s*(#|\(i\)|\(P\)|\(C\))\s*$", re.IGNORECASE)


def feed_driver(raw: str, nascar_id: int | None = None) -> FeedDriver:
    """The plain name and the decorations as flags; the name itself is never changed otherwise."""
    name = " ".join(raw.split())
    open_marker = name.startswith("*")
    name = name.lstrip("* ").strip()
    rookie = ineligible = playoff = False
    while match := _TRAILING.search(name):
        mark = match.group(1).lower()
        rookie |= mark == "#"
        ineligible |= mark == "(i)"
        playoff |= mark in ("(p)", "(c)")
        name = name[: match.start()].rstrip()
    return FeedDriver(
        name=name,
        nascar_id=nascar_id,
        rookie=rookie,
        ineligible=ineligible,
        playoff=playoff,
        open_marker=open_marker,
    )
