"""One Trackside per weekend file: an exclusive OS lock on a "<file>.lock" sidecar."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from domain.errors import DatabaseFileError, DatabaseInUseError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

# Windows locks byte ranges and hides locked bytes from readers: lock a byte past the pid.
_WINDOWS_LOCK_OFFSET = 4096


def _try_lock(descriptor: int) -> bool:
    try:
        if sys.platform == "win32":
            os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(descriptor: int) -> str:
    os.lseek(descriptor, 0, os.SEEK_SET)
    text = os.read(descriptor, 32).decode("ascii", "replace").strip()
    return text if text.isdigit() else "unknown"


class InstanceLock:
    """Held for the Storage's life; the OS drops it when the process dies, even on SIGKILL."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        try:
            self._descriptor: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseFileError(
                f"{database} cannot be opened: the lock file {self.path} could not be created "
                f"({exc.strerror}). Make the folder writable, or copy the file to a folder you "
                "can write to."
            ) from exc
        if not _try_lock(self._descriptor):
            holder = _holder(self._descriptor)
            self.release()
            raise DatabaseInUseError(
                f"{database} is open in another Trackside window (process {holder}). Close "
                "that window first, or open a copy of the file."
            )
        os.ftruncate(self._descriptor, 0)
        os.lseek(self._descriptor, 0, os.SEEK_SET)
        os.write(self._descriptor, f"{os.getpid()}\n".encode("ascii"))

    def release(self) -> None:
        """Close the sidecar (which drops the lock); the file stays so no two locks race."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None
