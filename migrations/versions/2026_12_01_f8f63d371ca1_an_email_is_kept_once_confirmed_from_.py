"""an email is kept once confirmed from its inbox

Revision ID: f8f63d371ca1
Revises: 6a7b5b220972
Create Date: 2026-12-01 14:55:47.535063

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f8f63d371ca1'
down_revision = '6a7b5b220972'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_email', sa.String(length=254), nullable=True))


def downgrade():
    # Dropping a column rebuilds the table on SQLite: keep AUTOINCREMENT (reflection loses it).
    with op.batch_alter_table('users', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column('pending_email')

