"""A saved NASCAR file as JSON: a byte-order mark and a URL line before or after are accepted."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from domain.errors import ValidationError

MAX_FEED_BYTES = 64 * 1024 * 1024  # the largest real file is ~2 MB; a 64 MB "feed" is not one
# Decimals, not floats: 16.463 s must become 16,463 ms exactly (DESIGN §5).
_DECODER = json.JSONDecoder(parse_float=Decimal)


def read_json_file(path: Path) -> Any:
    """The file's JSON value, or a message saying what is wrong with it; the file is not touched."""
    try:
        size = path.stat().st_size
        if size > MAX_FEED_BYTES:
            raise ValidationError(
                f"{path.name} is {size // (1024 * 1024)} MB: NASCAR's files are a few MB at most. "
                "Check that this is the file you meant."
            )
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ValidationError(f"Cannot read {path}: {reason}. Check the path.") from exc
    return parse_json_bytes(data, source=path.name)


def parse_json_bytes(data: bytes, *, source: str) -> Any:
    """JSON from bytes saved by hand: BOM, "Source: https://…" lines and blank lines skipped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{source} is not a NASCAR file: it is not UTF-8 text (byte {exc.start})."
        ) from exc
    start = _json_start(text)
    if start is None:
        raise ValidationError(
            f"{source} is not a NASCAR file: there is no JSON in it"
            + (" (the file is empty)." if not text.strip() else ".")
        )
    try:
        value, end = _DECODER.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{source} is not complete JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may have been cut off while saving. Save it again."
        ) from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise ValidationError(f"{source} holds a number too long to be real ({exc}).") from exc
    trailing = [line for line in text[end:].splitlines() if line.strip()]
    if any(not _is_note_line(line) for line in trailing):
        raise ValidationError(
            f"{source} has more after its JSON ends ({trailing[0].strip()[:40]!r}); "
            "save the file again."
        )
    return value


def _json_start(text: str) -> int | None:
    """Where the JSON begins: the first line starting with { or [ after any note lines."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(("{", "[")):
            return offset + line.index(stripped[0])
        if stripped and not _is_note_line(stripped):
            return None
        offset += len(line)
    return None


def _is_note_line(line: str) -> bool:
    """A line a person or tool added around the JSON: the URL it came from."""
    text = line.strip().lower()
    return text.startswith(("http://", "https://", "source:"))
