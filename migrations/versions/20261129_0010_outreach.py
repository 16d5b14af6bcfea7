"""outreach: SMS outbox and call list; seekers choose SMS and a language

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-29 15:24:42.189860

A notice that cannot reach a person in the app (no login) is kept in `outreach`: an SMS waiting in the outbox,
or a line on the call list of the person's township. Existing seekers keep being told in the app only where
they have a login (notify_by_sms false) and are written to in Chinese.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outreach',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('channel', sa.Enum('sms', 'call', name='outreach_channel', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('state', sa.Enum('queued', 'sent', 'failed', 'to_call', 'done', 'no_answer', 'wrong_number', name='outreach_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sms_error', sa.String(length=300), nullable=True),
    sa.Column('sms_ref', sa.String(length=100), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('handled_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['users.id'], name=op.f('fk_outreach_assigned_to_id_users')),
    sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'], name=op.f('fk_outreach_handled_by_id_users')),
    sa.ForeignKeyConstraint(['seeker_id'], ['seekers.id'], name=op.f('fk_outreach_seeker_id_seekers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach'))
    )
    with op.batch_alter_table('outreach', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_assigned_to_id'), ['assigned_to_id'], unique=False)
        batch_op.create_index('ix_outreach_channel_state', ['channel', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_seeker_id'), ['seeker_id'], unique=False)

    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify_by_sms', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='zh', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.drop_column('language')
        batch_op.drop_column('notify_by_sms')

    with op.batch_alter_table('outreach', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_seeker_id'))
        batch_op.drop_index('ix_outreach_channel_state')
        batch_op.drop_index(batch_op.f('ix_outreach_assigned_to_id'))

    op.drop_table('outreach')
