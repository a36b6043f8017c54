"""Evidence linked to a claim.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Any, Optional, Sequence

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


def _evidence_select() -> Any:
    return (
        select(
            Evidence.id, Evidence.claim_id, Evidence.stance, Evidence.note, Evidence.score, Evidence.reasons,
            Evidence.created_at, Statement.id.label("statement_id"), Statement.text, Statement.start, Statement.end,
            Speaker.name.label("speaker"), Source.title.label("source_title"), Source.outlet,
            Source.url, Reviewer.name.label("reviewer"),
        )
        .join(Statement, Evidence.statement_id == Statement.id)
        .join(Source, Statement.source_id == Source.id)
        .outerjoin(Speaker, Statement.speaker_id == Speaker.id)
        .outerjoin(Reviewer, Evidence.reviewer_id == Reviewer.id)
    )


# Contradicting evidence first: it is what a reader of the claim must see.
_ORDER = (case((Evidence.stance == "contradicts", 0), (Evidence.stance == "supports", 1), else_=2), Evidence.id)


def claim_evidence(session: Session, claim_id: int) -> list[Any]:
    q = _evidence_select().where(Evidence.claim_id == claim_id).order_by(*_ORDER)
    return list(session.execute(q).all())


def evidence_of_claims(session: Session, claim_ids: Sequence[int], *, chunk: int = 500) -> dict[int, list[dict[str, Any]]]:
    """The evidence of many claims (a report), by claim id, in chunks of ids (bound-parameter limits)."""
    out: dict[int, list[dict[str, Any]]] = {}
    ids = list(claim_ids)
    for i in range(0, len(ids), chunk):
        q = _evidence_select().where(Evidence.claim_id.in_(ids[i:i + chunk])).order_by(Evidence.claim_id, *_ORDER)
        for r in session.execute(q):
            out.setdefault(r.claim_id, []).append(dict(r._mapping))
    return out
