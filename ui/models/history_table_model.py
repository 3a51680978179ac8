"""The change history as a table: when, which event, what, old value, new value and why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.model import ChangeRecord
from ui.models.value_table_model import Column, ValueTableModel


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """A change record with the name of its event, which the record holds only as an id."""

    record: ChangeRecord
    event_name: str


def _local_time(line: HistoryLine) -> str:
    # Stored in UTC (DESIGN §5); people read their own clock.
    return line.record.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


_COLUMNS: list[Column[HistoryLine]] = [
    Column("When", _local_time, sort=lambda line: line.record.at),
    Column("Event", lambda line: line.event_name),
    Column("What", lambda line: line.record.subject),
    Column("Field", lambda line: line.record.field_name),
    Column("Old", lambda line: line.record.old_value, tooltip=lambda line: line.record.old_value),
    Column("New", lambda line: line.record.new_value, tooltip=lambda line: line.record.new_value),
    Column("Why", lambda line: line.record.why, tooltip=lambda line: line.record.why),
]


class HistoryTableModel(ValueTableModel[HistoryLine]):
    """Newest first, whatever order the records arrive in."""

    def __init__(self, parent=None) -> None:
        super().__init__(_COLUMNS, parent)

    def set_records(self, records: Sequence[ChangeRecord], event_names: Mapping[UUID, str]) -> None:
        newest_first = sorted(records, key=lambda r: r.at, reverse=True)
        self.set_rows(
            [
                HistoryLine(
                    record=r, event_name=event_names.get(r.event_id, "") if r.event_id else ""
                )
                for r in newest_first
            ]
        )
