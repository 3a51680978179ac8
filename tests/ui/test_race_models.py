"""Every table model of the race, standings, playoff and history tabs passes Qt's model tester."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from PySide6.QtCore import Qt

from domain.model import ChangeRecord, Penalty, RaceResult, Waiver, WaiverReason, WaiverStatus
from domain.rules.playoffs import playoff_picture
from domain.rules.points import race_points
from domain.rules.standings import driver_standings, owner_standings
from tests.domain.rulesets_for_tests import TRUCK_2023
from tests.ui.race_world import build_world
from ui.models.breakdown_table_model import BreakdownTableModel
from ui.models.history_table_model import HistoryTableModel
from ui.models.penalty_table_model import PenaltyLine, PenaltyTableModel
from ui.models.playoff_table_model import PlayoffTableModel
from ui.models.result_table_model import ResultLine, ResultTableModel
from ui.models.standings_table_model import StandingsTableModel
from ui.models.waiver_table_model import WaiverLine, WaiverTableModel


def _season():
    world = build_world(rounds_with_results=2, rounds=2)
    with world.storage.uow_factory() as uow:
        facts = (
            world.events,
            uow.results.list_for_season("truck", 2023),
            uow.entries.list_for_season("truck", 2023),
            [],
            TRUCK_2023.points,
        )
        drivers = uow.drivers.all()
    return world, facts, drivers


def _column(model, header: str) -> int:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def test_the_result_model_shows_a_disqualified_car_and_an_i_driver(qtmodeltester):
    event_id, driver_id = uuid4(), uuid4()
    result = RaceResult(event_id=event_id, car_number="07", driver_id=driver_id, finish=1)
    dq = Penalty(event_id=event_id, car_number="07", disqualified=True, reason="inspection")
    points = race_points(result, TRUCK_2023.points, driver_eligible=False, penalties=[dq])
    model = ResultTableModel()
    model.set_rows([ResultLine(result, "Ann Lee", 36, points, driver_eligible=False)])
    qtmodeltester.check(model)
    assert model.index(0, _column(model, "Driver")).data() == "Ann Lee (i)"
    assert model.index(0, _column(model, "Penalty")).data() == "DQ"
    assert model.index(0, _column(model, "Car")).data() == "07"
    assert model.index(0, _column(model, "Driver pts")).data() == ""


def test_standing_and_breakdown_models_pass_the_model_tester(qtmodeltester):
    _, facts, drivers = _season()
    rows = driver_standings(*facts, drivers)
    for model in (StandingsTableModel(owners=False), StandingsTableModel(owners=True)):
        model.set_rows(rows if not model.owners else owner_standings(*facts))
        qtmodeltester.check(model)
        assert model.index(0, _column(model, "Behind")).data() == "leader"
    breakdown = BreakdownTableModel()
    breakdown.set_lines(rows[0].breakdown, {})
    qtmodeltester.check(breakdown)
    assert breakdown.index(1, _column(breakdown, "Total")).data() == "50"


def test_the_playoff_model_draws_the_cut_under_the_last_driver_in(qtmodeltester):
    world, facts, drivers = _season()
    standings = driver_standings(*facts, drivers)
    rules = TRUCK_2023
    picture = playoff_picture(standings, world.events, facts[1], [], rules, races_run=2)
    model = PlayoffTableModel()
    model.set_rows(picture)
    qtmodeltester.check(model)
    assert model.cut_row() is None  # six drivers for ten spots: everyone is in, no line
    assert model.index(0, _column(model, "Status")).data() == "in on a win"


def test_waiver_penalty_and_history_models_pass_the_model_tester(qtmodeltester):
    driver_id = uuid4()
    waiver = Waiver(
        series="truck",
        season=2023,
        driver_id=driver_id,
        reason=WaiverReason.OTHER,
        status=WaiverStatus.DENIED,
    )
    waivers = WaiverTableModel()
    waivers.set_rows([WaiverLine(waiver, "Ann Lee", "missed 1 race; waiver denied")])
    qtmodeltester.check(waivers)
    assert waivers.index(0, _column(waivers, "Reason")).data() == "non-medical"
    penalty = Penalty(event_id=uuid4(), car_number="00", driver_points=25, reason="=SUM(A1)")
    penalties = PenaltyTableModel()
    penalties.set_rows([PenaltyLine(penalty, "Ann Lee")])
    qtmodeltester.check(penalties)
    assert penalties.index(0, _column(penalties, "Driver pts")).data() == "−25"
    start = datetime(2023, 6, 2, 12, tzinfo=UTC)
    records = [
        ChangeRecord(
            at=start + timedelta(minutes=n),
            event_id=None,
            subject="Waiver Ann Lee",
            field_name="status",
            old_value="requested",
            new_value="denied",
        )
        for n in range(3)
    ]
    history = HistoryTableModel()
    history.set_records(records, {})
    qtmodeltester.check(history)
    assert [line.record.at for line in history.rows] == sorted(
        (r.at for r in records), reverse=True
    )
