"""impact rollups: the public figures of /dampak, kept by `flask impact rollup`

Revision ID: 0661ea21fe88
Revises: 4a35f54896da
Create Date: 2026-12-01 17:26:24.716330

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0661ea21fe88'
down_revision = '4a35f54896da'
branch_labels = None
depends_on = None


def upgrade():
    # Self-contained: two new tables, nothing else touched (the users.province column is its own migration).
    op.create_table('impact_rollup_runs',
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('module_ids', sa.JSON(), nullable=True),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_impact_rollup_runs'))
    )
    op.create_table('impact_rollups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('dimension', sa.String(length=10), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('learners', sa.Integer(), nullable=False),
    sa.Column('lessons_read', sa.Integer(), nullable=False),
    sa.Column('lessons_read_people', sa.Integer(), nullable=False),
    sa.Column('modules_passed', sa.Integer(), nullable=False),
    sa.Column('modules_passed_people', sa.Integer(), nullable=False),
    sa.Column('certificates', sa.Integer(), nullable=False),
    sa.Column('certificates_people', sa.Integer(), nullable=False),
    sa.Column('workshops_held', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('participants_people', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_rollups')),
    sa.UniqueConstraint('scope', 'dimension', 'key', name=op.f('uq_impact_rollups_scope_dimension_key'))
    )


def downgrade():
    op.drop_table('impact_rollups')
    op.drop_table('impact_rollup_runs')
