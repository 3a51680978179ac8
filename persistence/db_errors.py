"""Database failures in the domain's words: what was wrong and what the user can do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError

from domain.errors import (
    DamagedFileError,
    DuplicateError,
    NotFoundError,
    StorageError,
    ValidationError,
)

# What SQLite says when a page it reads is not what it wrote (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGE_MARKERS = ("malformed", "not a database", "database corruption")

# Which unique constraint failed -> what the user should do (SQLite names columns, PG names).
_DUPLICATE_MESSAGES = (
    (("uq_entries_event_car", "entries.event_id, entries.car_number"),
     "That car number is already on this event's entry list. Use another number or edit the "
     "existing entry."),
    (("uq_results_event_car", "race_results.event_id, race_results.car_number"),
     "That car already has a result in this race. Edit its result instead."),
    (("uq_results_event_finish", "race_results.event_id, race_results.finish"),
     "Another car already has that finishing position. Change that car's position first."),
    (("uq_events_key", "events.key"),
     "An event with that key already exists. Choose another key."),
)  # fmt: skip


def integrity_failure(exc: IntegrityError) -> DuplicateError | NotFoundError | ValidationError:
    """Turn a broken constraint into the domain error that tells the user what to change."""
    reason = str(exc.orig)
    if "check constraint" in reason.lower():
        # The domain validates first, so only a bug or a hand-edited value gets here.
        rule = re.search(r"ck_\w+", reason)
        return ValidationError(
            "That value is impossible for a race weekend and was not saved"
            + (f" (the database rule {rule.group(0)} refused it)" if rule else "")
            + ". Check the numbers and try again."
        )
    if "foreign key" in reason.lower():
        return NotFoundError(
            "That change refers to a record that no longer exists (it may have been deleted "
            "in another window). Refresh and try again."
        )
    for markers, message in _DUPLICATE_MESSAGES:
        if any(marker in reason for marker in markers):
            return DuplicateError(message)
    return DuplicateError("That record has already been saved. Refresh and try again.")


@contextmanager
def storage_errors() -> Iterator[None]:
    """Database failures leave as DomainError/StorageError, never as a traceback."""
    try:
        yield
    except IntegrityError as exc:
        raise integrity_failure(exc) from exc
    except DBAPIError as exc:
        if any(marker in str(exc.orig).lower() for marker in _DAMAGE_MARKERS):
            raise DamagedFileError(
                f"The weekend file is damaged ({exc.orig}); nothing more was changed. Close "
                "Trackside, run python main.py --db FILE backups to see its backups, and bring "
                "the latest back with python main.py --db FILE restore BACKUP."
            ) from exc
        raise StorageError(
            f"The weekend database could not be read or saved ({exc.orig}). Nothing was "
            "changed: check the disk has free space, the file is writable and the server is "
            "reachable, then try again."
        ) from exc
