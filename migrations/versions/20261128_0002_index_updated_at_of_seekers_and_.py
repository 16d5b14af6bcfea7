"""index updated_at of seekers and positions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 15:18:54.076503
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_positions_updated_at'), ['updated_at'], unique=False)

    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seekers_updated_at'), ['updated_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seekers_updated_at'))

    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_updated_at'))

