"""recovery codes: a way back without email

Revision ID: 25e85a63a6f0
Revises: f8f63d371ca1
Create Date: 2026-12-01 15:04:18.732979

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '25e85a63a6f0'
down_revision = 'f8f63d371ca1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recovery_hash', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('recovery_created_at', sa.DateTime(), nullable=True))


def downgrade():
    # Dropping columns rebuilds the table on SQLite: keep AUTOINCREMENT (reflection loses it).
    with op.batch_alter_table('users', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column('recovery_created_at')
        batch_op.drop_column('recovery_hash')

