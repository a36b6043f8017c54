"""Report rows and aggregates. Every aggregate starts from claims.claim_select, the queue's own
filter query, so the report counts exactly what the queue lists, and is a GROUP BY in the database.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from claims.text.vocab import REVIEWED, VERDICT_ACTIONS
from db import queries
from db.models import (
    Claim,
    Rating,
    Reviewer,
    Source,
    Speaker,
    Statement,
    VerdictHistory,
)
from db.queries.claims import ClaimFilter


def report_rows(session: Session, filters: ClaimFilter) -> list[dict[str, Any]]:
    """Every claim that passes the filters, with the report's columns, oldest first."""
    rows: list[dict[str, Any]] = []
    page = 2000
    offset = 0
    while True:
        chunk = queries.claims.claim_rows(session, filters, sort="oldest", limit=page, offset=offset)
        rows.extend(chunk)
        if len(chunk) < page:
            return rows
        offset += page


# Every aggregate starts from queries.claims.claim_select, the queue's own filter query,
# so the report counts exactly what the queue lists.


def publishable_counts(session: Session, filters: ClaimFilter) -> dict[str, int]:
    """Of the filtered claims: selected, reviewed, reviewed imports, and publishable as ClaimReview
    (reviewed with a verdict by this desk, as claims.text.export.publishable decides)."""
    reviewed = Claim.status == REVIEWED
    imported = and_(reviewed, Claim.origin == "import")
    ours = and_(reviewed, Claim.rating_id.is_not(None), Claim.origin != "import")
    q = queries.claims.claim_select(filters).with_only_columns(
        func.count(Claim.id), *(func.sum(case((c, 1), else_=0)) for c in (reviewed, imported, ours)))
    selected, n_reviewed, n_imported, n_ours = session.execute(q).one()
    return {"selected": int(selected or 0), "reviewed": int(n_reviewed or 0), "imported": int(n_imported or 0),
            "publishable": int(n_ours or 0)}


def verdicts_by(session: Session, filters: ClaimFilter, dimension: str, *, top: int = 15) -> list[dict[str, Any]]:
    """(dimension value, verdict, claims) for the `top` values of speaker or outlet with most claims."""
    col = {"speaker": Speaker.name, "outlet": Source.outlet}[dimension]
    label = func.coalesce(col, "(unknown)")
    totals = (
        queries.claims.claim_select(filters).with_only_columns(label.label("key"), func.count(Claim.id).label("n"))
        .group_by(label).order_by(func.count(Claim.id).desc(), label).limit(top)
    )
    keys = [r.key for r in session.execute(totals)]
    if not keys:
        return []
    verdict = func.coalesce(Rating.label, "(no verdict)")
    q = (
        queries.claims.claim_select(filters)
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
        queries.claims.claim_select(filters)
        .with_only_columns(day.label("day"), verdict.label("verdict"), func.count(Claim.id).label("claims"))
        .where(day.is_not(None))
        .group_by(day, verdict)
    )
    return [dict(r._mapping) for r in session.execute(q)]


def contradictions_by_outlet(session: Session, filters: ClaimFilter, *, top: int = 15) -> list[dict[str, Any]]:
    """Per outlet: claims, and claims contradicted (found by matching or attached as evidence)."""
    contradicted = queries.claims.contradicted_claim()
    label = func.coalesce(Source.outlet, "(unknown)")
    n_contra = func.sum(case((contradicted, 1), else_=0))
    q = (
        queries.claims.claim_select(filters)
        .with_only_columns(label.label("outlet"), func.count(Claim.id).label("claims"), n_contra.label("contradicted"))
        .group_by(label)
        .order_by(func.count(Claim.id).desc(), label)
        .limit(top)
    )
    return [{"outlet": r.outlet, "claims": r.claims, "contradicted": int(r.contradicted or 0)}
            for r in session.execute(q)]


def throughput(session: Session, filters: ClaimFilter) -> list[dict[str, Any]]:
    """(reviewer, day, verdicts set) from the history of the filtered claims."""
    ids = queries.claims.claim_select(filters).with_only_columns(Claim.id).scalar_subquery()
    day = func.date(VerdictHistory.changed_at)
    q = (
        select(Reviewer.name.label("reviewer"), day.label("day"), func.count(VerdictHistory.id).label("verdicts"))
        .join(Reviewer, VerdictHistory.reviewer_id == Reviewer.id)
        .where(VerdictHistory.action.in_(VERDICT_ACTIONS), VerdictHistory.claim_id.in_(ids))
        .group_by(Reviewer.name, day)
        .order_by(day)
    )
    return [dict(r._mapping) for r in session.execute(q)]
