"""What the window needs from files it cannot reach itself (ui/ never imports persistence/).

main.py hands in an implementation: read an import file, create a database, find the demo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from domain.services.import_cells import ImportTable


class WeekendFiles(Protocol):
    def read_csv(self, path: Path) -> ImportTable:
        """The file's rows; a ValidationError says why it cannot be read."""
        ...

    def create_database(self, path: str, *, demo: bool) -> str:
        """A new database at `path` (refused if it exists); returns its location."""
        ...

    def demo_database(self) -> str:
        """The demo weekends' database in the data folder, made on first use."""
        ...
