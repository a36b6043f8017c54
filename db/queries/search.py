"""Reads for the matching engine.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Claim,
    Rating,
    Source,
    Speaker,
    Statement,
)
from db.queries.claims import CLAIM_TEXT


@dataclass(frozen=True)
class CandidateRow:
    statement_id: int
    text: str
    norm_text: str
    speaker: Optional[str]
    speaker_title: Optional[str]
    source_id: int
    source_title: str
    outlet: Optional[str]
    claim_id: Optional[int]
    claim_status: Optional[str]
    verdict: Optional[str]
    published: Optional[date] = None
    # The sentence without its attribution frame: what matching and stance compare.
    claim_text: str = ""


# SQLite's default limit on bound parameters is 32766; stay well below it.
_CHUNK = 900


def candidate_rows(session: Session, ids: Sequence[int]) -> dict[int, CandidateRow]:
    """Statement text, speaker, source and claim/verdict of each id (missing ids are skipped)."""
    out: dict[int, CandidateRow] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = list(ids[i:i + _CHUNK])
        stmt = (
            select(
                Statement.id, Statement.text, Statement.norm_text,
                Speaker.name, Speaker.title,
                Source.id, Source.title, Source.outlet,
                Claim.id, Claim.status, Rating.label, Source.published, CLAIM_TEXT,
            )
            .join(Source, Source.id == Statement.source_id)
            .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
            .outerjoin(Claim, Claim.statement_id == Statement.id)
            .outerjoin(Rating, Rating.id == Claim.rating_id)
            .where(Statement.id.in_(chunk))
        )
        for r in session.execute(stmt):
            out[r[0]] = CandidateRow(*r)
    return out


def norm_texts(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """statements.norm_text of each id: all the re-ranker needs."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = list(ids[i:i + _CHUNK])
        for sid, norm in session.execute(
                select(Statement.id, Statement.norm_text).where(Statement.id.in_(chunk))):
            out[sid] = norm
    return out


def claim_statement(session: Session, claim_id: int) -> Optional[tuple[int, str]]:
    """(statement id, claim text) of a claim, or None if there is no such claim: the
    sentence without its attribution frame is what its matches are searched with."""
    row = session.execute(
        select(Statement.id, CLAIM_TEXT)
        .join(Claim, Claim.statement_id == Statement.id)
        .where(Claim.id == claim_id)
    ).first()
    return (int(row[0]), str(row[1])) if row else None


@dataclass(frozen=True)
class Origin:
    source_id: int
    speaker: Optional[str]
    checked: bool  # a published fact-check, or a claim the desk has reviewed


def origins(session: Session, ids: Sequence[int]) -> dict[int, Origin]:
    """Where each statement id comes from, who said it, and whether it was checked."""
    out: dict[int, Origin] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = list(ids[i:i + _CHUNK])
        for sid, source_id, name, kind, status in session.execute(
                select(Statement.id, Statement.source_id, Speaker.name, Source.kind, Claim.status)
                .join(Source, Source.id == Statement.source_id)
                .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
                .outerjoin(Claim, Claim.statement_id == Statement.id)
                .where(Statement.id.in_(chunk))):
            out[sid] = Origin(source_id, name, kind == "factcheck" or status == "reviewed")
    return out


def claim_context(
    session: Session, statement_id: int, *, window: int, limit: int
) -> tuple[Optional[int], Optional[str], list[tuple[int, str]]]:
    """(source id, speaker name, nearest other claims of the same source within
    `window` statements as (statement id, claim text), nearest first) of a statement."""
    row = session.execute(
        select(Statement.source_id, Statement.seq, Speaker.name)
        .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
        .where(Statement.id == statement_id)
    ).first()
    if row is None:
        return None, None, []
    source_id, seq, speaker = row
    near = session.execute(
        select(Statement.id, CLAIM_TEXT, Statement.seq)
        .join(Claim, Claim.statement_id == Statement.id)
        .where(Statement.source_id == source_id, Statement.id != statement_id,
               Statement.seq.between(seq - window, seq + window))
    ).all()
    near.sort(key=lambda r: (abs(r[2] - seq), r[2]))
    return source_id, speaker, [(int(r[0]), str(r[1])) for r in near[:limit]]
