"""Issue 13, the database side: statements store claim text and context (migration 0006),
ingest fills them, matching reads the claim text, and an older desk's multi-sentence quotes
are split into sentence-level claims by `claims init`, keeping verdicts, evidence and history.
Runs on SQLite, and on PostgreSQL when CLAIMS_TEST_DATABASE_URL is set."""
from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from claims import ingest, resplit
from claims.cli import main
from claims.ingest import ingest_article
from claims.text import normalize
from claims.text.records import Article, FactCheck
from db import queries
from db.engine import MIGRATIONS, Database, make_engine, open_database
from db.models import Claim, Statement

# Our own example: a three-sentence quote whose attribution frame names a date and a medium.
QUOTE_ARTICLE = (
    "Port Kestrel reopened on Monday after a week of repairs.\n\n"
    "\u201cThe harbour is open again. No ship was turned away during the repairs. "
    "The cranes were never out of service,\u201d harbour master Ilse Varn said in a May 7 radio interview.\n")


def _statements(db: Database, source_id: int) -> list[Statement]:
    with db.read() as s:
        return list(s.scalars(select(Statement).where(Statement.source_id == source_id).order_by(Statement.seq)))


def test_ingest_stores_claim_text_offsets_and_context(db: Database) -> None:
    result = ingest_article(db, Article(title="Port", text=QUOTE_ARTICLE, published=date(2026, 5, 8)))
    rows = _statements(db, result.source_id)
    quote = [r for r in rows if r.kind == "direct_quote"]
    assert [r.claim_text for r in quote] == [
        "The harbour is open again.", "No ship was turned away during the repairs.",
        "The cranes were never out of service"]
    for r in rows:
        assert QUOTE_ARTICLE[r.claim_start:r.claim_end] == r.claim_text
        assert QUOTE_ARTICLE[r.start:r.end] == r.text
    # the whole quote is each sentence's context; the frame is in the text, not in the claim
    assert {(r.context_start, r.context_end) for r in quote} == {(quote[0].start, quote[-1].end)}
    assert "radio interview" in quote[-1].text and "radio" not in quote[-1].norm_text
    assert quote[-1].cue == "said" and quote[-1].stated_on is not None and quote[-1].stated_on.day == 7


def test_imported_factcheck_claim_text_is_the_claim_reviewed(db: Database) -> None:
    reviewed = "The harbour of Port Kestrel was closed for a month."
    result = ingest_article(db, Article(text=reviewed, title="Fact-check", outlet="Checkers", kind="factcheck",
                                        factcheck=FactCheck(rating="False")))
    (row,) = _statements(db, result.source_id)
    assert (row.claim_text, row.claim_start, row.claim_end) == (reviewed, 0, len(reviewed))
    assert (row.context_start, row.context_end) == (0, len(reviewed))


def test_bulk_loaded_factchecks_are_their_own_claim_text(db: Database) -> None:
    ids = ingest.bulk_load_factchecks(db, "corpus", [("Ships were turned away.", "ship be turn away", None)])
    with db.read() as s:
        row = s.get(Statement, ids[0])
        assert row is not None and row.claim_text == "Ships were turned away." and row.context_end == len(row.text)


def test_claim_page_and_queue_read_claim_text_and_context(db: Database) -> None:
    from claims import queue

    result = ingest_article(db, Article(title="Port", text=QUOTE_ARTICLE))
    with db.read() as s:
        cid = s.scalar(select(Claim.id).join(Statement).where(
            Statement.source_id == result.source_id, Statement.text.contains("turned away")))
    assert cid is not None
    d = queue.claim_detail(db, cid)
    assert d is not None
    assert d["claim_text"] == "No ship was turned away during the repairs."
    assert d["context"].startswith("\u201cThe harbour is open again.") and d["context"].endswith("interview.")
    # matching searches with the claim text, not the sentence
    with db.read() as s:
        assert queries.search.claim_place(s, cid, window=1, limit=1).text == d["claim_text"]


# --- an older desk ----------------------------------------------------------------------------

OLD_QUOTE = ("\u201cThe harbour is open again. No ship was turned away during the repairs. "
             "The cranes were never out of service,\u201d harbour master Ilse Varn said in a May 7 radio interview.")
OLD_TEXT = "Port Kestrel reopened on Monday after a week of repairs.\n\n" + OLD_QUOTE + "\n"


