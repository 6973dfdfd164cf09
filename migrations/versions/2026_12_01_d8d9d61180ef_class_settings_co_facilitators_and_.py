"""classes: kind, end date and archiving; co-facilitators; modules assigned with due dates

Revision ID: d8d9d61180ef
Revises: 1ac9ceed0218
Create Date: 2026-12-01 17:10:16.868808

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd8d9d61180ef'
down_revision = '1ac9ceed0218'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('class_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classrooms.id'], name=op.f('fk_class_assignments_classroom_id_classrooms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_class_assignments_module_id_modules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_assignments')),
    sa.UniqueConstraint('classroom_id', 'module_id', name=op.f('uq_class_assignments_classroom_id_module_id'))
    )
    with op.batch_alter_table('class_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_assignments_module_id'), ['module_id'], unique=False)

    op.create_table('class_facilitators',
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classrooms.id'], name=op.f('fk_class_facilitators_classroom_id_classrooms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_class_facilitators_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('classroom_id', 'user_id', name=op.f('pk_class_facilitators'))
    )
    with op.batch_alter_table('class_facilitators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_facilitators_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('classrooms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='school'))
        batch_op.add_column(sa.Column('ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('classrooms', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
        batch_op.drop_column('ends_on')
        batch_op.drop_column('kind')

    with op.batch_alter_table('class_facilitators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_facilitators_user_id'))

    op.drop_table('class_facilitators')
    with op.batch_alter_table('class_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_assignments_module_id'))

    op.drop_table('class_assignments')
