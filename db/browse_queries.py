"""Reads for the review desk's overview pages (sources, report charts).

Session first, never commits. Every aggregate is a GROUP BY in the database:
a report over 10,000 claims must not pull the claims into Python to count them.
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db import queries
from db.models import Claim, Rating, Reviewer, Source, Speaker, Statement, VerdictHistory
from db.queries import ClaimFilter

# Every aggregate starts from queries.claim_select, the queue's own filter query,
# so the report counts exactly what the queue lists.
# History actions that record a verdict decision (throughput counts these).
VERDICT_ACTIONS = ("verdict", "reuse")


def source(session: Session, source_id: int) -> Optional[dict[str, Any]]:
    row = session.execute(
        select(
            Source.id, Source.kind, Source.title, Source.outlet, Source.url, Source.author,
            Source.published, Source.text, Source.filename, Source.ingested_at,
        ).where(Source.id == source_id)
    ).first()
    return dict(row._mapping) if row else None


def verdicts_by(session: Session, filters: ClaimFilter, dimension: str, *, top: int = 15) -> list[dict[str, Any]]:
    """(dimension value, verdict, claims) for the `top` values of speaker or outlet with most claims."""
    col = {"speaker": Speaker.name, "outlet": Source.outlet}[dimension]
    label = func.coalesce(col, "(unknown)")
    totals = (
        queries.claim_select(filters).with_only_columns(label.label("key"), func.count(Claim.id).label("n"))
        .group_by(label).order_by(func.count(Claim.id).desc(), label).limit(top)
    )
    keys = [r.key for r in session.execute(totals)]
    if not keys:
        return []
    verdict = func.coalesce(Rating.label, "(no verdict)")
    q = (
        queries.claim_select(filters)
        .with_only_columns(label.label("key"), verdict.label("verdict"), func.count(Claim.id).label("claims"))
        .where(label.in_(keys))
        .group_by(label, verdict)
    )
    return [{dimension: r.key, "verdict": r.verdict, "claims": r.claims} for r in session.execute(q)]


def verdicts_by_day(session: Session, filters: ClaimFilter) -> list[dict[str, Any]]:
    """(date stated or published, verdict, claims); undated claims are left out."""
    day = func.coalesce(Statement.stated_on, Source.published)
    verdict = func.coalesce(Rating.label, "(no verdict)")
    q = (
        queries.claim_select(filters)
        .with_only_columns(day.label("day"), verdict.label("verdict"), func.count(Claim.id).label("claims"))
        .where(day.is_not(None))
        .group_by(day, verdict)
    )
    return [dict(r._mapping) for r in session.execute(q)]


def contradictions_by_outlet(session: Session, filters: ClaimFilter, *, top: int = 15) -> list[dict[str, Any]]:
    """Per outlet: claims, and claims contradicted (found by matching or attached as evidence)."""
    contradicted = queries.contradicted_claim()
    label = func.coalesce(Source.outlet, "(unknown)")
    n_contra = func.sum(case((contradicted, 1), else_=0))
    q = (
        queries.claim_select(filters)
        .with_only_columns(label.label("outlet"), func.count(Claim.id).label("claims"), n_contra.label("contradicted"))
        .group_by(label)
        .order_by(func.count(Claim.id).desc(), label)
        .limit(top)
    )
    return [{"outlet": r.outlet, "claims": r.claims, "contradicted": int(r.contradicted or 0)}
            for r in session.execute(q)]


def throughput(session: Session, filters: ClaimFilter) -> list[dict[str, Any]]:
    """(reviewer, day, verdicts set) from the history of the filtered claims."""
    ids = queries.claim_select(filters).with_only_columns(Claim.id).scalar_subquery()
    day = func.date(VerdictHistory.changed_at)
    q = (
        select(Reviewer.name.label("reviewer"), day.label("day"), func.count(VerdictHistory.id).label("verdicts"))
        .join(Reviewer, VerdictHistory.reviewer_id == Reviewer.id)
        .where(VerdictHistory.action.in_(VERDICT_ACTIONS), VerdictHistory.claim_id.in_(ids))
        .group_by(Reviewer.name, day)
        .order_by(day)
    )
    return [dict(r._mapping) for r in session.execute(q)]


def speaker_names(session: Session, *, limit: int = 2000) -> list[str]:
    """Speakers with at least one claim, most claims first (for the ledger's picker)."""
    q = (
        select(Speaker.name)
        .join(Statement, Statement.speaker_id == Speaker.id)
        .join(Claim, Claim.statement_id == Statement.id)
        .group_by(Speaker.name)
        .order_by(func.count(Claim.id).desc(), Speaker.name)
        .limit(limit)
    )
    return list(session.scalars(q))
