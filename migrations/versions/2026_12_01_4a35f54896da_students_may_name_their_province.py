"""students may name their province

Revision ID: 4a35f54896da
Revises: 38eafed0ecd8
Create Date: 2026-12-01 17:12:37.397311

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4a35f54896da'
down_revision = '38eafed0ecd8'
branch_labels = None
depends_on = None


def upgrade():
    # A slug of workshops.provinces (optional). If SQLite ever rebuilds the table here,
    # AUTOINCREMENT must survive (reflection does not see it): ids are never reused.
    with op.batch_alter_table('users', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column('province', sa.String(length=40), nullable=True))


def downgrade():
    # Dropping a column rebuilds the table on SQLite: keep AUTOINCREMENT (reflection loses it).
    with op.batch_alter_table('users', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column('province')
