"""Seasons as records and replacement starts: weekends from an empty file.

Revision ID: 0004_weekends
Revises: 0002
Create Date: 2026-12-04 19:00:00

A file written before this keeps every row: each series and year its events use becomes a
season (named as the shipped packs name it), and no stored result is a replacement start.
(An event's points_paying comes with 0005_rules_2026, a waiver's approved with 0006_postseason.)
"""

from collections.abc import Sequence
from uuid import uuid4

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004_weekends"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# How the shipped packs name their series; a user's own series is named by its token.
_SERIES_NAMES = {
    "cup": "NASCAR Cup Series",
    "xfinity": "NASCAR Xfinity Series",
    "truck": "NASCAR Craftsman Truck Series",
}


def upgrade() -> None:
    seasons = op.create_table(
        "seasons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("series", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seasons")),
        sa.UniqueConstraint("series", "season", name="uq_seasons_series_season"),
    )
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.add_column(
            sa.Column("replacement_start", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.alter_column("replacement_start", server_default=None)
    used = op.get_bind().execute(sa.text("SELECT DISTINCT series, season FROM events")).all()
    op.bulk_insert(
        seasons,
        [
            {
                "id": uuid4(),
                "series": series,
                "season": season,
                "name": f"{_SERIES_NAMES.get(series, series)} {season}",
            }
            for series, season in used
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("race_results") as batch_op:
        batch_op.drop_column("replacement_start")
    op.drop_table("seasons")
