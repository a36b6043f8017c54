"""Evidence linked to a claim.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from db.models import (
    Evidence,
    Reviewer,
    Source,
    Speaker,
    Statement,
)


def add_evidence(session: Session, **fields: Any) -> Evidence:
    ev = Evidence(**fields)
    session.add(ev)
    session.flush()
    return ev


def evidence_for(session: Session, claim_id: int, statement_id: int) -> Optional[Evidence]:
    return session.scalar(
        select(Evidence).where(Evidence.claim_id == claim_id, Evidence.statement_id == statement_id)
    )


def claim_evidence(session: Session, claim_id: int) -> list[Any]:
    q = (
        select(
            Evidence.id, Evidence.stance, Evidence.note, Evidence.score, Evidence.reasons,
            Evidence.created_at, Statement.id.label("statement_id"), Statement.text,
            Speaker.name.label("speaker"), Source.title.label("source_title"), Source.outlet,
            Source.url, Reviewer.name.label("reviewer"),
        )
        .join(Statement, Evidence.statement_id == Statement.id)
        .join(Source, Statement.source_id == Source.id)
        .outerjoin(Speaker, Statement.speaker_id == Speaker.id)
        .outerjoin(Reviewer, Evidence.reviewer_id == Reviewer.id)
        .where(Evidence.claim_id == claim_id)
        .order_by(case((Evidence.stance == "contradicts", 0), (Evidence.stance == "supports", 1), else_=2), Evidence.id)
    )
    return list(session.execute(q).all())