def _alembic_at(url: str, revision: str) -> None:
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def _old_desk(url: str, *, shift: int = 0) -> dict[str, int]:
    """A desk at revision 0005 (before sentence-level claims) holding the quote as one statement,
    a claim on it with a verdict, evidence and history, and a second source it cites.
    `shift`: the old statement began that many characters later (past the quote mark)."""
    _alembic_at(url, "0005")
    engine = make_engine(url)
    ids: dict[str, int] = {}
    with engine.begin() as c:
        def one(sql: str, **params: object) -> int:
            return int(c.execute(text(sql + " RETURNING id"), params).scalar_one())

        ids["ana"] = one("INSERT INTO reviewers (name, role) VALUES ('ana', 'editor')")
        ids["source"] = one("INSERT INTO sources (kind, title, text, content_hash) VALUES ('article', 'Port', :t, 'h1')",
                            t=OLD_TEXT)
        ids["other_source"] = one("INSERT INTO sources (kind, title, text, content_hash) "
                                  "VALUES ('article', 'Other', 'Ships waited outside the harbour for days.', 'h2')")
        speaker = one("INSERT INTO speakers (source_id, name, title, kind) VALUES (:s, 'Ilse Varn', 'harbour master', "
                      "'person')", s=ids["source"])
        start = OLD_TEXT.index(OLD_QUOTE)
        one("INSERT INTO statements (source_id, seq, text, start, \"end\", paragraph, kind, norm_text) "
            "VALUES (:s, 0, 'Port Kestrel reopened on Monday after a week of repairs.', 0, 56, 0, 'narration', 'port')",
            s=ids["source"])
        ids["quote"] = one(
            "INSERT INTO statements (source_id, seq, text, start, \"end\", paragraph, kind, speaker_id, cue, "
            "checkworthy, norm_text) VALUES (:s, 1, :t, :a, :b, 1, 'direct_quote', :sp, 'said', 0.9, 'harbour')",
            s=ids["source"], t=OLD_QUOTE[shift:], a=start + shift, b=start + len(OLD_QUOTE), sp=speaker)
        ids["cited"] = one("INSERT INTO statements (source_id, seq, text, start, \"end\", paragraph, kind, norm_text) "
                           "VALUES (:s, 0, 'Ships waited outside the harbour for days.', 0, 42, 0, 'narration', 'ship')",
                           s=ids["other_source"])
        rating = int(c.execute(text("SELECT id FROM ratings WHERE label = 'False'")).scalar_one())
        ids["claim"] = one("INSERT INTO claims (statement_id, status, rating_id, rationale, reviewer_id, version, "
                           "matched_at) VALUES (:st, 'reviewed', :r, 'Port logs show ships waiting.', :a, 3, "
                           "CURRENT_TIMESTAMP)", st=ids["quote"], r=rating, a=ids["ana"])
        # the cited statement is itself a claim whose evidence points at the quote's statement
        ids["cited_claim"] = one("INSERT INTO claims (statement_id, matched_at) VALUES (:st, CURRENT_TIMESTAMP)",
                                 st=ids["cited"])
        ids["evidence"] = one("INSERT INTO evidence (claim_id, statement_id, stance, reviewer_id) "
                              "VALUES (:c, :st, 'contradicts', :a)", c=ids["claim"], st=ids["cited"], a=ids["ana"])
        ids["evidence_back"] = one("INSERT INTO evidence (claim_id, statement_id, stance, reviewer_id) "
                                   "VALUES (:c, :st, 'related', :a)", c=ids["cited_claim"], st=ids["quote"], a=ids["ana"])
        for action, note in (("verdict", None), ("evidence", "port logs")):
            one("INSERT INTO verdict_history (claim_id, action, new_verdict, new_status, reviewer_id, note) "
                "VALUES (:c, :act, 'False', 'reviewed', :a, :n)", c=ids["claim"], act=action, a=ids["ana"], n=note)
    engine.dispose()
    return ids


def test_migration_0006_backfills_old_statements(empty_url: str) -> None:
    ids = _old_desk(empty_url)
    _alembic_at(empty_url, "0006")
    engine = make_engine(empty_url)
    with engine.connect() as c:
        row = c.execute(text("SELECT claim_text, claim_start, claim_end, context_start, context_end, start, \"end\" "
                             "FROM statements WHERE id = :i"), {"i": ids["quote"]}).one()
        upto = c.execute(text("SELECT value FROM settings WHERE key = 'resplit_sources_upto'")).scalar()
    engine.dispose()
    assert row[0] == OLD_QUOTE and row[1:3] == row[5:7] and row[3:5] == row[5:7]
    assert upto == str(ids["other_source"])  # the sources to re-extract after the migration


