"""statements.claim_text / claim_start / claim_end and context_start / context_end

A statement is one sentence; its claim text is the checkable part without the
attribution frame ('"X," he said on May 7' -> 'X'), and its context the whole
quote it belongs to. Rows stored before this revision were their own claim and
context: backfilled so. Splitting an old desk's multi-sentence quotes needs the
text extraction, which db/ must not import: `claims init` does it after this
migration (claims.resplit.resplit_sources), for the sources recorded here.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# settings key: sources with an id up to this value were stored before sentence-level
# statements and are re-extracted by claims.resplit.resplit_sources (which deletes the key).
RESPLIT_KEY = "resplit_sources_upto"


def upgrade() -> None:
    # Plain ADD COLUMN on SQLite (no table rebuild): the full-text triggers on statements stay.
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('claim_start', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('claim_end', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('context_start', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('context_end', sa.Integer(), nullable=True))
    op.execute('UPDATE statements SET claim_text = text, claim_start = start, claim_end = "end", '
               'context_start = start, context_end = "end"')
    # Fact-check sources hold one statement, the claim reviewed: nothing to split.
    op.execute(f"INSERT INTO settings (key, value) SELECT '{RESPLIT_KEY}', CAST(max(id) AS VARCHAR(20)) "
               "FROM sources WHERE kind <> 'factcheck' HAVING count(*) > 0")


def downgrade() -> None:
    op.execute(f"DELETE FROM settings WHERE key = '{RESPLIT_KEY}'")
    with op.batch_alter_table('statements', schema=None) as batch_op:
        for name in ('context_end', 'context_start', 'claim_end', 'claim_start', 'claim_text'):
            batch_op.drop_column(name)
