"""The team server: a version on every editable record, and the change log clients pull from.

Revision ID: 0008_team_server
Revises: 0005_rules_2026 (written against 0002)
Create Date: 2026-12-04 19:00:00

Existing rows start at version 1. The change log starts empty: a client that opens the
database reads the current facts anyway, and pulls only what is logged after it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_team_server"
down_revision: str | None = "0005_rules_2026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = (
    "tracks",
    "events",
    "sessions",
    "drivers",
    "entries",
    "substitutions",
    "laps",
    "race_results",
    "penalties",
    "waivers",
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
        # The default only fills existing rows; new ones get their version from the app.
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("version", server_default=None)
    op.create_table(
        "change_log",
        sa.Column(
            "position",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("snapshot", sa.String(), nullable=True),
        sa.Column("origin", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_change_log"),
    )
    op.create_index("ix_change_log_record", "change_log", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_change_log_record", table_name="change_log")
    op.drop_table("change_log")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
