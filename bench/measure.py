"""Timing helpers and the Figure record every benchmark module returns."""

from __future__ import annotations

import math
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Figure:
    """One printed line: what was measured, its value, and the bar it must meet (DESIGN §6)."""

    name: str
    value: float
    unit: str  # "ms", "x", "MB"
    target: float | None  # None: reported for information, no bar
    detail: str = ""

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.value <= self.target

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "passed": self.passed}


def peak_memory_mb() -> float:
    """This process's peak resident memory since it started its program.

    Linux's ru_maxrss also counts the parent's memory when the process was forked (or
    vforked) from it, so a worker started by a benchmark run that already holds a 5,000-lap
    window reported that run's size; VmHWM belongs to the program the process runs now.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux and BSDs


def timed_ms(action: Callable[[], object]) -> float:
    """Wall time of one call in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def samples_ms(action: Callable[[], object], runs: int, *, warmup: int = 1) -> list[float]:
    """`runs` timings after `warmup` untimed calls (first calls pay for imports and caches)."""
    for _ in range(warmup):
        action()
    return [timed_ms(action) for _ in range(runs)]


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the value at or below which `fraction` of samples fall."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]
