"""Exporting a weekend summary to CSV as `main.py export` does: read the weekend, write files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.measure import Figure, median, samples_ms
from domain.services.weekend import load_weekend
from persistence.storage import open_storage
from persistence.summary_export import export_weekend

TARGET_MS = 200.0
RUNS = 7


def figures(database: Path, event_key: str) -> list[Figure]:
    """The last race of a ten-season database: 40 entries, 840 laps, a full season of standings."""
    storage = open_storage(str(database))
    try:
        with tempfile.TemporaryDirectory(prefix="trackside-export-") as folder:
            out = Path(folder)

            def load():
                return load_weekend(storage.uow_factory, event_key, storage.rulesets)

            weekend = load()
            total = samples_ms(lambda: export_weekend(load(), out), RUNS)
            reading = samples_ms(load, RUNS)
            writing = samples_ms(lambda: export_weekend(weekend, out), RUNS)
            files = len(list(out.iterdir()))
    finally:
        storage.close()
    detail = (
        f"load_weekend {median(reading):.0f} + export_weekend {median(writing):.0f} ms; "
        f"{files} files, {len(weekend.laps)} laps, median of {RUNS}"
    )
    return [
        Figure("Weekend summary exported to CSV (median)", median(total), "ms", TARGET_MS, detail)
    ]
