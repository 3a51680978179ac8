"""NASCAR's files in: feed laps keep their lap number, sessions their feed clock, NASCAR's points.

Revision ID: 0007_feeds
Revises: 0005_rules_2026
Create Date: 2026-12-04 19:30:00

A feed lap is identified by (session, car, lap number) so re-importing never doubles it
(DESIGN §7); typed laps keep no number, and NULLs never clash in the unique index. Existing
rows are kept as they are: the new columns start empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_feeds"
down_revision: str | None = "0005_rules_2026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("laps") as batch_op:
        batch_op.add_column(sa.Column("lap_number", sa.Integer(), nullable=True))
        batch_op.create_index(
            "uq_laps_session_car_lap_number",
            ["session_id", "car_number", "lap_number"],
            unique=True,
        )
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.add_column(sa.Column("feed_clock_ms", sa.Integer(), nullable=True))
    op.create_table(
        "nascar_points",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("driver_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("car_number", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("race_points", sa.Integer(), nullable=True),
        sa.Column("season_points", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_nascar_points_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nascar_points")),
        sa.UniqueConstraint("event_id", "driver_name", name="uq_nascar_points_event_driver"),
    )


def downgrade() -> None:
    op.drop_table("nascar_points")
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.drop_column("feed_clock_ms")
    with op.batch_alter_table("laps") as batch_op:
        batch_op.drop_index("uq_laps_session_car_lap_number")
        batch_op.drop_column("lap_number")
