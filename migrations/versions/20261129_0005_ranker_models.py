"""ranker models learned from outcomes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 13:45:00.000000
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ranker_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trained_on', sa.Date(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('n_outcomes', sa.Integer(), nullable=False),
    sa.Column('k', sa.Integer(), nullable=False),
    sa.Column('ndcg_default', sa.Float(), nullable=False),
    sa.Column('ndcg_learned', sa.Float(), nullable=False),
    sa.Column('sklearn_version', sa.String(length=20), nullable=False),
    sa.Column('model', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ranker_models'))
    )


def downgrade() -> None:
    op.drop_table('ranker_models')
