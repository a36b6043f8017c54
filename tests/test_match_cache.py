"""The match cache behind the queue's "has contradictions": filled at ingest,
both sides of a contradiction, idempotent."""
from __future__ import annotations

import json
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


def test_a_verdict_relabels_the_cached_matches_that_list_the_claim(db: Database, tmp_path: Path) -> None:
    """A claim repeated in another article supports its repeat until one of them is rated
    false; then the queue's cache counts it as a contradiction, with the verdict as reason,
    and a true-side verdict makes it support again (the claim page searches live and agrees)."""
    from claims import review, search

    for name, outlet, more in (("a.md", "Wire One", "Dock workers went on strike."),
                               ("b.md", "Wire Two", "The navy declined to comment.")):
        (tmp_path / name).write_text(
            f"---\ntitle: Port report\noutlet: {outlet}\npublished: 2026-05-20\n---\n"
            f"The port of Arnby handled 412 foreign warships in 2025, the harbour master said on Monday. {more}\n")
    assert ingest_paths(db, sorted(tmp_path.glob("*.md"))).count("added") == 2
    match_cache.refresh(db, match_cache.all_claims(db))
    with db.read() as s:
        warships = set(s.scalars(select(Statement.id).where(Statement.text.like("%412 foreign warships%"))))
        pairs = sorted(s.execute(select(ClaimMatch.claim_id, ClaimMatch.statement_id)
                                 .where(ClaimMatch.statement_id.in_(warships))).all())
        claim_of = {st.id: st.claim.id for st in s.scalars(select(Statement).where(Statement.id.in_(warships)))}
    first = next(p for p in pairs if claim_of[p[1]] != p[0])
    second = (claim_of[first[1]], first[1])
    assert {(c, i): st for c, i, st in cached(db)}[first] == "supports"
    review.set_verdict(db, second[0], verdict="False", rationale="Port records list 38.", reviewer="ana")
    with db.read() as s:
        row = s.get(ClaimMatch, first)
    assert row.stance == "contradicts"
    assert 'the same claim, checked and rated "False": the check found it false' in json.loads(row.reasons)
    live = search.matches_for_claim(db, first[0])
    assert [h.stance for h in live if h.statement_id == first[1]] == ["contradicts"]
    assert queue.list_claims(db, ClaimFilter(has_contradictions=True)).total >= 1
    review.set_verdict(db, second[0], verdict="True", rationale="Records agree after all.", reviewer="ana")
    with db.read() as s:
        assert s.get(ClaimMatch, first).stance == "supports"


def test_a_later_denial_flags_the_older_claim_with_its_cue(db: Database, tmp_path: Path) -> None:
    """Issue 12: the reverse entry the cache writes for an older claim reads the denying cue of
    the new statement, also when its claim text was stored without the verb (earlier extraction
    kept only "guards had used ..."; it now keeps "denied that guards had used ...")."""
    old = tmp_path / "a.md"
    old.write_text("---\ntitle: Velm clashes\noutlet: Wire One\npublished: 2026-06-03\n---\n"
                   "Hospital doctors said guards had used live rounds at the Velm crossing on Tuesday.\n")
    new = tmp_path / "b.md"
    new.write_text("---\ntitle: Ministry answers\noutlet: Velm Daily\npublished: 2026-06-04\n---\n"
                   "Interior Minister Ana Roos denied that guards had used live rounds at the Velm crossing.\n")
    assert ingest_paths(db, [old]).count("added") == 1
    assert ingest_paths(db, [new]).count("added") == 1
    with db.write() as s:
        minister = s.scalar(select(Statement).where(Statement.text.like("Interior Minister%")))
        assert minister.claim_text.startswith("denied that guards")
        cut = len("denied that ")  # as an earlier extraction stored it
        minister.claim_text, minister.claim_start = minister.claim_text[cut:], minister.claim_start + cut
    match_cache.refresh(db, match_cache.all_claims(db))
    with db.read() as s:
        doctors = s.scalar(select(Statement).where(Statement.text.like("Hospital doctors%")))
        minister = s.scalar(select(Statement).where(Statement.text.like("Interior Minister%")))
        assert minister.cue == "denied" and "denied" not in minister.claim_text
        both = [s.get(ClaimMatch, (doctors.claim.id, minister.id)), s.get(ClaimMatch, (minister.claim.id, doctors.id))]
    assert all(m is not None and m.stance == "contradicts" for m in both)
    assert any('"denied"' in r for r in json.loads(both[0].reasons))
