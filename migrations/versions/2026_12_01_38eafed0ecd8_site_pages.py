"""site_pages: shared pages written beside the modules (content/_halaman), such as /lapor (issue 15)

Revision ID: 38eafed0ecd8
Revises: e768183688f8
Create Date: 2026-12-01 17:47:17.546083

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '38eafed0ecd8'
down_revision = 'e768183688f8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('site_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_pages')),
    sa.UniqueConstraint('slug', 'language', name=op.f('uq_site_pages_slug_language'))
    )


def downgrade():
    op.drop_table('site_pages')
