"""Every table model passes Qt's model tester, and live updates touch rows, never reset."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItemModel

import ui.models
from domain.model import Driver, Entry, Lap, LapFlag, Session, SessionKind
from domain.rules.field import FieldResult, FieldRow, FieldStatus
from domain.rules.practice import PracticeRow
from domain.services import EntryView
from ui.models.entry_table_model import EntryTableModel
from ui.models.lap_table_model import LapTableModel
from ui.models.practice_table_model import PracticeTableModel
from ui.models.qualifying_table_model import QualifyingTableModel
from ui.models.value_table_model import Column, ValueSortProxy, ValueTableModel

EVENT_ID = uuid4()
SESSION = Session(event_id=EVENT_ID, kind=SessionKind.PRACTICE, name="Practice", order=1)
START = datetime(2025, 7, 5, 15, 0, tzinfo=UTC)


def _lap(car: str, lap_ms: int, minute: int, flag: LapFlag | None = None) -> Lap:
    return Lap(
        session_id=SESSION.id,
        car_number=car,
        lap_ms=lap_ms,
        flag=flag,
        logged_at=START + timedelta(minutes=minute),
    )


def _entry_view(car: str, name: str, *, guaranteed: bool) -> EntryView:
    driver = Driver(name=name)
    entry = Entry(
        event_id=EVENT_ID,
        car_number=car,
        driver_id=driver.id,
        team="T",
        owner="O",
        make="Ford",
        guaranteed=guaranteed,
    )
    return EntryView(
        entry=entry,
        driver=driver,
        entered_driver=driver,
        drivers_by_session=((SESSION, driver),),
        substitutions=(),
    )


def _field_row(position: int | None, car: str, status: FieldStatus, best: int | None) -> FieldRow:
    return FieldRow(
        position=position,
        car_number=car,
        driver_name=f"Driver {car}",
        best_lap_ms=best,
        status=status,
        starting_position=position if status is not FieldStatus.DNQ else None,
        gap_to_cutoff_ms=None if best is None else best - 92_368,
        reason="why",
    )


def _result(rows: list[FieldRow], cutoff_car: str | None) -> FieldResult:
    return FieldResult(
        rows=rows,
        lineup=[r for r in rows if r.starts],
        dnq=[r for r in rows if not r.starts],
        cutoff_ms=92_368,
        starting_field=2,
        entered=len(rows),
        open_spots=1,
        summary="3 entered for 2 spots: 1 will go home",
        cutoff_car=cutoff_car,
    )


CHICAGO_TAIL = [
    _field_row(1, "45", FieldStatus.GUARANTEED, 89_986),
    _field_row(2, "78", FieldStatus.ON_SPEED, 92_368),
    _field_row(3, "67", FieldStatus.DNQ, 92_506),
]


def test_the_entry_model_passes_the_model_tester(qtmodeltester):
    model = EntryTableModel()
    model.set_rows(
        [
            _entry_view("78", "Katherine Legge", guaranteed=False),
            _entry_view("00", "X", guaranteed=True),
        ]
    )
    qtmodeltester.check(model)


def test_the_lap_model_passes_the_model_tester(qtmodeltester):
    model = LapTableModel()
    model.set_laps([_lap("67", 92_506, 1, LapFlag.OUT), _lap("78", 92_368, 2)], 2200)
    qtmodeltester.check(model)


def test_the_practice_model_passes_the_model_tester(qtmodeltester):
    model = PracticeTableModel()
    model.set_board([PracticeRow("5", 6, 90_900, 91_100, 91_000, None, None, 400)], {"5": "Kyle"})
    qtmodeltester.check(model)


def test_the_qualifying_model_passes_the_model_tester(qtmodeltester):
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    qtmodeltester.check(model)


def test_the_sort_proxy_passes_the_model_tester(qtmodeltester):
    model = LapTableModel()
    model.set_laps([_lap("67", 92_506, 1), _lap("078", 92_368, 2), _lap("8", 91_000, 3)], None)
    proxy = ValueSortProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_car_numbers_sort_as_people_read_them_not_as_integers():
    model = LapTableModel()
    model.set_laps([_lap("10", 1, 1), _lap("01", 1, 2), _lap("1", 1, 3), _lap("00", 1, 4)], None)
    proxy = ValueSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["1", "00", "01", "10"]


def test_cars_without_a_time_sort_after_every_timed_car():
    model = QualifyingTableModel()
    model.set_result(
        _result([*CHICAGO_TAIL, _field_row(None, "23", FieldStatus.GUARANTEED, None)], "78")
    )
    keys = [model.sort_key(r, 4) for r in range(4)]
    assert max(keys) == keys[3]


def test_a_faster_lap_moves_the_car_up_with_row_moves_and_no_reset(qtbot):
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    heim_fast = [
        CHICAGO_TAIL[0],
        _field_row(2, "67", FieldStatus.ON_SPEED, 92_100),
        _field_row(3, "78", FieldStatus.DNQ, 92_368),
    ]

    model.set_result(_result(heim_fast, "67"))

    assert resets == []
    assert [row.car_number for row in model.rows] == ["45", "67", "78"]
    assert model.bubble_row == 1


def test_the_lap_model_appends_a_lap_and_numbers_it_in_the_car_run(qtbot):
    model = LapTableModel()
    model.set_laps([_lap("5", 91_000, 1)], None)
    with qtbot.waitSignal(model.rowsInserted):
        model.add_lap(_lap("5", 90_900, 2))
    assert model.index(1, 1).data() == "2"


def test_removing_a_lap_renumbers_the_car_later_laps_only(qtbot):
    laps = [_lap("5", 91_000, 1), _lap("24", 90_000, 2), _lap("5", 90_900, 3)]
    model = LapTableModel()
    model.set_laps(laps, None)
    model.remove_lap(laps[0].id)
    assert [model.index(r, 1).data() for r in range(2)] == ["1", "1"]


def test_statuses_read_as_words_with_out_cars_marked():
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    assert [model.index(r, 3).data() for r in range(3)] == [
        "Guaranteed",
        "In on speed",
        "OUT (DNQ)",
    ]
    assert model.index(2, 5).data() == "+0.138"


def test_withdrawn_entries_say_so_in_the_status_column():
    view = _entry_view("67", "Corey Heim", guaranteed=False)
    withdrawn = EntryView(
        entry=replace(view.entry, withdrawn=True),
        driver=view.driver,
        entered_driver=view.driver,
        drivers_by_session=(),
        substitutions=(),
    )
    model = EntryTableModel()
    model.set_rows([withdrawn])
    assert model.index(0, 8).data() == "withdrawn"


def test_a_replaced_row_shows_its_new_text_not_the_cached_one():
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    assert model.index(2, 4).data() == "1:32.506"

    model.replace_row(2, replace(CHICAGO_TAIL[2], best_lap_ms=92_100))

    assert model.index(2, 4).data() == "1:32.100"


def test_only_the_rows_whose_value_changed_are_reported_as_changed(qtbot):
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    slower_heim = replace(CHICAGO_TAIL[2], reason="still out")

    model.set_result(_result([*CHICAGO_TAIL[:2], slower_heim], "78"))

    assert changed == [(2, 2)]


def test_a_car_that_moves_up_keeps_its_selection_and_the_model_tester_agrees(qtmodeltester):
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    qtmodeltester.check(model)
    selection = QItemSelectionModel(model)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(model.index(2, 0), flags)
    heim_fast = [
        CHICAGO_TAIL[0],
        _field_row(2, "67", FieldStatus.ON_SPEED, 92_100),
        _field_row(3, "78", FieldStatus.DNQ, 92_368),
    ]

    model.set_result(_result(heim_fast, "67"))

    (selected,) = {index.row() for index in selection.selectedIndexes()}
    assert model.row_value(selected).car_number == "67"


def test_practice_rows_stay_in_place_while_their_positions_follow_the_board(qtbot):
    model = PracticeTableModel()
    slow = PracticeRow("5", 1, 91_000, 91_000, None, None, None, None)
    fast = PracticeRow("24", 1, 90_500, 90_500, None, None, None, None)
    model.set_board([slow], {})
    moves: list[int] = []
    model.rowsMoved.connect(lambda *_: moves.append(1))

    model.set_board([fast, slow], {})

    assert [model.car_at(r) for r in range(2)] == ["5", "24"]
    assert [model.index(r, 0).data() for r in range(2)] == ["2", "1"]
    assert [row.car_number for row in model.board] == ["24", "5"]
    assert moves == []


def _value_models() -> list[type]:
    for module in pkgutil.iter_modules(ui.models.__path__):
        importlib.import_module(f"ui.models.{module.name}")
    return [ValueTableModel, *ValueTableModel.__subclasses__()]


@pytest.mark.parametrize("model_class", _value_models(), ids=lambda cls: cls.__name__)
def test_painting_a_cell_never_calls_python(model_class):
    # Qt asks these of every painted cell; a Python override made a board repaint 2-4x slower.
    for name in ("data", "multiData", "flags", "index", "rowCount", "columnCount", "headerData"):
        assert getattr(model_class, name) is getattr(QStandardItemModel, name), name


def test_new_columns_leave_no_tint_of_the_old_ones_behind():
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    assert model.index(2, 3).data(Qt.ItemDataRole.BackgroundRole) is not None

    model.set_columns([Column("Car", lambda row: row.car_number)] * 4)

    assert model.index(2, 3).data() == "67"
    assert model.index(2, 3).data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_row_inserted_under_a_filter_is_shown_when_it_matches():
    model = EntryTableModel()
    model.set_rows([_entry_view("45", "Kyle Busch", guaranteed=True)])
    proxy = ValueSortProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("heim")
    assert proxy.rowCount() == 0

    model.append_row(_entry_view("67", "Corey Heim", guaranteed=False))

    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["67"]


def test_cells_can_be_chosen_but_not_edited_in_place():
    model = QualifyingTableModel()
    model.set_result(_result(CHICAGO_TAIL, "78"))
    flags = model.flags(model.index(1, 2))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_the_last_car_in_shows_its_margin_and_every_cutoff_cell_explains_itself():
    model = QualifyingTableModel()
    notes = {
        "78": ("0.138 s faster than No. 67, the first car out", 138),
        "67": ("0.138 s slower than No. 78; needed 0.139 s to beat it", None),
    }
    rows = [
        replace(
            row, cutoff_note=notes[row.car_number][0], cutoff_margin_ms=notes[row.car_number][1]
        )
        if row.car_number in notes
        else row
        for row in CHICAGO_TAIL
    ]
    model.set_result(_result(rows, "78"))
    assert [model.index(r, 5).data() for r in range(3)] == ["-2.382", "0.138 clear", "+0.138"]
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert model.index(2, 5).data(tooltip) == notes["67"][0]
    assert model.index(1, 5).data(tooltip) == notes["78"][0]


def test_the_session_best_is_purple_and_marked_sb_and_each_cars_best_green_and_pb(qtbot):
    from ui.theme import PERSONAL_BEST_TINT, SESSION_BEST_TINT

    model = LapTableModel()
    first, second = _lap("5", 91_000, 1), _lap("24", 90_800, 2)
    model.set_laps([first, second], None)
    marks = lambda: [model.index(r, 3).data() for r in range(model.rowCount())]  # noqa: E731
    assert marks() == ["PB", "SB"]
    background = Qt.ItemDataRole.BackgroundRole
    assert model.index(1, 2).data(background) == SESSION_BEST_TINT
    assert model.index(0, 2).data(background) == PERSONAL_BEST_TINT
    assert model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) == "Session best (purple)"

    with qtbot.assertNotEmitted(model.modelReset):
        model.add_lap(_lap("5", 90_500, 3))  # No. 5 beats everyone: both old marks move
    assert marks() == ["", "PB", "SB"]
    model.add_lap(_lap("24", 90_000, 4, LapFlag.INVALID))  # flagged laps take no best
    assert marks() == ["", "PB", "SB", ""]

    model.remove_lap(model.lap_at(2).id)  # the session best deleted: No. 24's lap takes it back
    assert marks() == ["PB", "SB", ""]


def test_the_practice_board_shows_the_last_lap_and_the_laps_in_the_run():
    model = PracticeTableModel()
    row = PracticeRow("5", 6, 90_900, 91_100, 91_000, None, None, 400, 91_800, 4)
    model.set_board([row], {"5": "Kyle"})
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[4:7] == ["Best", "Last", "In run"]
    assert [model.index(0, c).data() for c in (4, 5, 6)] == ["1:30.900", "1:31.800", "4"]
