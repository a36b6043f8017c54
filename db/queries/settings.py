"""Desk settings and the rating scale.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import (
    Claim,
    Rating,
    Setting,
)


def get_setting(session: Session, key: str) -> Optional[str]:
    s = session.get(Setting, key)
    return s.value if s else None


def set_setting(session: Session, key: str, value: str) -> None:
    s = session.get(Setting, key)
    if s is None:
        try:
            # A savepoint: two transactions adding the same key at once (concurrent `claims
            # init` on PostgreSQL) must not fail the later one; it updates the row instead.
            with session.begin_nested():
                session.add(Setting(key=key, value=value))
            return
        except IntegrityError:
            s = session.get(Setting, key, populate_existing=True)
            if s is None:  # (the other transaction rolled back: nothing to update, add it now)
                session.add(Setting(key=key, value=value))
                session.flush()
                return
    s.value = value
    session.flush()


def delete_setting(session: Session, key: str) -> None:
    s = session.get(Setting, key)
    if s is not None:
        session.delete(s)
        session.flush()


def ratings(session: Session) -> list[Rating]:
    return list(session.scalars(select(Rating).order_by(Rating.position, Rating.id)))


def rating_by_label(session: Session, label: str) -> Optional[Rating]:
    return session.scalar(select(Rating).where(func.lower(Rating.label) == label.strip().lower()))


def rating_in_use(session: Session, rating_id: int) -> int:
    return session.scalar(select(func.count()).where(Claim.rating_id == rating_id)) or 0


def claims_with_rating(session: Session, rating_id: int) -> list[int]:
    return list(session.scalars(select(Claim.id).where(Claim.rating_id == rating_id).order_by(Claim.id)))
