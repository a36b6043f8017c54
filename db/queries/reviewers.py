"""Reviewers: the people who change claims.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Reviewer,
)


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
