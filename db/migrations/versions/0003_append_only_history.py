"""append-only history and evidence, enforced by the database

The workflows never delete history or evidence; these triggers make that hold
for any writer (a script, a cascade from a deleted source or claim, a mistaken
SQL session): a claim's record can only grow.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MESSAGE = "the claim history and evidence are append-only"

# (trigger name, table, operation); evidence may change stance (with a history row), never vanish.
GUARDS = (
    ("verdict_history_no_update", "verdict_history", "UPDATE"),
    ("verdict_history_no_delete", "verdict_history", "DELETE"),
    ("evidence_no_delete", "evidence", "DELETE"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION claimdesk_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE} (% on % refused)', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'integrity_constraint_violation';
            END $$ LANGUAGE plpgsql""")
        for name, table, operation in GUARDS:
            op.execute(f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION claimdesk_append_only()")
    else:
        for name, table, operation in GUARDS:
            op.execute(f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def downgrade() -> None:
    for name, table, _operation in GUARDS:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS claimdesk_append_only()")