@pytest.mark.parametrize("shift", [0, 1])
def test_init_splits_an_old_desk_keeping_verdict_evidence_and_history(empty_url: str, shift: int) -> None:
    ids = _old_desk(empty_url, shift=shift)
    assert main(["--db", empty_url, "init"]) == 0
    db = open_database(empty_url)
    try:
        rows = _statements(db, ids["source"])
        quote = [r for r in rows if r.kind == "direct_quote"]
        assert [r.text for r in quote][0] == "\u201cThe harbour is open again."
        assert len(quote) == 3
        first = quote[0]
        assert first.id == ids["quote"]  # the old row is the first sentence: its id is kept
        assert [r.claim_text for r in quote] == [
            "The harbour is open again.", "No ship was turned away during the repairs.",
            "The cranes were never out of service"]
        # every sentence carries the quote's speaker and cue; the context is the whole quote
        assert {r.speaker_id for r in quote} == {first.speaker_id} and {r.cue for r in quote} == {"said"}
        assert all(OLD_TEXT[r.context_start:r.context_end] == OLD_QUOTE for r in quote)
        assert [r.seq for r in rows] == list(range(len(rows)))
        # a statement that was one sentence already is indexed on its claim text now
        assert rows[0].norm_text == normalize.index_text(rows[0].claim_text) != "port"
        with db.read() as s:
            claim = s.get(Claim, ids["claim"])
            assert claim is not None and claim.statement_id == first.id
            assert claim.rating is not None and claim.rating.label == "False" and claim.status == "reviewed"
            assert claim.rationale == "Port logs show ships waiting."
            evidence = {(e.id, e.claim_id, e.statement_id) for e in claim.evidence}
            assert evidence == {(ids["evidence"], ids["claim"], ids["cited"])}
            back = queries.evidence.claim_evidence(s, ids["cited_claim"])
            assert [(r.statement_id, r.stance) for r in back] == [(ids["quote"], "related")]
            history = queries.history.claim_history(s, ids["claim"])
            assert [h.action for h in history] == ["verdict", "evidence", "split"]
            split = history[-1]
            assert split.reviewer is None  # by the system, not a reviewer
            assert split.note.startswith("split from a multi-sentence quote; verdict kept on the first sentence")
            assert OLD_QUOTE[shift:] in split.note
            assert split.old_verdict == split.new_verdict == "False"
            # the other sentences are claims of their own, unreviewed, saying where they came from
            others = [s.scalar(select(Claim).where(Claim.statement_id == r.id)) for r in quote[1:]]
            assert all(c is not None and c.rating_id is None and c.status == "unreviewed" for c in others)
            for c in others:
                assert c is not None
                notes = [h.note for h in queries.history.claim_history(s, c.id)]
                assert notes == [f"split from claim {ids['claim']} (a multi-sentence quote)"]
            # every claim was matched again, on its claim text
            assert not queries.matches.unmatched_claim_ids(s)
            assert queries.settings.get_setting(s, "resplit_sources_upto") is None
    finally:
        db.dispose()
    # a second init finds nothing left to do
    assert main(["--db", empty_url, "init"]) == 0
    db = open_database(empty_url)
    try:
        assert len(_statements(db, ids["source"])) == len(rows)
        assert not resplit.resplit_pending(db)
    finally:
        db.dispose()


def test_csv_report_carries_claim_text_and_context(db: Database) -> None:
    import csv
    import io

    from claims import report

    ingest_article(db, Article(title="Port", text=QUOTE_ARTICLE))
    rows = list(csv.DictReader(io.StringIO(report.csv_report(db))))
    cranes = next(r for r in rows if "cranes" in r["claim"])
    assert cranes["claim_text"] == "The cranes were never out of service"
    assert cranes["context"].startswith("\u201cThe harbour is open again.") and "radio interview" in cranes["context"]
    assert "radio interview" in cranes["claim"]  # the sentence, as before


def test_claimreview_reviews_the_claim_text(db: Database) -> None:
    import json

    from claims import report, review

    result = ingest_article(db, Article(title="Port", text=QUOTE_ARTICLE, url="https://example.org/port"))
    with db.read() as s:
        cid = s.scalar(select(Claim.id).join(Statement).where(
            Statement.source_id == result.source_id, Statement.text.contains("cranes")))
    assert cid is not None
    review.set_verdict(db, cid, verdict="False", rationale="Crane 2 was down for two days.", reviewer="ana")
    from claims import settings
    settings.set_publishing(db, reviewer="ana", newsroom="Port Desk",
                            fact_check_url="https://news.example/fact-checks/{claim_id}")
    (cr,) = json.loads(report.claimreview_report(db))
    assert cr["claimReviewed"] == "The cranes were never out of service"
    assert cr["itemReviewed"]["author"]["name"] == "Ilse Varn"


