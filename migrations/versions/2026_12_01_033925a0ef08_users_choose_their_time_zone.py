"""users choose their time zone

Revision ID: 033925a0ef08
Revises: 53370a479b0a
Create Date: 2026-12-01 15:22:07.425560

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '033925a0ef08'
down_revision = '53370a479b0a'
branch_labels = None
depends_on = None


def upgrade():
    # An added column needs no table rebuild, but if SQLite ever rebuilds the table here,
    # AUTOINCREMENT must survive (reflection does not see it): ids are never reused.
    with op.batch_alter_table('users', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=32), nullable=True))


def downgrade():
    # Dropping a column rebuilds the table on SQLite: keep AUTOINCREMENT (reflection loses it).
    with op.batch_alter_table('users', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column('timezone')
