"""claims.matched_at: when a claim's cached matches were written (NULL = queued)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('matched_at', sa.DateTime(), nullable=True))
    # Claims stored before this revision were matched at ingest (or by `claims rematch`):
    # count them as matched, so an upgrade does not queue a whole desk again.
    op.execute("UPDATE claims SET matched_at = CURRENT_TIMESTAMP")
    op.create_index('ix_claims_unmatched', 'claims', ['id'], unique=False,
                    sqlite_where=sa.text('matched_at IS NULL'), postgresql_where=sa.text('matched_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_claims_unmatched', table_name='claims')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('matched_at')
