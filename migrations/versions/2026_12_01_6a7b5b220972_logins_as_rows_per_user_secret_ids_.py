"""logins as rows, per-user secret, ids never reused

Every login becomes a ``user_sessions`` row; ``users.session_version`` gives way to a random
``auth_secret`` (existing logins end: everyone signs in again once). On SQLite, ``users`` and
``classrooms`` are rebuilt with AUTOINCREMENT so a deleted row's id is never given out again
(PostgreSQL sequences never reuse ids).

Revision ID: 6a7b5b220972
Revises: 16173c34f4d1
Create Date: 2026-12-01 14:40:51.712763

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6a7b5b220972'
down_revision = '16173c34f4d1'
branch_labels = None
depends_on = None


def _rebuild(table: str, autoincrement: bool) -> dict:
    """Batch options that rebuild the table on SQLite with or without AUTOINCREMENT."""
    if op.get_bind().dialect.name != "sqlite":
        return {}
    return {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": autoincrement}}


def upgrade():
    op.create_table('user_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('remember', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_user_sessions_token_hash')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auth_secret', sa.String(length=64), nullable=True))
    bind = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('auth_secret', sa.String))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(auth_secret=secrets.token_urlsafe(32)))
    with op.batch_alter_table('users', schema=None, **_rebuild('users', True)) as batch_op:
        batch_op.alter_column('auth_secret', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column('session_version')
    with op.batch_alter_table('classrooms', schema=None, **_rebuild('classrooms', True)):
        pass


def downgrade():
    with op.batch_alter_table('classrooms', schema=None, **_rebuild('classrooms', False)):
        pass
    with op.batch_alter_table('users', schema=None, **_rebuild('users', False)) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.INTEGER(), nullable=False, server_default='1'))
        batch_op.drop_column('auth_secret')

    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))

    op.drop_table('user_sessions')
