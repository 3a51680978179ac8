"""Drivers gain what the eligibility rules ask: a date of birth and the seasons as a Cup driver.

Revision ID: 0009_driver_eligibility
Revises: 0008_team_server
Create Date: 2026-12-04 21:00:00

`birth_date` (NULL: not known, so no minimum age is checked) and `cup_seasons`, the years in
which the driver counts as a Cup driver (more than three full-time Cup seasons), as text such
as "2026 2027" ("" for none). Both are columns of the driver, so the change log and a sync
carry them with the driver; existing drivers start with neither.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_driver_eligibility"
down_revision: str | None = "0008_team_server"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drivers") as batch_op:
        batch_op.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("cup_seasons", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("drivers") as batch_op:
        batch_op.drop_column("cup_seasons")
        batch_op.drop_column("birth_date")
