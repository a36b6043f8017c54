"""The match cache: a claim's stored matches with their stance.

Every function takes a session first and never commits: the workflow owns the transaction.

Written so that concurrent writers (match workers on any number of machines) can neither
duplicate a row nor deadlock: a transaction first takes, in ascending claim id order, a
lock on every claim whose rows it will touch (PostgreSQL transaction advisory locks; SQLite
has one writer at a time anyway), then deletes and inserts rows in (claim_id, statement_id)
order with INSERT ... ON CONFLICT DO NOTHING. Locks taken in one global order cannot form a
cycle, and a pair already cached is kept, never a second row or a UniqueViolation.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import (
    Claim,
    ClaimMatch,
    Statement,
)
from db.queries.claims import CLAIM_TEXT

# First key of pg_advisory_xact_lock(int, int): "claim_matches rows of claim N" (any constant
# no other part of the desk uses).
_LOCK_CLASS = 0x4D41


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(ClaimMatch)


def lock_claims(session: Session, claim_ids: Iterable[int]) -> None:
    """Hold the match-cache lock of these claims until the transaction ends (ascending order)."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: write transactions are BEGIN IMMEDIATE, one at a time
    for cid in sorted(set(claim_ids)):
        session.execute(select(func.pg_advisory_xact_lock(_LOCK_CLASS, cid)))


def replace_claim_matches(
    session: Session, own: dict[int, Sequence[dict[str, Any]]], reverse: Sequence[dict[str, Any]] = (),
) -> None:
    """The cached matches of the claims in `own` (claim id -> rows), each replaced as a whole,
    plus `reverse` rows (claim_id, statement_id, ...) added to other claims unless the pair is
    cached already. Marks the claims of `own` matched (claims.matched_at) in the same transaction."""
    if not own:
        return
    lock_claims(session, [*own, *(r["claim_id"] for r in reverse)])
    ids = sorted(own)
    session.execute(ClaimMatch.__table__.delete().where(ClaimMatch.claim_id.in_(ids)))
    rows = [{"claim_id": cid, **r} for cid in ids for r in own[cid]] + list(reverse)
    rows.sort(key=lambda r: (r["claim_id"], r["statement_id"]))
    if rows:
        session.execute(_insert(session).on_conflict_do_nothing(), rows)
    session.execute(
        update(Claim).where(Claim.id.in_(ids)).values(matched_at=func.now()).execution_options(synchronize_session=False))


def unmatched_claim_ids(session: Session) -> list[int]:
    """Claims whose matches were never written (queued, or lost to a crash)."""
    return list(session.scalars(select(Claim.id).where(Claim.matched_at.is_(None)).order_by(Claim.id)))


def count_unmatched(session: Session) -> int:
    return session.scalar(select(func.count(Claim.id)).where(Claim.matched_at.is_(None))) or 0


def existing_claim_ids(session: Session, claim_ids: Sequence[int]) -> set[int]:
    return set(session.scalars(select(Claim.id).where(Claim.id.in_(list(claim_ids)))))


def cached_against(session: Session, statement_id: int) -> list[tuple[int, float, str, Optional[str]]]:
    """(claim id, score, that claim's claim text, its reporting cue) of every claim whose cached
    matches list this statement."""
    rows = session.execute(
        select(ClaimMatch.claim_id, ClaimMatch.score, CLAIM_TEXT, Statement.cue)
        .join(Claim, Claim.id == ClaimMatch.claim_id)
        .join(Statement, Statement.id == Claim.statement_id)
        .where(ClaimMatch.statement_id == statement_id)
        .order_by(ClaimMatch.claim_id))
    return [(int(c), float(score), str(text), cue) for c, score, text, cue in rows]


def set_stances(session: Session, statement_id: int, stances: dict[int, tuple[str, str]]) -> None:
    """New (stance, reasons JSON) of the cached match of this statement, by claim id."""
    lock_claims(session, stances)
    for cid in sorted(stances):
        stance, reasons = stances[cid]
        session.execute(
            update(ClaimMatch)
            .where(ClaimMatch.claim_id == cid, ClaimMatch.statement_id == statement_id)
            .values(stance=stance, reasons=reasons)
            .execution_options(synchronize_session=False))
