"""The append-only history of a claim.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Reviewer,
    VerdictHistory,
)


def add_history(session: Session, claim_id: int, action: str, reviewer_id: int | None, **fields: Any) -> None:
    session.add(VerdictHistory(claim_id=claim_id, action=action, reviewer_id=reviewer_id, **fields))
    session.flush()


def claim_history(session: Session, claim_id: int) -> list[Any]:
    q = (
        select(
            VerdictHistory.id, VerdictHistory.action, VerdictHistory.old_verdict,
            VerdictHistory.new_verdict, VerdictHistory.old_status, VerdictHistory.new_status,
            VerdictHistory.rationale, VerdictHistory.note, VerdictHistory.changed_at,
            Reviewer.name.label("reviewer"),
        )
        .outerjoin(Reviewer, VerdictHistory.reviewer_id == Reviewer.id)
        .where(VerdictHistory.claim_id == claim_id)
        .order_by(VerdictHistory.id)
    )
    return list(session.execute(q).all())
