"""CHECK constraints that keep impossible facts (a 0 ms lap, a 12th-place stage) out of the file.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 23:10:00

Rows that already break a rule are never dropped or rewritten: the upgrade is refused before
any change, with a message that names the table, the rule and how to find the rows. On SQLite
batch mode copies each table; persistence/db.py runs it with foreign keys off and in one real
transaction, so a parent table's copy cannot cascade-delete its children.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.errors import StorageError

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (constraint name, condition, the rule in words); tables.py states the same ones.
CHECKS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "tracks": (
        (
            "ck_tracks_length_millimiles_positive",
            "length_millimiles > 0",
            "a track's length is more than 0",
        ),
    ),
    "events": (("ck_events_round_no_positive", "round_no >= 1", "a round number is 1 or more"),),
    "laps": (("ck_laps_lap_ms_positive", "lap_ms > 0", "a lap time is more than 0 ms"),),
    "race_results": (
        ("ck_race_results_finish_positive", "finish >= 1", "a finish position is 1 or more"),
        ("ck_race_results_laps_not_negative", "laps >= 0", "laps completed are 0 or more"),
        (
            "ck_race_results_laps_led_within_laps",
            "laps_led >= 0 AND laps_led <= laps",
            "laps led are between 0 and the laps completed",
        ),
        (
            "ck_race_results_stage1_top_ten",
            "stage1 IS NULL OR stage1 BETWEEN 1 AND 10",
            "a stage 1 position is empty or 1 to 10",
        ),
        (
            "ck_race_results_stage2_top_ten",
            "stage2 IS NULL OR stage2 BETWEEN 1 AND 10",
            "a stage 2 position is empty or 1 to 10",
        ),
    ),
    "penalties": (
        (
            "ck_penalties_deductions_not_negative",
            "driver_points >= 0 AND owner_points >= 0 AND playoff_points >= 0",
            "point deductions are 0 or more",
        ),
    ),
}


def ensure_rows_fit(connection: sa.Connection) -> None:
    """Refuse, before any change, a file holding a row that a new constraint would reject."""
    for table, checks in CHECKS.items():
        for _name, condition, rule in checks:
            # NOT (NULL) is NULL, so this finds exactly the rows the CHECK would refuse.
            where = f"NOT ({condition})"
            broken = connection.execute(sa.text(f"SELECT COUNT(*) FROM {table} WHERE {where}"))
            count = broken.scalar_one()
            if count:
                rows = "row breaks" if count == 1 else "rows break"
                raise StorageError(
                    f"{count} {rows} the rule '{rule}' in the table {table}. Nothing was "
                    "changed: Trackside will not drop or rewrite your data. Correct or delete "
                    f"the {'row' if count == 1 else 'rows'} (find them with: SELECT * FROM "
                    f"{table} WHERE {where}) with the Trackside version that wrote the file "
                    "or a database tool (sqlite3, psql), then open it again."
                )


def upgrade() -> None:
    ensure_rows_fit(op.get_bind())
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch_op:
            for name, condition, _rule in checks:
                batch_op.create_check_constraint(name, condition)


def downgrade() -> None:
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch_op:
            for name, _condition, _rule in checks:
                batch_op.drop_constraint(name, type_="check")
