"""questions.pool: quiz (kuis.md) or pretest (tes-awal.md, the separate pre-test pool; issue 15)

Existing questions all came from kuis.md, so they start in the quiz pool.

Revision ID: 22f6b8b6a292
Revises: d8d9d61180ef
Create Date: 2026-12-01 17:11:34.181239

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '22f6b8b6a292'
down_revision = 'd8d9d61180ef'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pool', sa.String(length=10), server_default='quiz', nullable=False))


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('pool')
