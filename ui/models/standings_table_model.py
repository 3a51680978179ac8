"""Driver or owner standings as a table: points, gap to the leader, wins, tops, starts."""

from __future__ import annotations

from domain.rules.standings import StandingRow
from ui.models.value_table_model import Column, ValueTableModel


def _behind(row: StandingRow) -> str:
    return "leader" if row.position == 1 else f"−{row.behind_leader}"


def _number(header: str, get) -> Column[StandingRow]:
    return Column(header, lambda row: str(get(row)), sort=get, numeric=True)


def _columns(owners: bool) -> list[Column[StandingRow]]:
    name: Column[StandingRow] = Column("Owner (car)" if owners else "Driver", lambda row: row.name)
    team: list[Column[StandingRow]] = [Column("Owner", lambda row: row.owner)] if owners else []
    return [
        _number("Pos", lambda row: row.position),
        name,
        *team,
        _number("Points", lambda row: row.points),
        Column("Behind", _behind, sort=lambda row: row.behind_leader, numeric=True),
        _number("Wins", lambda row: row.wins),
        _number("Top 5", lambda row: row.top5),
        _number("Top 10", lambda row: row.top10),
        _number("Playoff pts", lambda row: row.playoff_points),
        _number("Starts", lambda row: row.starts),
    ]


class StandingsTableModel(ValueTableModel[StandingRow]):
    """Rows in the domain's standings order (points, then countback)."""

    def __init__(self, owners: bool = False, parent=None) -> None:
        super().__init__(_columns(owners), parent)
        self.owners = owners

    def row_of_driver(self, driver_id) -> int | None:
        return self.find_row(lambda row: row.driver_id == driver_id)
