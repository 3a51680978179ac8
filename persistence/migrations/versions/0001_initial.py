"""The initial weekend database: every table of persistence/tables.py.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 21:52:08.545185
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('drivers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('disambiguator', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drivers'))
    )
    with op.batch_alter_table('drivers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drivers_name'), ['name'], unique=False)

    op.create_table('tracks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('length_millimiles', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracks'))
    )
    op.create_table('events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('series', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('season', sa.Integer(), nullable=False),
    sa.Column('round_no', sa.Integer(), nullable=False),
    sa.Column('track_id', sa.Uuid(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['track_id'], ['tracks.id'], name=op.f('fk_events_track_id_tracks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('key', name=op.f('uq_events_key'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_series_season', ['series', 'season'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_track_id'), ['track_id'], unique=False)

    op.create_table('waivers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('series', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('season', sa.Integer(), nullable=False),
    sa.Column('driver_id', sa.Uuid(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_waivers_driver_id_drivers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waivers'))
    )
    with op.batch_alter_table('waivers', schema=None) as batch_op:
        batch_op.create_index('ix_waivers_series_season', ['series', 'season'], unique=False)

    op.create_table('change_history',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=True),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('field_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('old_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('new_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('why', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_change_history_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_history'))
    )
    with op.batch_alter_table('change_history', schema=None) as batch_op:
        batch_op.create_index('ix_change_history_event_at', ['event_id', 'at'], unique=False)

    op.create_table('entries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('car_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('driver_id', sa.Uuid(), nullable=False),
    sa.Column('team', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('make', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('guaranteed', sa.Boolean(), nullable=False),
    sa.Column('oep', sa.Boolean(), nullable=False),
    sa.Column('past_champion', sa.Boolean(), nullable=False),
    sa.Column('points_eligible', sa.Boolean(), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_entries_driver_id_drivers')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_entries_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entries')),
    sa.UniqueConstraint('event_id', 'car_number', name='uq_entries_event_car')
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entries_driver_id'), ['driver_id'], unique=False)

    op.create_table('penalties',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('car_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('driver_id', sa.Uuid(), nullable=True),
    sa.Column('driver_points', sa.Integer(), nullable=False),
    sa.Column('owner_points', sa.Integer(), nullable=False),
    sa.Column('playoff_points', sa.Integer(), nullable=False),
    sa.Column('disqualified', sa.Boolean(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_penalties_driver_id_drivers')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_penalties_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penalties'))
    )
    with op.batch_alter_table('penalties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_penalties_event_id'), ['event_id'], unique=False)

    op.create_table('race_results',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('car_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('driver_id', sa.Uuid(), nullable=False),
    sa.Column('finish', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('laps', sa.Integer(), nullable=False),
    sa.Column('laps_led', sa.Integer(), nullable=False),
    sa.Column('stage1', sa.Integer(), nullable=True),
    sa.Column('stage2', sa.Integer(), nullable=True),
    sa.Column('fastest_lap', sa.Boolean(), nullable=False),
    sa.Column('reported_stage_points', sa.Integer(), nullable=True),
    sa.Column('reported_stage_wins', sa.Integer(), nullable=True),
    sa.Column('official', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_race_results_driver_id_drivers')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_race_results_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_race_results')),
    sa.UniqueConstraint('event_id', 'car_number', name='uq_results_event_car'),
    sa.UniqueConstraint('event_id', 'finish', name='uq_results_event_finish')
    )
    with op.batch_alter_table('race_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_race_results_driver_id'), ['driver_id'], unique=False)

    op.create_table('sessions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('schedule_order', sa.Integer(), nullable=False),
    sa.Column('group_name', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('round_no', sa.Integer(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_sessions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions'))
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessions_event_id'), ['event_id'], unique=False)

    op.create_table('laps',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('car_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lap_ms', sa.Integer(), nullable=False),
    sa.Column('flag', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('logged_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_laps_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_laps'))
    )
    with op.batch_alter_table('laps', schema=None) as batch_op:
        batch_op.create_index('ix_laps_session_logged', ['session_id', 'logged_at'], unique=False)

    op.create_table('substitutions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('entry_id', sa.Uuid(), nullable=False),
    sa.Column('replaced_driver_id', sa.Uuid(), nullable=False),
    sa.Column('driver_id', sa.Uuid(), nullable=False),
    sa.Column('from_session_order', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['drivers.id'], name=op.f('fk_substitutions_driver_id_drivers')),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_substitutions_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['replaced_driver_id'], ['drivers.id'], name=op.f('fk_substitutions_replaced_driver_id_drivers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_substitutions'))
    )
    with op.batch_alter_table('substitutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_substitutions_entry_id'), ['entry_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('substitutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_substitutions_entry_id'))

    op.drop_table('substitutions')
    with op.batch_alter_table('laps', schema=None) as batch_op:
        batch_op.drop_index('ix_laps_session_logged')

    op.drop_table('laps')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessions_event_id'))

    op.drop_table('sessions')
    with op.batch_alter_table('race_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_race_results_driver_id'))

    op.drop_table('race_results')
    with op.batch_alter_table('penalties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_penalties_event_id'))

    op.drop_table('penalties')
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entries_driver_id'))

    op.drop_table('entries')
    with op.batch_alter_table('change_history', schema=None) as batch_op:
        batch_op.drop_index('ix_change_history_event_at')

    op.drop_table('change_history')
    with op.batch_alter_table('waivers', schema=None) as batch_op:
        batch_op.drop_index('ix_waivers_series_season')

    op.drop_table('waivers')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_track_id'))
        batch_op.drop_index('ix_events_series_season')

    op.drop_table('events')
    op.drop_table('tracks')
    with op.batch_alter_table('drivers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drivers_name'))

    op.drop_table('drivers')
