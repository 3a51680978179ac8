"""Database failures in the domain's words: what was wrong and what the user can do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from domain.errors import (
    ConcurrentEditError,
    DamagedFileError,
    DuplicateError,
    NotFoundError,
    ReadOnlyError,
    ServerUnreachableError,
    StorageError,
    ValidationError,
)

# What SQLite says when a page it reads is not what it wrote (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGE_MARKERS = ("malformed", "not a database", "database corruption")
# SQLSTATE of a refused privilege (PostgreSQL: insufficient_privilege), and class 08
# (connection exception) plus the admin shutdown codes a stopped server sends.
_NO_PRIVILEGE = "42501"
_SERVER_GONE = ("08", "57P01", "57P02", "57P03")

# Which unique constraint failed -> what the user should do (SQLite names columns, PG names).
_DUPLICATE_MESSAGES = (
    (("uq_entries_event_car", "entries.event_id, entries.car_number"),
     "That car number is already on this event's entry list. Use another number or edit the "
     "existing entry."),
    (("uq_results_event_car",
      "race_results.event_id, race_results.session_name, race_results.car_number"),
     "That car already has a result in this race. Edit its result instead."),
    (("uq_results_event_finish",
      "race_results.event_id, race_results.session_name, race_results.finish"),
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


def server_failure(exc: DBAPIError) -> StorageError | None:
    """A team server's refusal in words: a permission, or the server being out of reach."""
    if not type(exc.orig).__module__.startswith("psycopg"):
        return None
    state = getattr(exc.orig, "sqlstate", None) or ""
    if state == _NO_PRIVILEGE:
        return ReadOnlyError(
            "Your server account may only read this database (a viewer role), so the change "
            "was not saved. This is a permission, not a fault: ask whoever runs the team "
            "server for a writer account if you need to log laps."
        )
    # No SQLSTATE at all: the connection itself failed (refused, reset, timed out).
    lost = exc.connection_invalidated or (isinstance(exc, OperationalError) and not state)
    if state.startswith(_SERVER_GONE) or lost:
        return ServerUnreachableError(
            f"The team server cannot be reached ({str(exc.orig).strip()}). Nothing was "
            "changed on it; check the network, then try again."
        )
    return None


@contextmanager
def storage_errors() -> Iterator[None]:
    """Database failures leave as DomainError/StorageError, never as a traceback."""
    try:
        yield
    except StaleDataError as exc:
        raise ConcurrentEditError(
            "Another laptop changed this record at the same moment, so your edit was not "
            "saved. It now shows their change: check it and make your edit again."
        ) from exc
    except IntegrityError as exc:
        raise integrity_failure(exc) from exc
    except DBAPIError as exc:
        if any(marker in str(exc.orig).lower() for marker in _DAMAGE_MARKERS):
            raise DamagedFileError(
                f"The weekend file is damaged ({exc.orig}); nothing more was changed. Close "
                "Trackside, run python main.py --db FILE backups to see its backups, and bring "
                "the latest back with python main.py --db FILE restore BACKUP."
            ) from exc
        refused = server_failure(exc)
        if refused is not None:
            raise refused from exc
        raise StorageError(
            f"The weekend database could not be read or saved ({exc.orig}). Nothing was "
            "changed: check the disk has free space, the file is writable and the server is "
            "reachable, then try again."
        ) from exc
