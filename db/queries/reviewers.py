"""Reviewers: the people who change claims.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import (
    Reviewer,
)


def reviewer(session: Session, name: str) -> Reviewer:
    """The reviewer of that name, created on first use.

    Insert-or-get in one statement (ON CONFLICT DO NOTHING, on both databases): two
    saves creating the same new name at once both succeed, and there is one row."""
    r = session.scalar(select(Reviewer).where(Reviewer.name == name))
    if r is None:
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(insert(Reviewer).values(name=name).on_conflict_do_nothing(index_elements=["name"]))
        r = session.scalar(select(Reviewer).where(Reviewer.name == name))
        assert r is not None  # inserted now, or by the transaction we waited for
    return r


def reviewer_names(session: Session) -> list[str]:
    return list(session.scalars(select(Reviewer.name).order_by(Reviewer.name)))
