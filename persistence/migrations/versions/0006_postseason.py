"""Waivers record whether NASCAR initiated or approved the absence (the 2026 Chase rule).

Revision ID: 0006_postseason
Revises: 0002
Create Date: 2026-12-04 19:20:00

From 2026 a waived absence that NASCAR did not initiate or approve starts the driver's Chase at
the pack's base (2,000); an approved one (medical, a suspension) costs nothing more. Existing
medical waivers are marked approved, as the 2026 rule text names medical absences among the
approved ones; every other existing waiver is not approved until the user says so.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_postseason"
down_revision: str | None = "0004_weekends"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("waivers") as batch_op:
        batch_op.add_column(
            sa.Column("approved", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    waivers = sa.table("waivers", sa.column("reason", sa.String), sa.column("approved", sa.Boolean))
    op.execute(waivers.update().where(waivers.c.reason == "medical").values(approved=True))


def downgrade() -> None:
    with op.batch_alter_table("waivers") as batch_op:
        batch_op.drop_column("approved")
