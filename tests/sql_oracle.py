"""Expected values for the queue and report tests, read with plain SQL.

An oracle independent of the code under test: the queue's and report's answers come from
db/queries (SQLAlchemy expressions built from filters); these come from hand-written SQL
over the same tables, so a bug in the filter code cannot make both sides agree."""
from __future__ import annotations

from typing import Any

from sqlalchemy import text

from db.engine import Database


def rows(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(text(sql), params)]


def status_counts(db: Database) -> dict[str, int]:
    return {status: n for status, n in rows(db, "SELECT status, count(*) FROM claims GROUP BY status")}


def claim_ids(db: Database, where: str = "1=1", **params: Any) -> set[int]:
    sql = f"""SELECT c.id FROM claims c
              JOIN statements st ON st.id = c.statement_id
              JOIN sources so ON so.id = st.source_id
              LEFT JOIN ratings r ON r.id = c.rating_id
              WHERE {where}"""
    return {r[0] for r in rows(db, sql, **params)}


CONTRADICTED = """(EXISTS (SELECT 1 FROM claim_matches m WHERE m.claim_id = c.id AND m.stance = 'contradicts')
                   OR EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id AND e.stance = 'contradicts'))"""


def first_page_ids(db: Database, n: int) -> list[int]:
    """The queue's default order: most check-worthy first, then by id."""
    sql = """SELECT c.id FROM claims c JOIN statements st ON st.id = c.statement_id
             ORDER BY st.checkworthy DESC, c.id ASC LIMIT :n"""
    return [r[0] for r in rows(db, sql, n=n)]
