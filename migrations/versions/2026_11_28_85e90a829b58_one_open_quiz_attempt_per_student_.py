"""one open quiz attempt per student, module and kind

Revision ID: 85e90a829b58
Revises: 04d15d76aa64
Create Date: 2026-11-28 06:24:53.820524

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '85e90a829b58'
down_revision = '04d15d76aa64'
branch_labels = None
depends_on = None


def upgrade():
    # Keep only the newest unfinished attempt where a race had opened two, so the index can exist.
    op.execute(
        "DELETE FROM quiz_attempts WHERE submitted_at IS NULL AND id NOT IN ("
        "SELECT MAX(id) FROM quiz_attempts WHERE submitted_at IS NULL GROUP BY user_id, module_id, kind)"
    )
    with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
        batch_op.create_index('uq_quiz_attempts_open', ['user_id', 'module_id', 'kind'], unique=True, sqlite_where=sa.text('submitted_at IS NULL'), postgresql_where=sa.text('submitted_at IS NULL'))



def downgrade():
    with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
        batch_op.drop_index('uq_quiz_attempts_open', sqlite_where=sa.text('submitted_at IS NULL'), postgresql_where=sa.text('submitted_at IS NULL'))