def test_cli_list_shows_claim_text_and_resplit_has_nothing_to_do(schema_url: str, capsys) -> None:  # noqa: ANN001
    db = open_database(schema_url)
    try:
        ingest_article(db, Article(title="Port", text=QUOTE_ARTICLE))
    finally:
        db.dispose()
    assert main(["--db", schema_url, "list", "--speaker", "Varn"]) == 0
    out = capsys.readouterr().out
    assert "No ship was turned away during the repairs." in out and "radio interview" not in out
    # a new desk holds no statements from before sentence-level claims
    assert main(["--db", schema_url, "resplit"]) == 0
    assert "nothing to re-extract" in capsys.readouterr().out


def test_an_old_seed_desk_gets_the_base_denial_as_its_own_claim(empty_url: str, seed_article) -> None:  # noqa: ANN001
    """The seed article on a desk from before sentence-level claims: its three-sentence quote
    ending "..., he said, in a May 7 social media post" was one reviewed claim. After `claims init`
    the base denial is a claim of its own by the quote's speaker, matched on its claim text."""
    from claims import search as matching
    from claims.text.extract import extract_statements

    seed = seed_article.read_text(encoding="utf-8")
    # the old extraction: the whole quote as one statement (its span from today's context)
    denial = next(st for st in extract_statements(Article(text=seed))
                  if st.claim_text == "This is not a Chinese military base in Cambodia")
    a, b = denial.context_start, denial.context_end
    assert seed[a:b].count(". ") >= 2  # a multi-sentence quote
    _alembic_at(empty_url, "0005")
    engine = make_engine(empty_url)
    with engine.begin() as c:
        src = c.execute(text("INSERT INTO sources (kind, title, text, content_hash) VALUES ('article', 'Seed', :t, 'h') "
                             "RETURNING id"), {"t": seed}).scalar_one()
        sp = c.execute(text("INSERT INTO speakers (source_id, name, kind) VALUES (:s, :n, 'person') RETURNING id"),
                       {"s": src, "n": denial.speaker}).scalar_one()
        sid = c.execute(text("INSERT INTO statements (source_id, seq, text, start, \"end\", kind, speaker_id, cue, "
                             "norm_text) VALUES (:s, 0, :t, :a, :b, 'direct_quote', :sp, 'said', :n) RETURNING id"),
                        {"s": src, "t": seed[a:b], "a": a, "b": b, "sp": sp,
                         "n": normalize.index_text(seed[a:b])}).scalar_one()
        rating = c.execute(text("SELECT id FROM ratings WHERE label = 'Mostly true'")).scalar_one()
        cid = c.execute(text("INSERT INTO claims (statement_id, status, rating_id, rationale, matched_at) "
                             "VALUES (:s, 'reviewed', :r, 'Ship visit confirmed.', CURRENT_TIMESTAMP) RETURNING id"),
                        {"s": sid, "r": rating}).scalar_one()
    engine.dispose()
    assert main(["--db", empty_url, "init"]) == 0
    db = open_database(empty_url)
    try:
        with db.read() as s:
            rows = list(s.scalars(select(Statement).where(Statement.source_id == src).order_by(Statement.seq)))
            kept = s.get(Claim, cid)
            assert kept is not None and kept.statement_id == sid and kept.rating is not None
            assert kept.rating.label == "Mostly true"
            first = next(r for r in rows if r.id == sid)  # the quote's row, now its first sentence
            assert first.claim_text.startswith("The entry of the Chinese ships")
            assert [r.seq for r in rows] == list(range(len(rows)))
            mine = next(r for r in rows if r.claim_text == "This is not a Chinese military base in Cambodia")
            assert mine.id != sid and mine.speaker_id == sp and mine.cue == "said"
            assert mine.stated_on is None or mine.stated_on.day == 7
            assert seed[mine.context_start:mine.context_end] == seed[a:b]
            assert mine.norm_text == normalize.index_text(mine.claim_text)
            new_claim = s.scalar(select(Claim).where(Claim.statement_id == mine.id))
            assert new_claim is not None and new_claim.rating_id is None
        assert [h.text for h in matching.matches_for_claim(db, new_claim.id)
                if "social media" in h.claim_text] == []
    finally:
        db.dispose()
