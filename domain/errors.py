"""The errors Trackside shows to people: every message is written for the user, not a developer."""


class TracksideError(Exception):
    """Base of every expected failure; anything else that escapes is a bug."""


class DomainError(TracksideError):
    """A rule or an input was broken; shown inline or as a warning, nothing is lost."""


class InvalidLapTimeError(DomainError):
    """A lap time or speed could not be read."""


class ValidationError(DomainError):
    """A value (car number, name, position...) is not acceptable."""


class DuplicateError(DomainError):
    """Something that must be unique already exists (a car number, a driver in the event)."""


class NotFoundError(DomainError):
    """A record the user asked for does not exist (an event key, a car, a lap)."""


class RuleSetError(DomainError):
    """A rule pack file has a missing or bad value; the message names the file and the key."""


class StorageError(TracksideError):
    """The database could not be read or written; shown as critical, the user's data is kept."""


class DatabaseFileError(StorageError):
    """The file is not a Trackside database, is damaged, missing or cannot be written."""


class NewerSchemaError(StorageError):
    """The file was written by a newer Trackside; it is left untouched."""


class DatabaseInUseError(StorageError):
    """Another Trackside window or process is writing the same file."""


class DamagedFileError(DatabaseFileError):
    """SQLite's own check found damage in the file at `location` (when known); `backup` is the
    latest backup's path, if there is one."""

    def __init__(self, message: str, backup: str | None = None, location: str | None = None):
        super().__init__(message)
        self.backup = backup
        self.location = location


class ConcurrentEditError(DomainError):
    """The record was changed elsewhere (another laptop) since this edit's copy was read.

    `current` is the record as it is now, so the user can keep theirs or apply their own.
    """

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


class ReadOnlyError(StorageError):
    """The server account may read but not write (a viewer role): a permission, not a bug."""


class ServerUnreachableError(StorageError):
    """The team server cannot be reached; laps go to the local outbox until it is back."""


class SyncCancelledError(DomainError):
    """The user stopped a sync; the message says what each side holds now."""
