"""The full-text candidate index: kept in sync with statements, user text never parsed as syntax.
Runs on SQLite, and on PostgreSQL when CLAIMS_TEST_DATABASE_URL is set."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from claims.text.normalize import index_text
from db import fts, queries
from db.engine import Database
from db.models import Source, Statement

TEXTS = [
    "The harbour hosts a naval base for visiting ships.",
    "Unemployment rose to 7 percent in May.",
    "The council approved the budget for the new harbour.",
]


def _add(db: Database, texts: list[str], title: str = "s") -> list[int]:
    with db.write() as s:
        src = Source(title=title, text=" ".join(texts), content_hash=title)
        s.add(src)
        s.flush()
        rows = [Statement(source_id=src.id, seq=i, text=t, start=0, end=len(t), norm_text=index_text(t))
                for i, t in enumerate(texts)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def _ids(db: Database, *terms: str) -> list[int]:
    with db.read() as s:
        return [i for i, _ in fts.candidates(s, list(terms), limit=50)]


def test_insert_update_delete_stay_in_sync(db: Database) -> None:
    ids = _add(db, TEXTS)
    assert set(_ids(db, "harbour")) == {ids[0], ids[2]}
    with db.write() as s:
        s.execute(update(Statement).where(Statement.id == ids[0])
                  .values(norm_text=index_text("A fishing port.")))
    assert _ids(db, "harbour") == [ids[2]]
    assert _ids(db, "fish") == [ids[0]]
    with db.write() as s:
        s.execute(delete(Statement).where(Statement.id == ids[2]))
    assert _ids(db, "harbour") == []
    with db.read() as s:
        assert fts.doc_freqs(s, ["harbour", "fish", "absent"]) == {"harbour": 0, "fish": 1, "absent": 0}


def test_best_match_first_and_scores_descend(db: Database) -> None:
    ids = _add(db, TEXTS)
    with db.read() as s:
        hits = fts.candidates(s, ["harbour", "budget", "council"], limit=10)
    assert hits[0][0] == ids[2]
    assert [h[1] for h in hits] == sorted((h[1] for h in hits), reverse=True)


SYNTAX = ['"', 'NEAR(', "*", "-", ":", "OR", "AND", "NOT", "a:b", "^x", "(", ")", "'", "\\", "{x}", "😀", "مرحبا"]


@pytest.mark.parametrize("term", SYNTAX)
def test_syntax_characters_are_searched_as_words(db: Database, term: str) -> None:
    ids = _add(db, TEXTS)
    with db.read() as s:
        # Searched as a word that no statement has: it adds nothing, breaks nothing.
        assert {i for i, _ in fts.candidates(s, [term, "harbour"], limit=5)} == {ids[0], ids[2]}
        assert fts.candidates(s, [term], limit=5) == []
        assert fts.doc_freqs(s, [term]) == {term: 0}


def test_nul_bytes_are_dropped_from_terms(db: Database) -> None:
    ids = _add(db, TEXTS)
    with db.read() as s:
        assert {i for i, _ in fts.candidates(s, ["harb\x00our"], limit=5)} == {ids[0], ids[2]}
        assert fts.doc_freqs(s, ["\x00"]) == {}


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(terms=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4))
def test_any_user_text_is_a_query_never_an_error(db: Database, terms: list[str]) -> None:
    # Hypothesis runs this body many times on one database: seed it once (queries only read).
    with db.read() as s:
        seeded = fts.doc_count(s) > 0
    if not seeded:
        _add(db, TEXTS)
    with db.read() as s:
        harbour = {i for i, _ in fts.candidates(s, ["harbour"], limit=10)}
        found = {i for i, _ in fts.candidates(s, [*terms, "harbour"], limit=10)}
        assert len(harbour) == 2 and harbour <= found <= set(range(1, len(TEXTS) + 1))
        assert set(fts.doc_freqs(s, terms)) <= {t.strip().replace("\x00", "") for t in terms}


@given(st.text())
def test_quote_term_is_one_fts5_string(term: str) -> None:
    quoted = fts.quote_term(term)
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    # Every quote inside is doubled, so none ends the string early.
    assert inner.replace('""', "").count('"') == 0
    assert inner.replace('""', '"') == term


def test_empty_terms_and_zero_limit(db: Database) -> None:
    _add(db, TEXTS)
    with db.read() as s:
        assert fts.candidates(s, [], limit=5) == []
        assert fts.candidates(s, ["  "], limit=5) == []
        assert fts.candidates(s, ["harbour"], limit=0) == []
        assert fts.doc_count(s) >= 3


def test_bulk_load_then_rebuild(db: Database) -> None:
    with db.write() as s:
        src = Source(title="bulk", text="", content_hash="bulk")
        s.add(src)
        s.flush()
        fts.drop_triggers(s.connection())
        queries.sources.bulk_add_statements(
            s, src.id, [{"text": t, "norm_text": index_text(t)} for t in TEXTS])
        fts.rebuild(s)
    assert len(_ids(db, "harbour")) == 2
    # triggers are back: a later insert is indexed at once
    new = _add(db, ["A harbour festival opens."], title="later")
    assert new[0] in _ids(db, "festival")
