"""The 2026 rule books: Duel results, a third stage, the garage flag, owner identity, overrides.

Revision ID: 0005_rules_2026
Revises: 0006_postseason (written against 0002)
Create Date: 2026-12-04 19:20:00

- race_results gains `session_name` ("Race" for every existing row; "Duel 1" / "Duel 2" for
  the Daytona Duels), so a car and a finish are unique per event *and session*; `stage3` (the
  Coca-Cola 600's third scored stage) and `garage_repair` (the 2026 fastest-lap clause).
- The hard-coded "stage positions 1 to 10" checks go: how many places a stage pays is the rule
  pack's. A stage position only has to be 1 or more.
- entries gains `owner_key`: the entry identity whose owner points a car carries.
- events gains the per-event overrides `stages_scored` (NULL: the pack's) and `points_paying`.

Every existing row is kept as it is; the new columns take their defaults.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_rules_2026"
down_revision: str | None = "0006_postseason"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_STAGE_CHECKS = {
    "ck_race_results_stage1_top_ten": "stage1 IS NULL OR stage1 BETWEEN 1 AND 10",
    "ck_race_results_stage2_top_ten": "stage2 IS NULL OR stage2 BETWEEN 1 AND 10",
}
_NEW_STAGE_CHECKS = {
    f"ck_race_results_stage{n}_positive": f"stage{n} IS NULL OR stage{n} >= 1" for n in (1, 2, 3)
}


def upgrade() -> None:
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.add_column(
            sa.Column(
                "session_name",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="Race",
            )
        )
        batch_op.add_column(sa.Column("stage3", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("garage_repair", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        for name in _OLD_STAGE_CHECKS:
            batch_op.drop_constraint(name, type_="check")
        batch_op.drop_constraint("uq_results_event_car", type_="unique")
        batch_op.drop_constraint("uq_results_event_finish", type_="unique")
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.alter_column("session_name", server_default=None)
        batch_op.alter_column("garage_repair", server_default=None)
        for name, condition in _NEW_STAGE_CHECKS.items():
            batch_op.create_check_constraint(name, condition)
        batch_op.create_unique_constraint(
            "uq_results_event_car", ["event_id", "session_name", "car_number"]
        )
        batch_op.create_unique_constraint(
            "uq_results_event_finish", ["event_id", "session_name", "finish"]
        )
    with op.batch_alter_table("entries") as batch_op:
        batch_op.add_column(
            sa.Column(
                "owner_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
    with op.batch_alter_table("entries") as batch_op:
        batch_op.alter_column("owner_key", server_default=None)
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("stages_scored", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("points_paying", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("events") as batch_op:
        batch_op.alter_column("points_paying", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("points_paying")
        batch_op.drop_column("stages_scored")
    with op.batch_alter_table("entries") as batch_op:
        batch_op.drop_column("owner_key")
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.drop_constraint("uq_results_event_car", type_="unique")
        batch_op.drop_constraint("uq_results_event_finish", type_="unique")
        for name in _NEW_STAGE_CHECKS:
            batch_op.drop_constraint(name, type_="check")
    # Rows a downgrade cannot hold (Duel results, a third stage, places beyond the top ten)
    # would break the old constraints: they are removed with the columns that describe them.
    op.execute("DELETE FROM race_results WHERE session_name <> 'Race'")
    op.execute("UPDATE race_results SET stage1 = NULL WHERE stage1 > 10")
    op.execute("UPDATE race_results SET stage2 = NULL WHERE stage2 > 10")
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.drop_column("garage_repair")
        batch_op.drop_column("stage3")
        batch_op.drop_column("session_name")
        batch_op.create_unique_constraint("uq_results_event_car", ["event_id", "car_number"])
        batch_op.create_unique_constraint("uq_results_event_finish", ["event_id", "finish"])
        for name, condition in _OLD_STAGE_CHECKS.items():
            batch_op.create_check_constraint(name, condition)
