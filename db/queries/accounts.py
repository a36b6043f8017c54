"""Accounts, their unsaved drafts and their claim reservations.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from datetime import datetime
from typing import Optional, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import Claim, Draft, Reservation, Reviewer


def by_name(session: Session, name: str) -> Optional[Reviewer]:
    return session.scalar(select(Reviewer).where(Reviewer.name == name))


def by_email(session: Session, email: str) -> Optional[Reviewer]:
    return session.scalar(select(Reviewer).where(func.lower(Reviewer.email) == email.strip().lower()))


def by_id(session: Session, account_id: int) -> Optional[Reviewer]:
    return session.get(Reviewer, account_id)


def all_accounts(session: Session) -> list[Reviewer]:
    return list(session.scalars(select(Reviewer).order_by(Reviewer.name)))


def add(session: Session, name: str, role: str, password_hash: Optional[str],
        email: Optional[str] = None) -> Optional[Reviewer]:
    """The new account, or None when the name (or e-mail) is taken, by a row already there or
    by a transaction that committed it meanwhile: ON CONFLICT DO NOTHING on both databases,
    so two creations of one name at once give one account and never an IntegrityError."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    new_id = session.scalar(
        insert(Reviewer).values(name=name, role=role, password_hash=password_hash, email=email, active=True)
        .on_conflict_do_nothing().returning(Reviewer.id)
    )
    return session.get(Reviewer, new_id) if new_id is not None else None


def count_active(session: Session, role: Optional[str] = None) -> int:
    q = select(func.count()).select_from(Reviewer).where(Reviewer.active.is_(True))
    if role is not None:
        q = q.where(Reviewer.role == role)
    return session.scalar(q) or 0


# ---------------------------------------------------------------- drafts


def drafts(session: Session, reviewer_id: int, claim_id: int) -> dict[str, str]:
    rows = session.execute(
        select(Draft.field, Draft.value).where(Draft.reviewer_id == reviewer_id, Draft.claim_id == claim_id)
    )
    return {f: v for f, v in rows}


def set_draft(session: Session, reviewer_id: int, claim_id: int, field: str, value: str, now: datetime) -> None:
    d = session.get(Draft, (reviewer_id, claim_id, field))
    if d is None:
        session.add(Draft(reviewer_id=reviewer_id, claim_id=claim_id, field=field, value=value, updated_at=now))
    else:
        d.value, d.updated_at = value, now
    session.flush()


def clear_drafts(session: Session, reviewer_id: int, claim_id: int, fields: Optional[list[str]] = None) -> None:
    q = delete(Draft).where(Draft.reviewer_id == reviewer_id, Draft.claim_id == claim_id)
    if fields is not None:
        q = q.where(Draft.field.in_(fields))
    session.execute(q)


# ---------------------------------------------------------------- reservations


def reservation(session: Session, claim_id: int) -> Optional[Reservation]:
    return session.get(Reservation, claim_id)


def reserve(session: Session, claim_id: int, reviewer_id: int, expires_at: datetime) -> None:
    r = session.get(Reservation, claim_id)
    if r is None:
        session.add(Reservation(claim_id=claim_id, reviewer_id=reviewer_id, expires_at=expires_at))
    else:
        r.reviewer_id, r.expires_at = reviewer_id, expires_at
    session.flush()


def release(session: Session, claim_id: int, reviewer_id: Optional[int] = None) -> None:
    q = delete(Reservation).where(Reservation.claim_id == claim_id)
    if reviewer_id is not None:
        q = q.where(Reservation.reviewer_id == reviewer_id)
    session.execute(q)


def reserved_by_others(reviewer_id: Optional[int], now: datetime):  # type: ignore[no-untyped-def]
    """A subquery of the claim ids another reviewer holds now (for the queue's "next unreviewed")."""
    q = select(Reservation.claim_id).where(Reservation.expires_at > now)
    if reviewer_id is not None:
        q = q.where(Reservation.reviewer_id != reviewer_id)
    return q


def release_all(session: Session, reviewer_id: int) -> None:
    """Let go of every claim the account holds (its sessions ended: no one is at those claims)."""
    session.execute(delete(Reservation).where(Reservation.reviewer_id == reviewer_id))


def holders(session: Session, claim_ids: Sequence[int], now: datetime) -> dict[int, str]:
    """Claim id -> the name of who holds it now, for these claims (a queue page)."""
    q = (select(Reservation.claim_id, Reviewer.name).join(Reviewer, Reviewer.id == Reservation.reviewer_id)
         .where(Reservation.claim_id.in_(list(claim_ids)), Reservation.expires_at > now))
    return {cid: name for cid, name in session.execute(q)}


def claim_exists(session: Session, claim_id: int) -> bool:
    return session.get(Claim, claim_id) is not None
