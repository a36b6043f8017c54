"""claim_matches by statement: a verdict relabels the cached matches that list its claim's
statement, and deleting a statement cascades to them; both look rows up by statement_id

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_claim_matches_statement', 'claim_matches', ['statement_id'])


def downgrade() -> None:
    op.drop_index('ix_claim_matches_statement', table_name='claim_matches')
