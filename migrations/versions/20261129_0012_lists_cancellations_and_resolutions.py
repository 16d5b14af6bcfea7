"""lists: staff cancel a job fair or a training session with a reason; settled insurance mismatches keep how

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 19:00:00

Existing fairs and sessions go ahead (cancelled_at null, no reason). Mismatches settled before this revision
keep no record of how (resolution empty): the audit log has it.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

CANCELLED = ('job_fairs', 'training_sessions')


def upgrade() -> None:
    for table in CANCELLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('cancelled_at', models.base.UTCDateTime(timezone=True), nullable=True))
            batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('declared_employees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('resolved_mismatch', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('resolved_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_declared_employees_resolved_by_id_users'), 'users',
                                    ['resolved_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('declared_employees', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_declared_employees_resolved_by_id_users'), type_='foreignkey')
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('resolved_by_id')
        batch_op.drop_column('resolved_mismatch')
        batch_op.drop_column('resolution')
    for table in CANCELLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('cancel_reason')
            batch_op.drop_column('cancelled_at')
