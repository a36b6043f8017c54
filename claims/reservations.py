"""Reservations: a claim opened for review is held for its reviewer for a while, so two
reviewers do not do the same work. Shown to others, it expires by itself, and can be taken
over explicitly; "next unreviewed" skips what another reviewer holds. Saving is never blocked
by it (the version check still guards every save)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence

from claims import accounts
from db import queries
from db.engine import Database

HOLD = timedelta(minutes=15)


@dataclass(frozen=True)
class Hold:
    claim_id: int
    reviewer: str
    expires_at: datetime  # naive UTC
    mine: bool


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def holder(db: Database, claim_id: int, *, reviewer: Optional[str] = None) -> Optional[Hold]:
    """Who holds the claim now (None: nobody, or the hold expired)."""
    with db.read() as s:
        r = queries.accounts.reservation(s, claim_id)
        if r is None or r.expires_at <= _now():
            return None
        return Hold(claim_id, r.reviewer.name, r.expires_at, r.reviewer.name == reviewer)


def reserve(db: Database, claim_id: int, *, reviewer: str, take_over: bool = False, hold: timedelta = HOLD) -> Hold:
    """Hold the claim for REVIEWER (renewing their own hold). Held by someone else, the claim
    stays theirs unless take_over: the Hold returned then names them."""
    account = accounts.authorize(db, reviewer, "verdict")
    now = _now()
    with db.write() as s:
        if not queries.accounts.claim_exists(s, claim_id):
            raise accounts.AccountError(f"no claim with id {claim_id}")
        r = queries.accounts.reservation(s, claim_id)
        if r is not None and r.expires_at > now and r.reviewer_id != account.id and not take_over:
            return Hold(claim_id, r.reviewer.name, r.expires_at, False)
        queries.accounts.reserve(s, claim_id, account.id, now + hold)
        return Hold(claim_id, account.name, now + hold, True)


def release(db: Database, claim_id: int, *, reviewer: str) -> None:
    """Let go of one's own hold (after a save): others' holds are left alone."""
    account = accounts.authorize(db, reviewer, "read")
    with db.write() as s:
        queries.accounts.release(s, claim_id, account.id)


def held_by_others(db: Database, reviewer: Optional[str]) -> set[int]:
    """The claims someone other than REVIEWER holds now."""
    with db.read() as s:
        me = queries.accounts.by_name(s, reviewer) if reviewer else None
        return set(s.scalars(queries.accounts.reserved_by_others(me.id if me else None, _now())))


def holders(db: Database, claim_ids: Sequence[int]) -> dict[int, str]:
    """Who holds each of these claims now (the queue marks them, so no one opens one to find it taken)."""
    if not claim_ids:
        return {}
    with db.read() as s:
        return queries.accounts.holders(s, claim_ids, _now())
