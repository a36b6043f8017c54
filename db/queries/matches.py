"""The match cache: a claim's stored matches with their stance.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.models import (
    ClaimMatch,
)


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
