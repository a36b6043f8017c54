"""The match cache behind the queue's "has contradictions": filled at ingest,
both sides of a contradiction, idempotent."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from claims import match_cache, queue
from claims.ingest import ingest_paths
from claims.queue import ClaimFilter
from db.engine import Database
from db.models import ClaimMatch, Statement


def cached(db: Database) -> list[tuple[int, int, str]]:
    with db.read() as s:
        return sorted(s.execute(select(ClaimMatch.claim_id, ClaimMatch.statement_id, ClaimMatch.stance)).all())


def test_ingest_fills_the_cache_and_the_filter_uses_it(loaded_db: Database) -> None:
    rows = cached(loaded_db)
    assert rows
    contradicted = queue.list_claims(loaded_db, ClaimFilter(has_contradictions=True), per_page=1000)
    assert contradicted.total > 0
    flagged = {c for c, _, st in rows if st == "contradicts"}
    assert {r["claim_id"] for r in contradicted.rows} == flagged
    assert all(r["n_found_contradicts"] > 0 for r in contradicted.rows)
    clean = queue.list_claims(loaded_db, ClaimFilter(has_contradictions=False), per_page=1000)
    assert clean.total + contradicted.total == queue.list_claims(loaded_db).total


def test_refresh_is_idempotent(loaded_db: Database) -> None:
    # (The first full refresh may differ from the ingest-time cache: claims of the
    # first file were matched before the later files existed.)
    match_cache.refresh(loaded_db, match_cache.all_claims(loaded_db))
    once = cached(loaded_db)
    match_cache.refresh(loaded_db, match_cache.all_claims(loaded_db))
    assert cached(loaded_db) == once


def test_a_later_article_flags_the_older_claim(loaded_db: Database, tmp_path: Path) -> None:
    with loaded_db.read() as s:
        old = s.scalar(select(Statement.id).where(Statement.text.like("%fallen to 5.2 percent%"), Statement.claim.has()))
    assert old is not None
    new = tmp_path / "later.md"
    new.write_text(
        "---\ntitle: Jobless rate\noutlet: Test Wire\npublished: 2026-05-20\n---\n"
        "Unemployment has risen to 5.9 percent, not fallen to 5.2 percent, the National Statistics Office said on Monday.\n"
    )
    assert ingest_paths(loaded_db, [new]).count("added") == 1
    with loaded_db.read() as s:
        new_id = s.scalar(select(Statement.id).where(Statement.text.like("%risen to 5.9 percent%")))
        old_claim = s.get(Statement, old).claim.id
        back = s.get(ClaimMatch, (old_claim, new_id))
    assert back is not None and back.stance == "contradicts"
