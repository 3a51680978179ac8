"""CSV laps stream in: read row by row, written in batches, all or nothing, cancellable."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.errors import ValidationError
from domain.lap_ids import numbered_lap_id
from domain.model import LapFlag
from domain.progress import ImportCancelledError
from domain.services.imports import import_entries, import_laps
from persistence.csv_io import open_csv_stream, read_csv
from persistence.storage import open_storage
from tests.cli.test_cli import new_weekend_db

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = ROOT / "resources" / "demo" / "cup_2025_chicago_entries.csv"
KEY = "cup-2025-chicago"


@pytest.fixture
def storage(tmp_path):
    path = new_weekend_db(tmp_path / "weekend.db")
    opened = open_storage(str(path))
    import_entries(opened.uow_factory(), KEY, read_csv(ENTRIES))
    yield opened
    opened.close()


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def laps(storage) -> list:
    with storage.uow_factory() as uow:
        event = uow.events.get_by_key(KEY)
        return uow.laps.list_for_event(event.id)


def import_file(storage, path: Path, progress=None):
    kwargs = {} if progress is None else {"progress": progress}
    with open_csv_stream(path, **kwargs) as rows:
        report, changes = import_laps(storage.uow_factory(), KEY, rows, session_name="Practice")
    assert changes.reloaded_events  # the views read the weekend's laps again
    return report


def test_thousands_of_rows_stream_in_batches_and_report_progress(storage, tmp_path):
    rows = ["car,time,flag"] + [
        f"{('5', '9', '24')[i % 3]},{92 + i % 5}.1{i % 10}0," for i in range(12_000)
    ]
    rows[5] = "9,92.500,caution"
    seen: list[tuple[int, int]] = []

    report = import_file(
        storage, write(tmp_path / "laps.csv", rows), lambda d, t: seen.append((d, t))
    )

    assert report.added == 12_000
    stored = laps(storage)
    assert len(stored) == 12_000
    assert [lap.flag for lap in stored if lap.lap_ms == 92_500] == [LapFlag.CAUTION]
    assert len(seen) >= 5 and seen[-1][0] == seen[-1][1]  # the last call: the whole file read


def test_the_same_file_again_adds_nothing(storage, tmp_path):
    path = write(tmp_path / "laps.csv", ["car,time", "5,92.100", "5,92.100", "9,93.000"])
    import_file(storage, path)

    report = import_file(storage, path)

    assert (report.added, report.unchanged) == (0, 3)
    assert len(laps(storage)) == 3


def test_numbered_laps_are_updated_by_lap_number_never_doubled(storage, tmp_path):
    import_file(storage, write(tmp_path / "a.csv", ["car,lap,time", "5,1,92.100", "5,2,92.200"]))

    report = import_file(
        storage, write(tmp_path / "b.csv", ["car,lap,time", "5,1,92.100", "5,2,91.900", "5,3,92.0"])
    )

    assert (report.added, report.updated, report.unchanged) == (1, 1, 1)
    assert sorted((lap.lap_number, lap.lap_ms) for lap in laps(storage)) == [
        (1, 92_100),
        (2, 91_900),
        (3, 92_000),
    ]


def test_a_bad_row_late_in_the_file_names_its_line_counts_the_rest_and_keeps_nothing(
    storage, tmp_path
):
    rows = ["car,time"] + ["5,92.100"] * 9_000 + ["5,9x.1", "5,1:2x", "5,92.300"]
    path = write(tmp_path / "laps.csv", rows)
    before = path.read_bytes()

    with pytest.raises(ValidationError, match=r"laps\.csv, line 9002: .*9x\.1.*\(1 more bad row\)"):
        import_file(storage, path)

    assert laps(storage) == [] and path.read_bytes() == before


def test_cancelling_midway_rolls_back_the_batches_already_written(storage, tmp_path):
    rows = ["car,time"] + ["5,92.100"] * 20_000

    def cancel(done: int, total: int) -> None:
        if done < total:
            raise ImportCancelledError("Import cancelled: nothing was imported.")

    with pytest.raises(ImportCancelledError):
        import_file(storage, write(tmp_path / "laps.csv", rows), cancel)

    assert laps(storage) == []


def test_a_file_that_stops_being_utf8_midway_is_refused_with_its_line(storage, tmp_path):
    path = tmp_path / "laps.csv"
    path.write_bytes(b"car,time\n" + b"5,92.100\n" * 3 + b"5,\xff\xfe\n")

    with pytest.raises(ValidationError, match="not UTF-8 text"):
        import_file(storage, path)

    assert laps(storage) == []


def test_an_exported_laps_csv_imported_into_its_own_file_adds_nothing(storage, tmp_path):
    import_file(storage, write(tmp_path / "typed.csv", ["car,time", "5,92.100", "5,92.200"]))
    # summary_export's laps.csv: its `lap` counts the car's run for people, not NASCAR's lap.
    exported = [
        "session,car,lap,driver,time,time_text,mph,flag,note",
        "Practice,5,1,Ryan Blaney,92.1,1:32.100,,,",
        "Practice,5,2,Ryan Blaney,92.2,1:32.200,,,",
    ]

    report = import_file(storage, write(tmp_path / "laps.csv", exported))

    assert (report.added, report.unchanged, report.ignored_columns) == (0, 2, ())
    assert [lap.lap_number for lap in laps(storage)] == [None, None]


def test_a_numbered_laps_id_is_its_session_car_and_lap_number(storage, tmp_path):
    import_file(storage, write(tmp_path / "a.csv", ["car,lap_number,time", "5,7,92.100"]))

    (lap,) = laps(storage)
    assert lap.id == numbered_lap_id(lap.session_id, "5", 7)  # as a feed's lap 7 of No. 5
