"""interviews, offers, follow-up after placement, outcome events

Revision ID: 0009
Revises: 0010
Create Date: 2026-11-29 15:22:00.408236

Interviews with the times proposed, offers and the person's answer, follow-up plans with their check-ins and
the supports agreed, the staff member who serves each township, outcome events for the matcher's learner, and
why an employment ended.
"""
from alembic import op
import sqlalchemy as sa
import models.base


revision = '0009'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('township_staff',
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['townships.id'], name=op.f('fk_township_staff_township_id_townships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_township_staff_user_id_users')),
    sa.PrimaryKeyConstraint('township_id', name=op.f('pk_township_staff'))
    )
    with op.batch_alter_table('township_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_township_staff_user_id'), ['user_id'], unique=False)

    op.create_table('outcome_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('shown', 'applied', 'invited', 'interviewed', 'offered', 'accepted', 'declined', 'rejected', 'hired', 'left', name='outcome_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('months', sa.Integer(), nullable=True),
    sa.Column('at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_outcome_events_position_id_positions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_id'], ['seekers.id'], name=op.f('fk_outcome_events_seeker_id_seekers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_events'))
    )
    with op.batch_alter_table('outcome_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_events_position_id'), ['position_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outcome_events_seeker_id'), ['seeker_id'], unique=False)

    op.create_table('follow_up_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employment_id', sa.Integer(), nullable=False),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['users.id'], name=op.f('fk_follow_up_plans_assigned_to_id_users')),
    sa.ForeignKeyConstraint(['employment_id'], ['employments.id'], name=op.f('fk_follow_up_plans_employment_id_employments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_plans')),
    sa.UniqueConstraint('employment_id', name=op.f('uq_follow_up_plans_employment_id'))
    )
    with op.batch_alter_table('follow_up_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_plans_assigned_to_id'), ['assigned_to_id'], unique=False)

    op.create_table('interviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'another_time', 'scheduled', 'held', 'cancelled', name='interview_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('online_link', sa.String(length=300), nullable=False),
    sa.Column('contact_name', sa.String(length=100), nullable=False),
    sa.Column('contact_phone', sa.String(length=30), nullable=False),
    sa.Column('place_offers', sa.JSON(), nullable=False),
    sa.Column('requested', sa.JSON(), nullable=False),
    sa.Column('request_note', sa.Text(), nullable=False),
    sa.Column('attending_staff_id', sa.Integer(), nullable=True),
    sa.Column('reminded_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_interviews_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['attending_staff_id'], ['users.id'], name=op.f('fk_interviews_attending_staff_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_interviews_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews'))
    )
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interviews_application_id'), ['application_id'], unique=False)

    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'accepted', 'declined', 'expired', name='offer_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('monthly_pay', sa.Integer(), nullable=False),
    sa.Column('hours_per_week', sa.Integer(), nullable=False),
    sa.Column('contract_months', sa.Integer(), nullable=False),
    sa.Column('accommodations', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('answer_by', sa.Date(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=True),
    sa.Column('made_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_by_staff', sa.Boolean(), nullable=False),
    sa.Column('answer_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_offers_answered_by_id_users')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_offers_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['made_by_id'], ['users.id'], name=op.f('fk_offers_made_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_state'), ['state'], unique=False)

    op.create_table('check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.Enum('planned', 'done', 'cancelled', name='check_in_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=True),
    sa.Column('still_employed', sa.Boolean(), nullable=True),
    sa.Column('satisfaction_person', sa.Integer(), nullable=True),
    sa.Column('satisfaction_employer', sa.Integer(), nullable=True),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('satisfaction_employer BETWEEN 1 AND 5', name=op.f('ck_check_ins_satisfaction_employer_range')),
    sa.CheckConstraint('satisfaction_person BETWEEN 1 AND 5', name=op.f('ck_check_ins_satisfaction_person_range')),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_check_ins_done_by_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['follow_up_plans.id'], name=op.f('fk_check_ins_plan_id_follow_up_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_ins'))
    )
    with op.batch_alter_table('check_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_ins_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_check_ins_plan_id'), ['plan_id'], unique=False)

    op.create_table('interview_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_interview_slots_interview_id_interviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview_slots'))
    )
    with op.batch_alter_table('interview_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interview_slots_interview_id'), ['interview_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interview_slots_starts_at'), ['starts_at'], unique=False)

    op.create_table('supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_in_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('employer_note', sa.Text(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['check_in_id'], ['check_ins.id'], name=op.f('fk_supports_check_in_id_check_ins'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supports'))
    )
    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supports_check_in_id'), ['check_in_id'], unique=False)

    with op.batch_alter_table('employments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('end_reason', sa.String(length=300), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('employments', schema=None) as batch_op:
        batch_op.drop_column('end_reason')

    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supports_check_in_id'))

    op.drop_table('supports')
    with op.batch_alter_table('interview_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interview_slots_starts_at'))
        batch_op.drop_index(batch_op.f('ix_interview_slots_interview_id'))

    op.drop_table('interview_slots')
    with op.batch_alter_table('check_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_check_ins_plan_id'))
        batch_op.drop_index(batch_op.f('ix_check_ins_due_on'))

    op.drop_table('check_ins')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offers_state'))
        batch_op.drop_index(batch_op.f('ix_offers_application_id'))

    op.drop_table('offers')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interviews_application_id'))

    op.drop_table('interviews')
    with op.batch_alter_table('follow_up_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_plans_assigned_to_id'))

    op.drop_table('follow_up_plans')
    with op.batch_alter_table('outcome_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_events_seeker_id'))
        batch_op.drop_index(batch_op.f('ix_outcome_events_position_id'))

    op.drop_table('outcome_events')
    with op.batch_alter_table('township_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_township_staff_user_id'))

    op.drop_table('township_staff')
