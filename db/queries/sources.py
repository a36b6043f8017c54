"""Sources (articles, fact-check files), their speakers and statements.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from sqlalchemy import bindparam, func, insert, or_, select, true, update
from sqlalchemy.orm import Session

from db import fts
from db.models import (
    Claim,
    Rating,
    Source,
    Speaker,
    Statement,
)


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


def _matching(text: Optional[str]) -> Any:
    """Sources whose title or outlet contains TEXT (case-insensitive; % and _ are literal)."""
    if not text:
        return true()
    needle = text.lower()
    return or_(func.lower(Source.title).contains(needle, autoescape=True),
               func.lower(func.coalesce(Source.outlet, "")).contains(needle, autoescape=True))


def list_sources(session: Session, *, limit: int = 100, offset: int = 0, text: Optional[str] = None) -> list[Any]:
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
        .where(_matching(text))
        .order_by(Source.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.execute(q).all())


def count_sources(session: Session, *, text: Optional[str] = None) -> int:
    return session.scalar(select(func.count()).select_from(Source).where(_matching(text))) or 0


def statement_places(session: Session, ids: Sequence[int]) -> list[Any]:
    """Where each statement stands: its source, offsets, stated date and the source's date."""
    if not ids:
        return []
    q = (
        select(Statement.id, Statement.source_id, Statement.start, Statement.end, Statement.stated_on,
               Source.published)
        .join(Source, Statement.source_id == Source.id)
        .where(Statement.id.in_(list(ids)))
    )
    return list(session.execute(q).all())


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


def outlets(session: Session) -> list[str]:
    return [o for o in session.scalars(select(Source.outlet).distinct().order_by(Source.outlet)) if o]


def source(session: Session, source_id: int) -> Optional[dict[str, Any]]:
    row = session.execute(
        select(
            Source.id, Source.kind, Source.title, Source.outlet, Source.url, Source.author,
            Source.published, Source.text, Source.filename, Source.ingested_at,
        ).where(Source.id == source_id)
    ).first()
    return dict(row._mapping) if row else None


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


def bulk_add_statements(session: Session, source_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Fast insert for evaluation and benchmark loads: rows need text and norm_text."""
    if not rows:
        return
    session.execute(
        insert(Statement),
        [
            {"source_id": source_id, "seq": i, "start": 0, "end": len(r["text"]),
             # a loaded fact-check is its own claim text and context
             "claim_text": r["text"], "claim_start": 0, "claim_end": len(r["text"]),
             "context_start": 0, "context_end": len(r["text"]), **r}
            for i, r in enumerate(rows)
        ],
    )


def bulk_load_factchecks(
    session: Session, *, title: str, content_hash: str, rows: Sequence[tuple[str, str, Optional[str]]]
) -> list[int]:
    """One fact-check source holding `rows` of (text, norm_text, speaker name or None), loaded
    in one pass with the full-text triggers off and one index rebuild (a 20,000-document
    corpus in seconds, not minutes). Statement ids in the order of `rows`."""
    src = Source(kind="factcheck", title=title, text="", content_hash=content_hash)
    session.add(src)
    session.flush()
    speakers: dict[str, Speaker] = {}
    for name in sorted({n.strip() for _t, _n, n in rows if n and n.strip()}):
        speakers[name] = Speaker(source_id=src.id, name=name[:300], kind="person")
        session.add(speakers[name])
    session.flush()
    fts.drop_triggers(session.connection())
    bulk_add_statements(session, src.id, [
        {"text": text, "norm_text": norm,
         "speaker_id": speakers[who.strip()].id if who and who.strip() in speakers else None}
        for text, norm, who in rows
    ])
    fts.rebuild(session)
    return list(session.scalars(select(Statement.id).where(Statement.source_id == src.id).order_by(Statement.seq)))


# --- re-extraction of sources stored before sentence-level statements ----------------------

def article_ids_between(session: Session, after: int, upto: int) -> list[int]:
    """Ids of the article sources (not fact-checks) with after < id <= upto, in order."""
    q = (select(Source.id).where(Source.id > after, Source.id <= upto, Source.kind != "factcheck")
         .order_by(Source.id))
    return list(session.scalars(q))


def statements_for_resplit(session: Session, source_id: int) -> list[Any]:
    """A source's statements with their claim (if any) and its verdict label, by offset."""
    q = (
        select(
            Statement.id, Statement.start, Statement.end, Statement.text, Statement.speaker_id,
            Statement.kind, Statement.cue, Statement.stated_on, Statement.date_text,
            Claim.id.label("claim_id"), Claim.status, Claim.version, Rating.label.label("verdict"),
        )
        .outerjoin(Claim, Claim.statement_id == Statement.id)
        .outerjoin(Rating, Rating.id == Claim.rating_id)
        .where(Statement.source_id == source_id)
        .order_by(Statement.start, Statement.id)
    )
    return list(session.execute(q).all())


def update_statement(session: Session, statement_id: int, **values: Any) -> None:
    session.execute(update(Statement).where(Statement.id == statement_id).values(**values)
                    .execution_options(synchronize_session=False))


def add_statement(session: Session, **values: Any) -> int:
    """One statement (beside a source's existing ones); returns its id."""
    return int(session.execute(insert(Statement.__table__).values(**values)).inserted_primary_key[0])


def speaker_id(session: Session, source_id: int, name: str, title: str | None, kind: str) -> int:
    """The id of a source's speaker by name, added if the source has none of that name."""
    found = session.scalar(select(Speaker.id).where(Speaker.source_id == source_id, Speaker.name == name))
    return int(found) if found is not None else add_speaker(session, source_id, name, title, kind)


def renumber_statements(session: Session, source_id: int) -> None:
    """seq = the order of the statements in the source text (by offset)."""
    ids = session.scalars(select(Statement.id).where(Statement.source_id == source_id)
                          .order_by(Statement.start, Statement.id)).all()
    session.execute(update(Statement.__table__).where(Statement.__table__.c.id == bindparam("sid"))
                    .values(seq=bindparam("new_seq")),
                    [{"sid": sid, "new_seq": i} for i, sid in enumerate(ids)])
