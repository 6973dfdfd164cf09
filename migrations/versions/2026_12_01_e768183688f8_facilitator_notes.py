"""facilitator_notes: a module's catatan-fasilitator.md, one row per language (issue 15)

Revision ID: e768183688f8
Revises: 22f6b8b6a292
Create Date: 2026-12-01 17:14:48.522103

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e768183688f8'
down_revision = '22f6b8b6a292'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('facilitator_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_facilitator_notes_module_id_modules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitator_notes')),
    sa.UniqueConstraint('module_id', 'language', name=op.f('uq_facilitator_notes_module_id_language'))
    )


def downgrade():
    op.drop_table('facilitator_notes')
