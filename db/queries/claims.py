"""Claims: the queue's filter query, one claim, its version (compare-and-set).

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import Select, and_, exists, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session, aliased

from db.models import (
    DISMISSED,
    Claim,
    ClaimMatch,
    Evidence,
    Rating,
    Reviewer,
    Source,
    Speaker,
    Statement,
)

# A statement's claim text (the sentence without its attribution frame) and its context (the
# whole quote); a row written by hand (not by ingest or migration 0006) may leave them NULL.
CLAIM_TEXT = func.coalesce(Statement.claim_text, Statement.text)
CONTEXT_START = func.coalesce(Statement.context_start, Statement.start)
CONTEXT_END = func.coalesce(Statement.context_end, Statement.end)


def add_claims(session: Session, statement_ids: Iterable[int], origin: str = "auto") -> int:
    rows = [{"statement_id": sid, "origin": origin} for sid in statement_ids]
    if rows:
        session.execute(insert(Claim.__table__), rows)
    return len(rows)


@dataclass
class ClaimFilter:
    """Filters shared by the queue, the report and `claims list`. None means any."""

    status: Optional[str] = None
    verdict: Optional[str] = None  # a rating label, or "none" for no verdict yet
    speaker: Optional[str] = None  # whole words of the name, case-insensitive ("Tal" is not "Hospital")
    outlet: Optional[str] = None
    source_id: Optional[int] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    min_checkworthy: Optional[float] = None
    has_contradictions: Optional[bool] = None
    assigned_to: Optional[str] = None  # reviewer name, or "none" for unassigned
    text: Optional[str] = None  # substring of the claim text
    claim_ids: Optional[Sequence[int]] = None
    # Dismissed claims ("not a claim") are left out unless asked for by status or here.
    include_dismissed: bool = False


SORTS = {
    "newest": (Claim.id.desc(),),
    "oldest": (Claim.id.asc(),),
    "checkworthy": (Statement.checkworthy.desc(), Claim.id.asc()),
    "published": (Source.published.desc(), Claim.id.asc()),
    "updated": (Claim.updated_at.desc(), Claim.id.desc()),
}


def _like(col: Any, value: str) -> Any:
    # Escape LIKE wildcards: a reviewer typing "50%" means the characters.
    esc = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(col).like(f"%{esc.lower()}%", escape="\\")


# Characters that separate the words of a name besides spaces ("Anne-Marie", "J. Tal").
_NAME_SEPARATORS = "-.,"


def _name_words(col: Any, value: str) -> Any:
    """The name holds `value` as whole words: "Tal" matches "Aren Tal" and "Tal", not "Hospital"
    or "Talbot". Plain LIKE on the name padded with spaces, so SQLite and PostgreSQL agree."""
    words = value.lower()
    for ch in _NAME_SEPARATORS:
        words = words.replace(ch, " ")
    words = " ".join(words.split())
    if not words:  # only separators typed: match them as typed
        return _like(col, value)
    esc = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    name = func.lower(col)
    for ch in _NAME_SEPARATORS:
        name = func.replace(name, ch, " ")
    return (literal(" ") + name + literal(" ")).like(f"% {esc} %", escape="\\")


# The reviewer a claim is assigned to (a second role of the reviewers table).
_Assigned = aliased(Reviewer, name="assigned")


_ReviewedBy = aliased(Reviewer, name="reviewed_by")


def contradicted_claim() -> Any:
    """True for a claim that a reviewer linked contradicting evidence to, or whose
    cached matches (claims.match_cache) hold a contradiction."""
    return or_(
        exists().where(and_(Evidence.claim_id == Claim.id, Evidence.stance == "contradicts")),
        exists().where(and_(ClaimMatch.claim_id == Claim.id, ClaimMatch.stance == "contradicts")),
    )


def claim_select(filters: ClaimFilter) -> Select[Any]:
    """SELECT claims with every join the filters need, filtered; callers choose the columns."""
    assigned = _Assigned
    stated = func.coalesce(Statement.stated_on, Source.published)
    contradicted = contradicted_claim()
    q = (
        select(Claim)
        .join(Statement, Claim.statement_id == Statement.id)
        .join(Source, Statement.source_id == Source.id)
        .outerjoin(Speaker, Statement.speaker_id == Speaker.id)
        .outerjoin(Rating, Claim.rating_id == Rating.id)
        .outerjoin(assigned, Claim.assigned_to_id == assigned.id)
    )
    f = filters
    conds: list[Any] = []
    if f.status:
        conds.append(Claim.status == f.status)
    elif not f.include_dismissed:
        conds.append(Claim.status != DISMISSED)
    if f.verdict:
        conds.append(Claim.rating_id.is_(None) if f.verdict == "none" else Rating.label == f.verdict)
    if f.speaker:
        conds.append(_name_words(Speaker.name, f.speaker))
    if f.outlet:
        conds.append(Source.outlet == f.outlet)
    if f.source_id is not None:
        conds.append(Statement.source_id == f.source_id)
    if f.date_from:
        conds.append(stated >= f.date_from)
    if f.date_to:
        conds.append(stated <= f.date_to)
    if f.min_checkworthy is not None:
        conds.append(Statement.checkworthy >= f.min_checkworthy)
    if f.has_contradictions is not None:
        conds.append(contradicted if f.has_contradictions else ~contradicted)
    if f.assigned_to:
        conds.append(Claim.assigned_to_id.is_(None) if f.assigned_to == "none" else assigned.name == f.assigned_to)
    if f.text:
        conds.append(_like(Statement.text, f.text))
    if f.claim_ids is not None:
        conds.append(Claim.id.in_(list(f.claim_ids)))
    return q.where(*conds)


def count_claims(session: Session, filters: ClaimFilter) -> int:
    q = claim_select(filters).with_only_columns(func.count(Claim.id))
    return session.scalar(q) or 0


def status_counts(session: Session, filters: ClaimFilter) -> dict[str, int]:
    q = claim_select(filters).with_only_columns(Claim.status, func.count(Claim.id)).group_by(Claim.status)
    return {s: n for s, n in session.execute(q).all()}


def claim_rows(
    session: Session, filters: ClaimFilter, *, sort: str = "checkworthy", limit: int = 50, offset: int = 0
) -> list[Any]:
    """One page of the queue, as flat rows (no ORM objects, nothing lazy)."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    evidence_counts = {
        stance: select(func.count())
        .where(Evidence.claim_id == Claim.id, Evidence.stance == stance)
        .correlate(Claim)
        .scalar_subquery()
        .label(f"n_{stance}")
        for stance in ("supports", "contradicts", "related")
    }
    found_contradictions = (
        select(func.count())
        .where(ClaimMatch.claim_id == Claim.id, ClaimMatch.stance == "contradicts")
        .correlate(Claim)
        .scalar_subquery()
        .label("n_found_contradicts")
    )
    base = claim_select(filters)
    q = (
        base.with_only_columns(
            Claim.id.label("claim_id"), Claim.status, Claim.version, Claim.rationale,
            Claim.updated_at, Claim.reviewed_at, Claim.origin, Claim.matched_at,
            Rating.label.label("verdict"), Statement.id.label("statement_id"), Statement.text,
            Statement.kind, Statement.cue, Statement.checkworthy, Statement.reasons, Statement.stated_on,
            Statement.start, Statement.end, Statement.paragraph,
            CLAIM_TEXT.label("claim_text"),
            func.coalesce(Statement.claim_start, Statement.start).label("claim_start"),
            func.coalesce(Statement.claim_end, Statement.end).label("claim_end"),
            CONTEXT_START.label("context_start"), CONTEXT_END.label("context_end"),
            # the quote the sentence belongs to (SQL substr counts from 1)
            func.substr(Source.text, CONTEXT_START + 1, CONTEXT_END - CONTEXT_START).label("context"),
            Speaker.name.label("speaker"), Speaker.title.label("speaker_title"),
            Source.id.label("source_id"), Source.title.label("source_title"), Source.outlet,
            Source.url, Source.published,
            *evidence_counts.values(), found_contradictions,
        )
        .outerjoin(_ReviewedBy, Claim.reviewer_id == _ReviewedBy.id)
        .add_columns(_ReviewedBy.name.label("reviewer"), _Assigned.name.label("assigned_to"))
        .order_by(*SORTS[sort])
        .limit(limit)
        .offset(offset)
    )
    return [dict(r._mapping) for r in session.execute(q).all()]


