"""Bounded ingest: extraction outside the write transaction, one short transaction
per article, limits with clear messages, and a busy desk retried then named."""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, select

from claims import ingest, review
from claims.ingest import ingest_paths
from claims.text import readers
from claims.text.readers import InputError, read_articles
from claims.text.segment import MAX_SENTENCE_CHARS
from db.engine import Database, DeskBusy, open_database
from db.models import Claim, Source, Statement
from tests.conftest import add_test_accounts

SENTENCES = ("The port handled {n} ships in May, the harbour master said. "
             "The council said {n} homes were finished. Mayor Lina Sorvik said taxes fell by {n} percent. ")


def jsonl(tmp_path: Path, texts: list[str]) -> Path:
    p = tmp_path / "feed.jsonl"
    p.write_text("".join(json.dumps({"title": f"Story {i}", "text": t}) + "\n" for i, t in enumerate(texts, 1)))
    return p


def sources(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(select(Source.title)))


@pytest.fixture
def watched(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts write transactions, and fails extraction that runs inside one."""
    seen = {"open": 0, "writes": 0, "extractions": 0}
    plain_write = Database.write

    @contextmanager
    def write(self: Database) -> Iterator:
        seen["open"] += 1
        seen["writes"] += 1
        try:
            with plain_write(self) as s:
                yield s
        finally:
            seen["open"] -= 1

    real_extract = ingest.extract_statements

    def extract(*a, **kw):  # type: ignore[no-untyped-def]
        assert seen["open"] == 0, "extraction ran inside a write transaction"
        seen["extractions"] += 1
        return real_extract(*a, **kw)

    monkeypatch.setattr(Database, "write", write)
    monkeypatch.setattr(ingest, "extract_statements", extract)
    return seen


def test_each_article_is_extracted_outside_and_stored_in_its_own_transaction(
        db: Database, tmp_path: Path, watched: dict[str, int]) -> None:
    summary = ingest_paths(db, [jsonl(tmp_path, [SENTENCES.format(n=n) for n in (3, 4, 5)])])
    assert summary.count("added") == 3 and summary.count("errors") == 0
    assert watched["extractions"] == 3
    assert watched["writes"] >= 3  # at least one per article (matching adds its own)
    assert sources(db) == ["Story 1", "Story 2", "Story 3"]


def test_an_article_over_the_statement_limit_is_refused_and_the_others_stored(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_STATEMENTS", 5)
    long_one = " ".join(SENTENCES.format(n=n) for n in range(10, 13))  # nine sentences
    summary = ingest_paths(db, [jsonl(tmp_path, [SENTENCES.format(n=1), long_one, SENTENCES.format(n=2)])])
    (f,) = summary.files
    assert f.status == "partial" and summary.count("errors") == 1
    assert f.message == ("2 of 3 articles stored; article 2: not stored: 9 statements, more than the 5 one "
                         "article may hold: is it really one article? split it into several files")
    assert sources(db) == ["Story 1", "Story 3"]


def test_claims_beyond_the_limit_stay_statements(db: Database, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CLAIMS", 1)
    p = tmp_path / "a.txt"
    p.write_text(SENTENCES.format(n=7))
    (f,) = ingest_paths(db, [p]).files
    with db.read() as s:
        n_claims = s.scalar(select(func.count()).select_from(Claim))
        n_statements = s.scalar(select(func.count()).select_from(Statement))
    assert n_claims == 1 and n_statements == 3
    assert f.message.startswith("1 added; only the 1 most check-worthy of ") and f.message.endswith(" claims queued")


def test_an_article_too_long_is_refused_by_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 100)
    p = jsonl(tmp_path, ["short one.", "x" * 101])
    with pytest.raises(InputError, match="line 2: article text of 101 characters; one article is at most 100"):
        read_articles(p)


def a_claim(db: Database) -> int:
    from claims.text.records import Article

    res = ingest.ingest_article(db, Article(text="The port handled 12 ships in May.", title="Port"))
    with db.read() as s:
        sid = s.scalar(select(Statement.id).where(Statement.source_id == res.source_id))
    return review.promote_statement(db, sid, reviewer="ana")


def test_a_save_waits_out_a_short_lock_by_retrying(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_BUSY_TIMEOUT", "0.2")
    db = open_database(sqlite_url)
    add_test_accounts(db)
    cid = a_claim(db)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer, for 0.5 s: longer than one attempt's wait
    threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
    st = review.set_verdict(db, cid, verdict="False", rationale="Port log says 4", reviewer="ana")
    assert (st.verdict, st.version) == ("False", 2)
    holder.close()
    db.dispose()


def test_a_save_against_a_stuck_writer_says_the_desk_is_busy(sqlite_url: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_BUSY_TIMEOUT", "0.2")
    db = open_database(sqlite_url)
    add_test_accounts(db)
    cid = a_claim(db)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DeskBusy, match="^the desk is busy: another writer held the database through 3 tries; "
                                           "try again in a moment$"):
            review.set_verdict(db, cid, verdict="False", rationale="Port log says 4", reviewer="ana")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert review.claim_state(db, cid).verdict is None
    db.dispose()


def test_ingest_against_a_stuck_writer_reports_each_article_busy(sqlite_url: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_BUSY_TIMEOUT", "0.2")
    db = open_database(sqlite_url)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        (f,) = ingest_paths(db, [jsonl(tmp_path, [SENTENCES.format(n=1), SENTENCES.format(n=2)])]).files
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert f.status == "error"
    assert f.message.startswith("0 of 2 articles stored; article 1: not stored: the desk is busy")
    assert "[SQL" not in f.message
    db.dispose()


def test_a_one_line_article_without_sentence_marks_is_stored_as_bounded_statements(db: Database, tmp_path: Path) -> None:
    p = tmp_path / "one-line.txt"
    body = ", ".join(f"the council said district {i} got {i} new schools" for i in range(400))  # ~18,000 chars
    p.write_text(body + "\n")
    (f,) = ingest_paths(db, [p]).files
    assert f.status == "added", f.message
    with db.read() as s:
        (text,) = s.execute(select(Source.text)).one()
        rows = s.execute(select(Statement.text, Statement.start, Statement.end).order_by(Statement.seq)).all()
    assert len(rows) >= len(body) // MAX_SENTENCE_CHARS
    assert all(len(t) <= MAX_SENTENCE_CHARS and text[a:b] == t for t, a, b in rows)
    assert " ".join(t for t, _, _ in rows) == text.strip()
