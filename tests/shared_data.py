"""The real data of ../shared/data (DESIGN §2), read by tests only; they skip where it is absent.

The folder sits beside the checkout (/work/main -> /work/shared) or beside the folder of
worktrees (/work/wt/NAME -> /work/shared); the app itself never reads it (resources/ holds
what the demo needs).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def shared_file(name: str) -> Path:
    """A file of the shared data folder, or a skip naming where it was looked for."""
    candidates = [
        ROOT.parent / "shared" / "data" / name,
        ROOT.parent.parent / "shared" / "data" / name,
    ]
    for path in candidates:
        if path.is_file():
            return path
    pytest.skip(f"{name} is not in a shared data folder ({', '.join(map(str, candidates))})")


def shared_rows(name: str) -> list[dict[str, str]]:
    with shared_file(name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))
