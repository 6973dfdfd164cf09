"""workshops by province and start: one index for the schedule's province, month and order

The schedule asks for a province's workshops in order of start, often within one month. With an
index on each column PostgreSQL combined both (a BitmapAnd reading every workshop of the province
and every workshop of the month in the country, growing with the programme); one index on
(province, starts_at) reads only the rows shown. It also serves what ix_workshops_province did,
so that one goes. Plain index operations: the table itself is not rebuilt on SQLite.

Revision ID: 88615f290dec
Revises: 66d8b19c2577
Create Date: 2026-12-01 21:23:54.786407

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '88615f290dec'
down_revision = '66d8b19c2577'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_workshops_province_starts_at', 'workshops', ['province', 'starts_at'], unique=False)
    op.drop_index('ix_workshops_province', table_name='workshops')


def downgrade():
    op.create_index('ix_workshops_province', 'workshops', ['province'], unique=False)
    op.drop_index('ix_workshops_province_starts_at', table_name='workshops')
