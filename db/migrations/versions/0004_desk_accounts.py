"""accounts (password, active, e-mail, session epoch), drafts, reservations

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviewers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=300), nullable=True))
        # Names from before accounts stay usable (CLI, history); an admin can disable them.
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column("email", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_unique_constraint("uq_reviewers_email", ["email"])
    op.create_table(
        "drafts",
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["reviewers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("reviewer_id", "claim_id", "field"),
    )
    op.create_table(
        "reservations",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["reviewers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id"),
    )
    op.create_index("ix_reservations_expires", "reservations", ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_reservations_expires", table_name="reservations")
    op.drop_table("reservations")
    op.drop_table("drafts")
    with op.batch_alter_table("reviewers", schema=None) as batch_op:
        batch_op.drop_constraint("uq_reviewers_email", type_="unique")
        batch_op.drop_column("session_epoch")
        batch_op.drop_column("email")
        batch_op.drop_column("active")
        batch_op.drop_column("password_hash")
