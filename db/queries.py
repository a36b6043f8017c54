"""Reads and writes. Every function takes a session first and never commits:
the workflow that calls it owns the transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import Select, and_, case, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from db.models import (
    CheckworthyModel,
    Claim,
    ClaimMatch,
    Evidence,
    Rating,
    Reviewer,
    Setting,
    Source,
    Speaker,
    Statement,
    VerdictHistory,
)

# ---------------------------------------------------------------- sources


def source_by_hash(session: Session, content_hash: str) -> Optional[Source]:
    return session.scalar(select(Source).where(Source.content_hash == content_hash))


def add_source(session: Session, **fields: Any) -> int:
    """Insert a source; returns its id. Core, not ORM: ingest is a hot path."""
    return int(session.execute(insert(Source.__table__).values(**fields)).inserted_primary_key[0])


def add_speaker(session: Session, source_id: int, name: str, title: str | None, kind: str) -> int:
    res = session.execute(
        insert(Speaker.__table__).values(source_id=source_id, name=name, title=title, kind=kind)
    )
    return int(res.inserted_primary_key[0])


def add_statements(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Bulk insert of one source's statements; returns the new ids in `seq` order.

    A plain executemany (C speed in the driver) and one read-back by (source, seq)
    is several times faster than INSERT .. RETURNING through the ORM.
    """
    if not rows:
        return []
    session.execute(insert(Statement.__table__), list(rows))
    source_ids = {r["source_id"] for r in rows}
    if len(source_ids) != 1:
        raise ValueError("add_statements takes the statements of one source")
    ids = session.scalars(
        select(Statement.id).where(Statement.source_id == source_ids.pop()).order_by(Statement.seq)
    ).all()
    return list(ids)


def add_claims(session: Session, statement_ids: Iterable[int], origin: str = "auto") -> int:
    rows = [{"statement_id": sid, "origin": origin} for sid in statement_ids]
    if rows:
        session.execute(insert(Claim.__table__), rows)
    return len(rows)


def list_sources(session: Session, *, limit: int = 100, offset: int = 0) -> list[Any]:
    n_statements = (
        select(func.count()).where(Statement.source_id == Source.id).correlate(Source).scalar_subquery()
    )
    n_claims = (
        select(func.count())
        .select_from(Claim)
        .join(Statement, Claim.statement_id == Statement.id)
        .where(Statement.source_id == Source.id)
        .correlate(Source)
        .scalar_subquery()
    )
    q = (
        select(
            Source.id, Source.title, Source.outlet, Source.published, Source.url, Source.kind,
            Source.ingested_at, n_statements.label("statements"), n_claims.label("claims"),
        )
        .order_by(Source.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.execute(q).all())


def count_sources(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Source)) or 0


def source_statements(session: Session, source_id: int) -> list[Any]:
    q = (
        select(
            Statement.id, Statement.seq, Statement.text, Statement.start, Statement.end,
            Statement.paragraph, Statement.kind, Statement.cue, Statement.stated_on,
            Statement.checkworthy, Statement.reasons, Speaker.name.label("speaker"),
            Speaker.title.label("speaker_title"), Claim.id.label("claim_id"), Claim.status,
        )
        .outerjoin(Speaker, Statement.speaker_id == Speaker.id)
        .outerjoin(Claim, Claim.statement_id == Statement.id)
        .where(Statement.source_id == source_id)
        .order_by(Statement.seq)
    )
    return list(session.execute(q).all())


# ---------------------------------------------------------------- people, settings, scale


def reviewer(session: Session, name: str) -> Reviewer:
    """The reviewer of that name, created on first use."""
    r = session.scalar(select(Reviewer).where(Reviewer.name == name))
    if r is None:
        r = Reviewer(name=name)
        session.add(r)
        session.flush()
    return r


def reviewer_names(session: Session) -> list[str]:
    return list(session.scalars(select(Reviewer.name).order_by(Reviewer.name)))


def get_setting(session: Session, key: str) -> Optional[str]:
    s = session.get(Setting, key)
    return s.value if s else None


def set_setting(session: Session, key: str, value: str) -> None:
    s = session.get(Setting, key)
    if s is None:
        session.add(Setting(key=key, value=value))
    else:
        s.value = value
    session.flush()


def ratings(session: Session) -> list[Rating]:
    return list(session.scalars(select(Rating).order_by(Rating.position, Rating.id)))


