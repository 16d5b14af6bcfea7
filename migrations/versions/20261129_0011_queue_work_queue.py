"""staff work queue: assignments, checked employer registrations, settled insurance files

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-29 18:41:57.751760

Employers already in the database count as checked when they were made: only registrations after this
revision come onto the work queue. Rejected insurance files stay unsettled: staff see them on the queue.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0011'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('work_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_work_assignments_assigned_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_work_assignments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_assignments')),
    sa.UniqueConstraint('kind', 'item_id', name=op.f('uq_work_assignments_kind_item_id'))
    )
    with op.batch_alter_table('work_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_assignments_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_at', models.base.UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE employers SET checked_at = created_at")

    with op.batch_alter_table('insurance_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('settled_at', models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('settled_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_insurance_imports_settled_by_id_users'), 'users', ['settled_by_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('insurance_imports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_insurance_imports_settled_by_id_users'), type_='foreignkey')
        batch_op.drop_column('settled_by_id')
        batch_op.drop_column('settled_at')

    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_column('checked_at')

    with op.batch_alter_table('work_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_assignments_user_id'))

    op.drop_table('work_assignments')
