"""certificates: issued once per person and thing earned, surviving account deletion

A module's workshop requirement (front matter) and Open Badges images live in tables of their own.

Revision ID: 1ac9ceed0218
Revises: 033925a0ef08
Create Date: 2026-12-01 15:05:59.802492

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1ac9ceed0218'
down_revision = '033925a0ef08'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certificate_badge_images',
    sa.Column('issue_key', sa.String(length=40), nullable=False),
    sa.Column('png', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('issue_key', name=op.f('pk_certificate_badge_images'))
    )
    op.create_table('certificate_requirements',
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('workshop_required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_certificate_requirements_module_id_modules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('module_id', name=op.f('pk_certificate_requirements'))
    )
    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('credential_uuid', sa.String(length=36), nullable=False),
    sa.Column('issue_key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('module_id', sa.Integer(), nullable=True),
    sa.Column('holder_name', sa.String(length=80), nullable=True),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('module_version', sa.Integer(), nullable=True),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('recipient_salt', sa.String(length=32), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_reason', sa.String(length=20), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_certificates_module_id_modules'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_certificates_revoked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_certificates_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('code', name=op.f('uq_certificates_code')),
    sa.UniqueConstraint('credential_uuid', name=op.f('uq_certificates_credential_uuid')),
    sa.UniqueConstraint('public_id', name=op.f('uq_certificates_public_id')),
    sa.UniqueConstraint('user_id', 'issue_key', name=op.f('uq_certificates_user_id_issue_key')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_user_id'))

    op.drop_table('certificates')
    op.drop_table('certificate_requirements')
    op.drop_table('certificate_badge_images')
