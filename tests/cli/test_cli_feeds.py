"""import-feed, verify and follow from the command line; follow against a local HTTP server."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from cli_feeds import progress_line
from domain.services.follow import follow_once
from persistence.feeds import parse_feed_bytes
from persistence.feeds.source import BROWSER_USER_AGENT, FileSource, UrlSource
from persistence.storage import create_database, open_storage
from tests.cli.test_cli import trackside
from tests.persistence.test_feed_import import add_user_pack

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "feeds"
SNAPSHOTS = [FIXTURES / f"martinsville-2020-live-feed-lap{n}.json" for n in (447, 450, 499, 500)]
KEY = "cup-2020-martinsville"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An empty file beside a data folder holding the user's cup-2020 pack."""
    add_user_pack(tmp_path, "cup-2020")
    return Path(create_database(str(tmp_path / "weekend.db"), demo=False))


@pytest.fixture
def martinsville_db(db: Path) -> Path:
    done = trackside(db, "import-feed", str(FIXTURES / "martinsville-2020-weekend-feed.json"))
    assert done.returncode == 0, done.stderr
    return db


class _Recorded(BaseHTTPRequestHandler):
    """Serves the queued responses in order; a repeated ETag gets 304 Not Modified."""

    responses: ClassVar[list[tuple[int, bytes]]]  # each server's own (the fixture sets them)
    seen_agents: ClassVar[list[str]]

    def do_GET(self) -> None:
        type(self).seen_agents.append(self.headers.get("User-Agent", ""))
        status, body = self.responses.pop(0) if self.responses else (200, b"")
        etag = f'"{hash(body)}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Recorded]]]:
    handler = type("Handler", (_Recorded,), {"responses": [], "seen_agents": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/live/feeds/live-feed.json", handler
    httpd.shutdown()
    httpd.server_close()


def test_import_feed_prints_what_each_file_added_and_verify_compares_the_points(db):
    done = trackside(
        db,
        "import-feed",
        str(FIXTURES / "martinsville-2020-weekend-feed.json"),
        str(FIXTURES / "martinsville-2020-lap-times.json"),
    )

    assert done.returncode == 0, done.stderr
    assert "martinsville-2020-lap-times.json (lap times → cup-2020-martinsville): 90 added" in (
        done.stdout
    )
    assert done.stderr == ""  # no progress line when stderr is not a terminal
    checked = trackside(db, "verify", KEY)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "Trackside agrees with NASCAR on 6 of 6 cars"


def test_import_feed_refuses_a_file_of_another_shape_and_stores_nothing(db, tmp_path):
    other = tmp_path / "settings.json"
    other.write_text('{"theme": "dark"}')

    done = trackside(db, "import-feed", str(other))

    assert done.returncode == 1
    assert "not a NASCAR file Trackside knows: it has keys theme" in done.stderr
    assert "No events yet" in trackside(db, "list").stdout


def test_following_a_url_adds_each_snapshots_laps_and_survives_bad_ones(martinsville_db, server):
    url, handler = server
    first, second, third, last = (path.read_bytes() for path in SNAPSHOTS)
    handler.responses += [
        (200, first),
        (200, first),  # the same snapshot again: 304 through its ETag
        (200, b'{"lap_number": 4'),  # cut off mid-save
        (503, b"busy"),
        (200, second),
        (200, third),
        (200, last),
    ]
    storage = open_storage(str(martinsville_db))
    source = UrlSource(url)
    try:
        steps = [
            follow_once(storage.uow_factory, storage.rulesets, KEY, source, parse_feed_bytes)
            for _ in range(7)
        ]
        with storage.uow_factory() as uow:
            event = uow.events.get_by_key(KEY)
            race = next(s for s in uow.sessions.list_for_event(event.id) if s.name == "Race")
            laps = uow.laps.list_for_session(race.id)
    finally:
        storage.close()

    assert [s.ok for s in steps] == [True, True, False, False, True, True, True]
    assert steps[0].status == "lap 447: 12 laps added, 0 updated (6 cars)"
    assert steps[1].status == "no new snapshot"
    assert "not complete JSON" in steps[2].status and "still following" in steps[2].status
    assert "answered 503" in steps[3].status
    assert steps[6].status.startswith("lap 500: 6 laps added")
    assert steps[6].changes.laps.added  # the boards update from the notice, row by row
    truex = sorted(lap.lap_number for lap in laps if lap.car_number == "19")
    assert truex == [406, 447, 450, 499, 500]
    assert set(handler.seen_agents) == {BROWSER_USER_AGENT}


def test_following_a_file_that_another_program_rewrites(martinsville_db, tmp_path):
    live = tmp_path / "live-feed.json"
    storage = open_storage(str(martinsville_db))
    try:
        live.write_bytes(SNAPSHOTS[0].read_bytes())
        source = FileSource(live)
        first = follow_once(storage.uow_factory, storage.rulesets, KEY, source, parse_feed_bytes)
        unchanged = follow_once(
            storage.uow_factory, storage.rulesets, KEY, source, parse_feed_bytes
        )
        live.write_bytes(SNAPSHOTS[1].read_bytes())
        os.utime(live, ns=(time.time_ns(), time.time_ns() + 1_000_000))
        second = follow_once(storage.uow_factory, storage.rulesets, KEY, source, parse_feed_bytes)
        live.unlink()
        gone = follow_once(storage.uow_factory, storage.rulesets, KEY, source, parse_feed_bytes)
    finally:
        storage.close()

    assert first.status.startswith("lap 447: 12 laps added")
    assert unchanged.status == "no new snapshot"
    assert second.status.startswith("lap 450: 6 laps added")
    assert not gone.ok and "cannot read" in gone.status


def test_the_follow_command_keeps_polling_and_stops_cleanly_on_ctrl_c(martinsville_db, server):
    url, handler = server
    handler.responses += [(200, path.read_bytes()) for path in SNAPSHOTS]
    env = {**os.environ, "TRACKSIDE_DATA_DIR": str(martinsville_db.parent)}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(martinsville_db), "follow", url,
         "--event", KEY, "--every", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    lines = []
    assert child.stdout is not None
    for line in child.stdout:
        lines.append(line)
        if "lap 500" in line:
            break
    child.send_signal(signal.SIGINT)
    rest, errors = child.communicate(timeout=30)

    assert child.returncode == 0, errors
    assert lines[0].startswith(f"Following {url} into {KEY}")
    assert [line.split(" ", 1)[1].split(":")[0] for line in lines[1:]] == [
        "lap 447",
        "lap 450",
        "lap 499",
        "lap 500",
    ]
    assert rest.strip().endswith("Stopped following.")


def test_import_season_prints_the_races_and_the_points_check(tmp_path):
    db = Path(create_database(str(tmp_path / "weekend.db"), demo=False))

    done = trackside(
        db,
        "import-season",
        str(ROOT / "tests" / "fixtures" / "truck_2023_sheet_excerpt.csv"),
        "--series",
        "truck",
        "--season",
        "2023",
    )

    assert done.returncode == 0, done.stderr
    assert "2 races, 11 results, 2 events created" in done.stdout
    assert "Trackside agrees with the sheet on 11 of 11 cars" in done.stdout
    assert "truck-2023-daytona" in trackside(db, "list").stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_is_written_on_a_terminal_only():
    terminal, pipe = _Terminal(), io.StringIO()

    for stream in (terminal, pipe):
        show = progress_line(stream, "Importing laps", percent=True)
        show(512, 1024)
        show(1024, 1024)

    assert terminal.getvalue() == "\rImporting laps 50%\rImporting laps 100%\n"
    assert pipe.getvalue() == ""
