"""Reads for the matching engine.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

from sqlalchemy import bindparam, or_, select
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
    # The verdict's place on the ClaimReview scale (1 worst .. 5 best); None when it has none.
    rating_score: Optional[int] = None
    # The reporting cue ("said", "denied"): a denying cue reverses what the claim text asserts.
    cue: Optional[str] = None

    @property
    def rated(self) -> Optional[str]:
        """The verdict when the statement was checked (a reviewed claim, an imported fact-check)."""
        return self.verdict if self.claim_status == "reviewed" else None


# SQLite's default limit on bound parameters is 32766; stay well below it.
_CHUNK = 900

# Built once: the match cache runs these for every claim, and building a select()
# costs more Python time than SQLite spends running it.
_IDS = bindparam("ids", expanding=True)
_CANDIDATE_ROWS = (
    select(
        Statement.id, Statement.text,
        Speaker.name, Speaker.title,
        Source.id, Source.title, Source.outlet,
        Claim.id, Claim.status, Rating.label, Source.published, CLAIM_TEXT, Rating.score, Statement.cue,
    )
    .join(Source, Source.id == Statement.source_id)
    .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
    .outerjoin(Claim, Claim.statement_id == Statement.id)
    .outerjoin(Rating, Rating.id == Claim.rating_id)
    .where(Statement.id.in_(_IDS))
)
_NORM_TEXTS = select(Statement.id, Statement.norm_text).where(Statement.id.in_(_IDS))
# Only the checked ones (a published fact-check, a claim the desk reviewed): few of a claim's candidates.
_CHECKED = (
    select(Statement.id, Statement.source_id, Speaker.name)
    .join(Source, Source.id == Statement.source_id)
    .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
    .outerjoin(Claim, Claim.statement_id == Statement.id)
    .where(Statement.id.in_(_IDS), or_(Source.kind == "factcheck", Claim.status == "reviewed"))
)


def candidate_rows(session: Session, ids: Sequence[int]) -> dict[int, CandidateRow]:
    """Statement text, speaker, source and claim/verdict of each id (missing ids are skipped)."""
    out: dict[int, CandidateRow] = {}
    for i in range(0, len(ids), _CHUNK):
        for r in session.execute(_CANDIDATE_ROWS, {"ids": list(ids[i:i + _CHUNK])}):
            out[r[0]] = CandidateRow(*r)
    return out


@dataclass(frozen=True)
class Origin:
    source_id: int
    speaker: Optional[str]


def checked_origins(session: Session, ids: Sequence[int]) -> dict[int, Origin]:
    """Of these statement ids, the checked ones (published fact-checks, claims the desk has
    reviewed), with their source and speaker: what a claim's context may lift."""
    out: dict[int, Origin] = {}
    for i in range(0, len(ids), _CHUNK):
        for sid, source_id, name in session.execute(_CHECKED, {"ids": list(ids[i:i + _CHUNK])}):
            out[sid] = Origin(source_id, name)
    return out


_ARTICLE_OF = (
    select(Statement.id, Statement.source_id)
    .join(Source, Source.id == Statement.source_id)
    .where(Statement.id.in_(_IDS), Source.kind == "article")
)


def article_of(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """Of these statement ids, those in news articles, with their source id (a fact-check
    corpus is a collection of independent items, not one article)."""
    out: dict[int, int] = {}
    for i in range(0, len(ids), _CHUNK):
        for sid, source_id in session.execute(_ARTICLE_OF, {"ids": list(ids[i:i + _CHUNK])}):
            out[sid] = source_id
    return out


def norm_texts(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """statements.norm_text of each id: all the re-ranker needs."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), _CHUNK):
        for sid, norm in session.execute(_NORM_TEXTS, {"ids": list(ids[i:i + _CHUNK])}):
            out[sid] = norm
    return out


@dataclass(frozen=True)
class ClaimPlace:
    """A claim's statement and what the search weighs besides its words."""
    statement_id: int
    text: str  # the claim text: the sentence without its attribution frame, what is searched
    source_id: int
    speaker: Optional[str]
    neighbours: list[tuple[int, str]]  # nearest other claims of the same source, nearest first
    cue: Optional[str] = None  # the reporting cue ("denied"), read by the stance


def claim_place(session: Session, claim_id: int, *, window: int, limit: int) -> Optional[ClaimPlace]:
    """A claim's statement, source and speaker, and the nearest other claims of the same
    source within `window` statements as (statement id, claim text); None if there is no such claim."""
    row = session.execute(
        select(Statement.id, CLAIM_TEXT, Statement.source_id, Statement.seq, Speaker.name, Statement.cue)
        .join(Claim, Claim.statement_id == Statement.id)
        .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
        .where(Claim.id == claim_id)
    ).first()
    if row is None:
        return None
    statement_id, text_, source_id, seq, speaker, cue = row
    near = session.execute(
        select(Statement.id, CLAIM_TEXT, Statement.seq)
        .join(Claim, Claim.statement_id == Statement.id)
        .where(Statement.source_id == source_id, Statement.id != statement_id,
               Statement.seq.between(seq - window, seq + window))
    ).all()
    near.sort(key=lambda r: (abs(r[2] - seq), r[2]))
    return ClaimPlace(int(statement_id), str(text_), int(source_id), speaker,
                      [(int(r[0]), str(r[1])) for r in near[:limit]], cue)
