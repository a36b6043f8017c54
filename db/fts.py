"""The full-text candidate index over statements.norm_text: the one
database-specific module.

SQLite: an FTS5 external-content table kept in sync by triggers, ranked by
bm25, plus an fts5vocab table that gives each term's document frequency (the
search keeps only the rarer terms of a long query: an OR of every term is slow
at a million statements).
PostgreSQL: a GIN expression index on to_tsvector('simple', norm_text), ranked
by ts_rank.

norm_text is already lower-cased, stemmed and cleaned by claims.text.normalize, so
both tokenizers only split on spaces. Callers pass plain terms; this module
quotes them, so user text is always searched as words and never parsed as
query syntax.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

_SQLITE_DDL = [
    # No stemming tokenizer: claims.text.normalize stems on both sides already, and
    # the PostgreSQL 'simple' configuration must see the same terms. '.' is a
    # token character because normalised text keeps it only inside numbers:
    # "5.2" must be one term, as the document-frequency look-up sees it.
    """CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
        norm_text, content='statements', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '.'")""",
    # Document frequency per term (index lookup on term = ?).
    "CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts_vocab USING fts5vocab(statements_fts, 'row')",
    """CREATE TRIGGER IF NOT EXISTS statements_fts_ai AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts(rowid, norm_text) VALUES (new.id, new.norm_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS statements_fts_ad AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, norm_text)
        VALUES ('delete', old.id, old.norm_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS statements_fts_au AFTER UPDATE OF norm_text ON statements BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, norm_text)
        VALUES ('delete', old.id, old.norm_text);
        INSERT INTO statements_fts(rowid, norm_text) VALUES (new.id, new.norm_text);
    END""",
]
_SQLITE_TRIGGERS = ("statements_fts_ai", "statements_fts_ad", "statements_fts_au")

_PG_DDL = [
    "CREATE INDEX IF NOT EXISTS ix_statements_fts ON statements "
    "USING GIN (to_tsvector('simple', norm_text))",
]

# FTS5 and tsquery both choke on very long queries; callers select terms first.
MAX_TERMS = 64


def _dialect(bind: Connection | Session) -> str:
    return bind.get_bind().dialect.name if isinstance(bind, Session) else bind.dialect.name


def install(conn: Connection) -> None:
    """Create the index objects (idempotent)."""
    name = conn.dialect.name
    if name not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"no full-text index for {name}")
    for stmt in _SQLITE_DDL if name == "sqlite" else _PG_DDL:
        conn.exec_driver_sql(stmt)


def uninstall(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        conn.exec_driver_sql("DROP TABLE IF EXISTS statements_fts_vocab")
        conn.exec_driver_sql("DROP TABLE IF EXISTS statements_fts")
    else:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_statements_fts")


def drop_triggers(conn: Connection) -> None:
    """Before a bulk load (SQLite): call rebuild() afterwards, then install()."""
    if conn.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(session: Session) -> None:
    """Rebuild the index from the statements table (after bulk loads), then merge
    its segments so that queries read one b-tree per term."""
    if _dialect(session) == "sqlite":
        session.execute(text("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')"))
        session.execute(text("INSERT INTO statements_fts(statements_fts) VALUES ('optimize')"))
        for stmt in _SQLITE_DDL:  # triggers back if drop_triggers() was used
            session.execute(text(stmt))
    else:
        session.execute(text("ANALYZE statements"))


def quote_term(term: str) -> str:
    """An FTS5 string literal: the term is matched as a word, never as syntax."""
    return '"' + term.replace('"', '""') + '"'


def _clean_terms(terms: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for t in terms:
        t = t.strip().replace("\x00", "")
        if t:
            seen.setdefault(t, None)
    return list(seen)[:MAX_TERMS]


def doc_count(session: Session) -> int:
    """Approximate number of indexed statements (for IDF).

    max(id) is an index lookup, where count(*) reads a whole b-tree (~10 ms at a
    million rows); deleted rows make it an overestimate, harmless for IDF.
    """
    return int(session.execute(text("SELECT coalesce(max(id), 0) FROM statements")).scalar_one())


def doc_freqs(session: Session, terms: Sequence[str]) -> dict[str, int]:
    """Number of statements containing each term (0 for terms never seen)."""
    terms = _clean_terms(terms)
    if not terms:
        return {}
    out = dict.fromkeys(terms, 0)
    if _dialect(session) == "sqlite":
        params = {f"t{i}": t for i, t in enumerate(terms)}
        marks = ", ".join(f":t{i}" for i in range(len(terms)))
        rows = session.execute(
            text(f"SELECT term, doc FROM statements_fts_vocab WHERE term IN ({marks})"), params
        ).all()
        for term, doc in rows:
            if term in out:
                out[term] = int(doc)
        return out
    for t in terms:
        out[t] = int(session.execute(
            text("SELECT count(*) FROM statements "
                 "WHERE to_tsvector('simple', norm_text) @@ plainto_tsquery('simple', :t)"),
            {"t": t},
        ).scalar_one())
    return out


def candidates(
    session: Session, terms: Sequence[str], *, limit: int = 200, require_any: Sequence[str] = ()
) -> list[tuple[int, float]]:
    """Statement ids matching any of the terms, best first, with a score (higher is better).
    With require_any, only statements that also hold one of those terms (ranked on both lists)."""
    terms = _clean_terms(terms)
    required = [t for t in _clean_terms(require_any) if t not in terms] if require_any else []
    if not terms or limit <= 0 or (require_any and not required):
        return []
    if _dialect(session) == "sqlite":
        match = " OR ".join(quote_term(t) for t in terms)
        if required:
            match = f"({match}) AND ({' OR '.join(quote_term(t) for t in required)})"
        rows = session.execute(
            text(
                "SELECT rowid, bm25(statements_fts) AS r FROM statements_fts "
                "WHERE statements_fts MATCH :q ORDER BY r LIMIT :n"
            ),
            {"q": match, "n": limit},
        ).all()
        return [(int(r[0]), -float(r[1])) for r in rows]
    # PostgreSQL: build the tsquery from bound plain terms (plainto_tsquery per
    # term, OR-ed), so no user character reaches the tsquery parser.
    params = {f"t{i}": t for i, t in enumerate(terms)}
    tsq = " || ".join(f"plainto_tsquery('simple', :t{i})" for i in range(len(terms)))
    where = "to_tsvector('simple', norm_text) @@ q"
    rank_q = "q"
    if required:
        params.update({f"r{i}": t for i, t in enumerate(required)})
        req = " || ".join(f"plainto_tsquery('simple', :r{i})" for i in range(len(required)))
        tsq = f"({tsq}) AS q, ({req}) AS rq"
        where += " AND to_tsvector('simple', norm_text) @@ rq"
        rank_q = "(q || rq)"
    else:
        tsq = f"{tsq} AS q"
    rows = session.execute(
        text(
            f"SELECT id, ts_rank(to_tsvector('simple', norm_text), {rank_q}) AS r "
            f"FROM statements, (SELECT {tsq}) AS qq "
            f"WHERE {where} ORDER BY r DESC, id LIMIT :n"
        ),
        {**params, "n": limit},
    ).all()
    return [(int(r[0]), float(r[1])) for r in rows]
