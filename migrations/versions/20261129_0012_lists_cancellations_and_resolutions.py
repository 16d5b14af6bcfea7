"""lists: staff cancel a job fair or a training session with a reason

Revision ID: 0012
Revises: 0009
Create Date: 2026-11-29 19:00:00

Existing fairs and sessions go ahead (cancelled_at null, no reason).
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0012'
down_revision = '0009'
branch_labels = None
depends_on = None

CANCELLED = ('job_fairs', 'training_sessions')


def upgrade() -> None:
    for table in CANCELLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('cancelled_at', models.base.UTCDateTime(timezone=True), nullable=True))
            batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    for table in CANCELLED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('cancel_reason')
            batch_op.drop_column('cancelled_at')