def rating_by_label(session: Session, label: str) -> Optional[Rating]:
    return session.scalar(select(Rating).where(func.lower(Rating.label) == label.strip().lower()))


def rating_in_use(session: Session, rating_id: int) -> int:
    return session.scalar(select(func.count()).where(Claim.rating_id == rating_id)) or 0


# ---------------------------------------------------------------- claims: queue


@dataclass
class ClaimFilter:
    """Filters shared by the queue, the report and `claims list`. None means any."""

    status: Optional[str] = None
    verdict: Optional[str] = None  # a rating label, or "none" for no verdict yet
    speaker: Optional[str] = None  # substring, case-insensitive
    outlet: Optional[str] = None
    source_id: Optional[int] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    min_checkworthy: Optional[float] = None
    has_contradictions: Optional[bool] = None
    assigned_to: Optional[str] = None  # reviewer name, or "none" for unassigned
    text: Optional[str] = None  # substring of the claim text
    claim_ids: Optional[Sequence[int]] = None


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
    if f.verdict:
        conds.append(Claim.rating_id.is_(None) if f.verdict == "none" else Rating.label == f.verdict)
    if f.speaker:
        conds.append(_like(Speaker.name, f.speaker))
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
            Claim.updated_at, Claim.reviewed_at, Claim.origin,
            Rating.label.label("verdict"), Statement.id.label("statement_id"), Statement.text,
            Statement.kind, Statement.cue, Statement.checkworthy, Statement.reasons, Statement.stated_on,
            Statement.start, Statement.end, Statement.paragraph,
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


def outlets(session: Session) -> list[str]:
    return [o for o in session.scalars(select(Source.outlet).distinct().order_by(Source.outlet)) if o]


# ---------------------------------------------------------------- claims: one claim


def get_claim(session: Session, claim_id: int) -> Optional[Claim]:
    return session.get(Claim, claim_id)


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


def replace_claim_matches(session: Session, claim_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """The cached matches of one claim, replaced as a whole."""
    session.execute(ClaimMatch.__table__.delete().where(ClaimMatch.claim_id == claim_id))
    if rows:
        session.execute(insert(ClaimMatch), [{"claim_id": claim_id, **r} for r in rows])


def add_claim_match(session: Session, claim_id: int, statement_id: int, score: float, stance: str, reasons: str) -> None:
    """Add one cached match unless the pair is cached already (the reverse side of a new match)."""
    if session.get(ClaimMatch, (claim_id, statement_id)) is None:
        session.add(ClaimMatch(claim_id=claim_id, statement_id=statement_id, score=score, stance=stance, reasons=reasons))
        session.flush()


def claim_ids_of_sources(session: Session, source_ids: Sequence[int]) -> list[int]:
    q = select(Claim.id).join(Statement, Claim.statement_id == Statement.id).where(Statement.source_id.in_(list(source_ids)))
    return list(session.scalars(q.order_by(Claim.id)))


def all_claim_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Claim.id).order_by(Claim.id)))


# ---------------------------------------------------------------- report


def report_rows(session: Session, filters: ClaimFilter) -> list[dict[str, Any]]:
    """Every claim that passes the filters, with the report's columns, oldest first."""
    rows: list[dict[str, Any]] = []
    page = 2000
    offset = 0
    while True:
        chunk = claim_rows(session, filters, sort="oldest", limit=page, offset=offset)
        rows.extend(chunk)
        if len(chunk) < page:
            return rows
        offset += page


# ---------------------------------------------------------------- check-worthiness models


def save_checkworthy_model(session: Session, blob: bytes, n_train: int, metrics_json: str) -> int:
    m = CheckworthyModel(blob=blob, n_train=n_train, metrics=metrics_json)
    session.add(m)
    session.flush()
    return m.id


def latest_checkworthy_model(session: Session) -> Optional[CheckworthyModel]:
    return session.scalar(select(CheckworthyModel).order_by(CheckworthyModel.id.desc()).limit(1))


def reviewer_labels(session: Session) -> list[tuple[str, bool]]:
    """Statements a reviewer marked as claim / not a claim: training data from the desk."""
    q = select(Statement.text, Statement.reviewer_label).where(Statement.reviewer_label.is_not(None))
    return [(t, bool(l)) for t, l in session.execute(q).all()]


def set_reviewer_label(session: Session, statement_id: int, label: Optional[bool]) -> None:
    session.execute(update(Statement).where(Statement.id == statement_id).values(reviewer_label=label))