def next_claim_id(session: Session, filters: ClaimFilter, *, after: Optional[tuple[float, int]] = None) -> Optional[int]:
    """The first claim in "checkworthy" order (score down, id up) strictly after
    the (score, id) position `after`, or the first of all."""
    q = claim_select(filters).with_only_columns(Claim.id)
    if after is not None:
        score, cid = after
        q = q.where(or_(Statement.checkworthy < score, and_(Statement.checkworthy == score, Claim.id > cid)))
    return session.scalar(q.order_by(*SORTS["checkworthy"]).limit(1))


def ordered_ids(session: Session, filters: ClaimFilter, sort: str) -> list[tuple[int, str]]:
    """(id, status) of every claim of the slice, in the queue's `sort` order: for walking a
    slice in an order without a keyset (the dates, the last change)."""
    q = claim_select(filters).with_only_columns(Claim.id, Claim.status)
    return [(cid, status) for cid, status in session.execute(q.order_by(*SORTS[sort]))]


def get_claim(session: Session, claim_id: int, *, lock: bool = False) -> Optional[Claim]:
    """One claim; lock=True locks its row until the transaction ends (FOR UPDATE on
    PostgreSQL; a no-op on SQLite, whose write transactions are already exclusive)."""
    return session.get(Claim, claim_id, with_for_update=lock or None)


def claim_for_statement(session: Session, statement_id: int) -> Optional[Claim]:
    return session.scalar(select(Claim).where(Claim.statement_id == statement_id))


def update_claim(session: Session, claim_id: int, expected_version: int, **values: Any) -> bool:
    """Compare-and-set: applies only if nobody saved since `expected_version`."""
    res = session.execute(
        update(Claim)
        .where(Claim.id == claim_id, Claim.version == expected_version)
        .values(version=Claim.version + 1, updated_at=func.now(), **values)
        .execution_options(synchronize_session=False)
    )
    return res.rowcount == 1


def claim_ids_of_sources(session: Session, source_ids: Sequence[int]) -> list[int]:
    q = select(Claim.id).join(Statement, Claim.statement_id == Statement.id).where(Statement.source_id.in_(list(source_ids)))
    return list(session.scalars(q.order_by(Claim.id)))


def existing_claim_ids(session: Session, claim_ids: Sequence[int], *, chunk: int = 500) -> list[int]:
    """Those of `claim_ids` that are claims (in chunks: bound-parameter limits)."""
    ids = list(claim_ids)
    found: list[int] = []
    for i in range(0, len(ids), chunk):
        found.extend(session.scalars(select(Claim.id).where(Claim.id.in_(ids[i:i + chunk]))))
    return found


def all_claim_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Claim.id).order_by(Claim.id)))
