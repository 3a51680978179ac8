"""A lap committed by one team-server client, painted on another's board (DESIGN §6).

Two real clients on the local PostgreSQL: client A is a separate process logging laps through
the use case (bench/team_writer.py); client B is the app's main window offscreen on the
Practice tab, linked to the server as main.py links it (LISTEN on its own thread, the change
log pulled, the notice down the bus). Each figure runs from A's commit returning to the end of
the last paint on B that showed the lap (the lap list, the board, the chart).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import uuid4

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import main
from bench.lap_widgets import SETTLE_TIMEOUT_S, _PaintWatch, _settled_ms
from bench.measure import Figure, median, percentile
from domain import services
from domain.model import Event, SessionKind, Track, TrackKind
from persistence.storage import create_database, open_storage
from ui import start_up
from ui.main_window import MainWindow
from ui.tabs.practice_tab import PracticeTab
from ui.theme import apply_theme

ROOT = Path(__file__).resolve().parent.parent
URL_VARIABLES = ("TRACKSIDE_BENCH_POSTGRES_URL", "TRACKSIDE_TEST_POSTGRES_URL")
LAPS, CARS, EARLIER_LAPS = 120, 40, 2_000
KEY = "cup-2025-propagation"


def figures(_workdir: Path) -> list[Figure]:
    url = next((os.environ[v] for v in URL_VARIABLES if os.environ.get(v)), None)
    if url is None:
        raise RuntimeError(
            "the propagation benchmark needs a PostgreSQL server: set "
            "TRACKSIDE_TEST_POSTGRES_URL (bash .ci/run's start_postgres starts one)"
        )
    schema = f"bench_{uuid4().hex}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    target = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        times = _measure(target.render_as_string(hide_password=False))
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    detail = f"{LAPS} laps, {CARS} entries, {EARLIER_LAPS} laps already in the session"
    name = "Lap on client A painted on client B's board"
    return [
        Figure(f"{name} (p50)", median(times), "ms", 100.0),
        Figure(f"{name} (p99)", percentile(times, 0.99), "ms", 250.0, detail),
    ]


def _weekend(target: str) -> str:
    """A Cup weekend with 40 entries and a practice session already holding laps."""
    create_database(target, demo=False)
    storage = open_storage(target)
    factory = storage.uow_factory
    track = Track(name="Propagation Speedway", length_millimiles=1500, kind=TrackKind.OVAL)
    event = Event(key=KEY, name="Propagation 400", series="cup", season=2025, round_no=1,
                  track=track, start_date=date(2025, 7, 5), end_date=date(2025, 7, 6))  # fmt: skip
    with factory() as uow:
        uow.tracks.add(track)
        uow.events.add(event)
        uow.commit()
    practice, _ = services.add_session(factory(), event.id, SessionKind.PRACTICE, "Practice")
    for car in range(1, CARS + 1):
        services.add_entry(factory(), event.id, str(car), f"Driver {car}", team="Team", make="Ford")
    for n in range(EARLIER_LAPS):
        services.log_lap(factory(), practice.id, str(n % CARS + 1), f"30.{n % 1000:03d}")
    storage.close()
    return str(practice.id)


def _measure(target: str) -> list[float]:
    session_id = _weekend(target)
    writer = subprocess.Popen(
        [sys.executable, "-m", "bench.team_writer", target, session_id], cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert writer.stdin is not None and writer.stdout is not None
    start_up.install()
    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)
    window = MainWindow(connect_team=main.connect_team)
    settled: list[bool] = []
    window.settled.connect(lambda: settled.append(True))
    window.resize(1400, 900)
    window.show()
    window.attach_storage(main.open_storage(target))
    window.select_event(KEY)
    window.show_tab("Practice")
    try:
        _wait(app, lambda: bool(settled), "the window did not build its tabs")
        tab = window.tabs.currentWidget()
        assert isinstance(tab, PracticeTab)
        watch = _PaintWatch([tab.log_panel.view.viewport(), tab.board_view.viewport(),
                             tab.chart.viewport()])  # fmt: skip
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("client A did not start")
        times = []
        for n in range(LAPS):
            rows = tab.log_panel.model.rowCount()
            writer.stdin.write(f"{n % CARS + 1} 29.{n % 1000:03d}\n")
            writer.stdin.flush()
            _wait(app, lambda r=rows: tab.log_panel.model.rowCount() > r, f"lap {n} never came")
            painted_at = _settled_ms(app, watch, 0.0) / 1000  # the last paint, on the same clock
            committed = float(writer.stdout.readline())
            times.append((painted_at - committed) * 1000)
            time.sleep(0.03)  # laps a spotter apart, not a burst
        return times
    finally:
        writer.stdin.close()
        writer.wait(timeout=10)
        window.close_storage()
        window.deleteLater()
        app.processEvents()


def _wait(app: QApplication, done: Callable[[], bool], failure: str) -> None:
    deadline = time.perf_counter() + SETTLE_TIMEOUT_S
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
    if not done():
        raise RuntimeError(failure)


if __name__ == "__main__":  # one group on its own: its outbox goes to a temporary folder
    os.environ["TRACKSIDE_DATA_DIR"] = tempfile.mkdtemp(prefix="trackside-bench-")
    for figure in figures(Path.cwd()):
        print(f"{figure.name}: {figure.value:.1f} {figure.unit} (target ≤ {figure.target})")
