"""Run every benchmark, print the figures against DESIGN §6, write bench/results/latest.json.

`python3 run.py bench` (or `.venv/bin/python bench/run_all.py [--only GROUP ...]`). All data is
generated into a temporary folder, and HOME/XDG_CONFIG_HOME/TRACKSIDE_DATA_DIR point there, so
the user's weekend file and settings are never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
GROUPS = ("standings", "database", "export", "lap_logging", "startup", "team", "feeds", "sync")


def _isolate(workdir: Path) -> None:
    """Settings and the embedded database of anything started from here live in `workdir`."""
    home = workdir / "home"
    (home / "config").mkdir(parents=True)
    (home / "data").mkdir()
    os.environ.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        TRACKSIDE_DATA_DIR=str(home / "data"),
        QT_QPA_PLATFORM="offscreen",
    )


def _prepare(workdir: Path) -> dict[str, Path]:
    """The ten-season database and a demo database, made once for every group."""
    from bench.generate import create_generated_database
    from persistence.storage import create_database

    started = time.perf_counter()
    ten = create_generated_database(workdir / "ten-seasons.db")
    demo = Path(create_database(str(workdir / "demo.db"), demo=True))
    print(f"Generated the test databases in {time.perf_counter() - started:.1f} s", flush=True)
    return {"ten": ten, "demo": demo, "home": workdir / "home", "workdir": workdir}


def _group_runner(name: str, paths: dict[str, Path]) -> Callable[[], list]:
    from bench.generate import latest_event_key

    latest = latest_event_key()
    if name == "standings":
        from bench import standings

        return lambda: standings.figures(paths["ten"])
    if name == "database":
        from bench import database

        return lambda: database.figures(paths["ten"], latest)
    if name == "export":
        from bench import export

        return lambda: export.figures(paths["ten"], latest)
    if name == "feeds":
        from bench import feeds

        return lambda: feeds.figures(paths["workdir"])
    if name == "lap_logging":
        from bench import lap_logging

        return lambda: lap_logging.figures(paths["workdir"])
    if name == "sync":  # about 30 s: two syncs of the ten-season database
        from bench import sync_memory

        return lambda: sync_memory.figures(paths["ten"], paths["workdir"])
    if name == "team":  # needs the local PostgreSQL (TRACKSIDE_TEST_POSTGRES_URL)
        from bench import team_propagation

        return lambda: team_propagation.figures(paths["workdir"])
    from bench import startup

    return lambda: startup.figures(paths["demo"], paths["ten"], paths["home"])


def _format_value(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:,.1f} {unit}".strip() if unit != "" else f"{value:g}"


def _print_table(rows: list[dict]) -> None:
    width = max(len(str(row["name"])) for row in rows)
    print(f"\n{'Figure':<{width}}  {'Value':>12}  {'Target':>12}  Result")
    print("-" * (width + 36))
    for row in rows:
        value = _format_value(row["value"], row["unit"]) if row["value"] is not None else "—"
        target = "—" if row["target"] is None else "≤ " + _format_value(row["target"], row["unit"])
        verdict = {True: "PASS", False: "FAIL", None: "info"}[row["passed"]]
        if row.get("error"):
            verdict = "ERROR"
        print(f"{row['name']:<{width}}  {value:>12}  {target:>12}  {verdict}")
        if row.get("detail"):
            print(f"{'':<{width}}    {row['detail']}")


def yardstick_ms() -> float:
    """This VM's speed drifts by up to 2x within minutes: a fixed pure-Python loop, timed
    before each group, shows which figures ran in a slow spell (median of five, ~0.1 s each)."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[2]


def _machine() -> dict[str, object]:
    from PySide6 import __version__ as pyside_version

    return {
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "platform": platform.platform(),
    }


def run(groups: list[str]) -> int:
    rows: list[dict] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="trackside-bench-") as folder:
        workdir = Path(folder)
        _isolate(workdir)
        machine = _machine()
        paths = _prepare(workdir)
        yardsticks = machine["yardstick_ms_before_group"] = {}
        for name in groups:
            yardsticks[name] = round(yardstick_ms(), 1)
            print(f"Running {name}… (yardstick {yardsticks[name]:.0f} ms)", flush=True)
            try:
                rows += [figure.as_json() for figure in _group_runner(name, paths)()]
            except Exception as exc:  # a group that cannot run is reported, the others still run
                traceback.print_exc()
                rows.append(_error_row(name, exc))
    machine["load_average_at_end"] = os.getloadavg()[0]
    machine["seconds"] = round(time.perf_counter() - started, 1)
    _print_table(rows)
    load = f"{machine['load_average_at_start']:.1f} → {machine['load_average_at_end']:.1f}"
    print(
        f"\n{_summary(rows)}; {machine['seconds']} s; load average {load}, {machine['cpus']} CPUs"
    )
    sticks = ", ".join(f"{k} {v:.0f}" for k, v in machine["yardstick_ms_before_group"].items())
    print(f"Yardstick before each group (1M-step Python loop, ms; lower is faster): {sticks}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": machine, "figures": rows}, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 1 if any(row.get("error") for row in rows) else 0


def _error_row(group: str, exc: Exception) -> dict:
    message = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
    return {
        "name": f"{group} (could not run)",
        "value": None,
        "unit": "",
        "target": None,
        "passed": None,
        "detail": message,
        "error": True,
    }


def _summary(rows: list[dict]) -> str:
    passed = sum(1 for row in rows if row["passed"] is True)
    failed = sum(1 for row in rows if row["passed"] is False)
    errors = sum(1 for row in rows if row.get("error"))
    return f"{passed} passed, {failed} failed, {errors} could not run"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=GROUPS, help="run only these groups")
    args = parser.parse_args(argv)
    return run(list(args.only or GROUPS))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # `python bench/run_all.py` puts bench/, not the root, first
    sys.exit(main(sys.argv[1:]))
