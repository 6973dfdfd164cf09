"""workshops: workshops, co-facilitators, modules taught, registrations (seats, waiting list, attendance, feedback), private feed tokens

Revision ID: 53370a479b0a
Revises: 25e85a63a6f0
Create Date: 2026-12-01 14:41:31.563885

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '53370a479b0a'
down_revision = '25e85a63a6f0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('workshop_feed_tokens',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workshop_feed_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_workshop_feed_tokens')),
    sa.UniqueConstraint('token', name=op.f('uq_workshop_feed_tokens_token'))
    )
    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('class_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('audiences', sa.String(length=100), nullable=False),
    sa.Column('venue_name', sa.String(length=200), nullable=False),
    sa.Column('venue_address', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('registration_opens_at', sa.DateTime(), nullable=False),
    sa.Column('registration_closes_at', sa.DateTime(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('confirmed_count', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classrooms.id'], name=op.f('fk_workshops_class_id_classrooms'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_workshops_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_status'), ['status'], unique=False)

    op.create_table('workshop_facilitators',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workshop_facilitators_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_facilitators_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', 'user_id', name=op.f('pk_workshop_facilitators'))
    )
    with op.batch_alter_table('workshop_facilitators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_facilitators_user_id'), ['user_id'], unique=False)

    op.create_table('workshop_modules',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_workshop_modules_module_id_modules'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_modules_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', 'module_id', name=op.f('pk_workshop_modules'))
    )
    with op.batch_alter_table('workshop_modules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_modules_module_id'), ['module_id'], unique=False)

    op.create_table('workshop_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('promoted_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_by_id', sa.Integer(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('comment', sa.String(length=500), nullable=True),
    sa.Column('rated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['checked_in_by_id'], ['users.id'], name=op.f('fk_workshop_registrations_checked_in_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workshop_registrations_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_registrations_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_registrations')),
    sa.UniqueConstraint('workshop_id', 'code', name=op.f('uq_workshop_registrations_workshop_id_code')),
    sa.UniqueConstraint('workshop_id', 'user_id', name=op.f('uq_workshop_registrations_workshop_id_user_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('workshop_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_registrations_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_registrations_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_registrations_workshop_id'), ['workshop_id'], unique=False)



def downgrade():
    with op.batch_alter_table('workshop_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_registrations_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_registrations_user_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_registrations_status'))

    op.drop_table('workshop_registrations')
    with op.batch_alter_table('workshop_modules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_modules_module_id'))

    op.drop_table('workshop_modules')
    with op.batch_alter_table('workshop_facilitators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_facilitators_user_id'))

    op.drop_table('workshop_facilitators')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshops_status'))
        batch_op.drop_index(batch_op.f('ix_workshops_starts_at'))
        batch_op.drop_index(batch_op.f('ix_workshops_province'))
        batch_op.drop_index(batch_op.f('ix_workshops_owner_id'))
        batch_op.drop_index(batch_op.f('ix_workshops_class_id'))

    op.drop_table('workshops')
    op.drop_table('workshop_feed_tokens')
