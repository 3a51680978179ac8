"""A weekend's shape from its pack: the sessions a format runs, the event key, a track's length.

Session names and event keys are interfaces (DESIGN §7): scripts and imports rely on them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.errors import ValidationError
from domain.model import SessionKind, TrackKind
from domain.ruleset import QualifyingFormat, RuleSet

MAX_TRACK_MILES = 5  # the longest NASCAR road course (Road America) is 4.048 miles
_MILES = re.compile(r"(\d{1,2})(?:\.(\d{1,3}))?")
# Words that name what a track is rather than which one: "Kansas Speedway" is "kansas".
_GENERIC_WORDS = frozenset(
    {"international", "motor", "speedway", "superspeedway", "raceway", "race", "course"}
    | {"circuit", "street", "track", "park", "stadium", "the", "of", "at"}
)


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """A session an event will have: what it is, its name and where qualifying puts it."""

    kind: SessionKind
    name: str
    group: str | None = None  # "A", "B" for group qualifying
    round_no: int = 1  # 2 for a final round


def planned_sessions(ruleset: RuleSet, kind: TrackKind, practices: int = 1) -> list[SessionPlan]:
    """Practice, qualifying as the pack's format for the track kind says, then the race."""
    if not 0 <= practices <= 9:
        raise ValidationError("An event has from 0 to 9 practice sessions.")
    plan = [
        SessionPlan(SessionKind.PRACTICE, "Practice" if n == 1 else f"Practice {n}")
        for n in range(1, practices + 1)
    ]
    plan += qualifying_sessions(ruleset.qualifying.formats[kind])
    plan.append(SessionPlan(SessionKind.RACE, "Race"))
    return plan


def qualifying_sessions(qualifying_format: QualifyingFormat) -> list[SessionPlan]:
    """The qualifying sessions of one format, named as DESIGN §7 says."""
    q = SessionKind.QUALIFYING
    group_a = SessionPlan(q, "Qualifying Group A", "A")
    group_b = SessionPlan(q, "Qualifying Group B", "B")
    final = SessionPlan(q, "Qualifying Final", None, 2)
    match qualifying_format:
        case QualifyingFormat.SINGLE_ROUND:
            return [SessionPlan(q, "Qualifying")]
        case QualifyingFormat.TWO_ROUNDS:
            return [SessionPlan(q, "Qualifying Round 1"), final]
        case QualifyingFormat.TWO_GROUPS:
            return [group_a, group_b]
        case QualifyingFormat.GROUPS_THEN_FINAL:
            return [group_a, group_b, final]


def ensure_session_names(plan: list[SessionPlan]) -> list[SessionPlan]:
    """Trimmed, non-empty names, none used twice (case does not make a name different)."""
    seen: set[str] = set()
    checked = []
    for session in plan:
        name = " ".join(session.name.split())
        if not name:
            raise ValidationError("Every session needs a name, e.g. Practice, Qualifying, Race.")
        if name.casefold() in seen:
            raise ValidationError(
                f"The session name “{name}” is used twice in this event; give each session "
                "its own name (e.g. Practice 2)."
            )
        seen.add(name.casefold())
        checked.append(SessionPlan(session.kind, name, session.group, session.round_no))
    return checked


def slug(text: str) -> str:
    """Lower-case ASCII words joined by dashes: "Coca-Cola 600" -> "coca-cola-600"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def track_slug(track_name: str) -> str:
    """A track's short name as a slug: "Chicago Street Course (Grant Park)" -> "chicago"."""
    words = slug(re.sub(r"\(.*?\)", " ", track_name)).split("-")
    kept = [w for w in words if w and w not in _GENERIC_WORDS]
    return "-".join(kept) or slug(track_name)


def event_key(series: str, season: int, track_name: str, event_name: str, taken: set[str]) -> str:
    """`SERIES-YEAR-TRACK`; a second event at the track that season adds the event name's slug."""
    key = f"{series}-{season}-{track_slug(track_name)}"
    if key in taken:
        key = f"{key}-{slug(event_name)}"
    return key


def ensure_event_key(text: str) -> str:
    """A typed key: lower-case letters, digits and dashes, so it works in a shell and a URL."""
    key = text.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key) or len(key) > 80:
        raise ValidationError(
            f"“{key}” is not an event key: use lower-case letters, digits and dashes, e.g. "
            "cup-2027-daytona (at most 80 characters)."
        )
    return key


def parse_miles(text: str) -> int:
    """A track length in miles ("2.2", "0.526") as thousandths of a mile, read exactly."""
    value = text.strip().removesuffix("miles").removesuffix("mi").strip()
    match = _MILES.fullmatch(value)
    if match is None:
        raise ValidationError(
            f"“{text.strip()}” is not a track length: write miles with up to three decimals, "
            "e.g. 1.5 or 0.526."
        )
    millimiles = int(match.group(1)) * 1000 + int((match.group(2) or "0").ljust(3, "0"))
    return ensure_track_length(millimiles)


def ensure_track_length(millimiles: int) -> int:
    if millimiles <= 0:
        raise ValidationError("A track's length must be more than 0 miles.")
    if millimiles > MAX_TRACK_MILES * 1000:
        raise ValidationError(
            f"{millimiles / 1000:g} miles is longer than any track ({MAX_TRACK_MILES} miles at "
            "most); check the length (it is in miles, not kilometres or feet)."
        )
    return millimiles


def track_kind(text: str) -> TrackKind:
    """A typed track kind, or a message listing the kinds there are."""
    try:
        return TrackKind(text.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in TrackKind)
        message = f"“{text.strip()}” is not a track kind; use one of {kinds}."
        raise ValidationError(message) from None
