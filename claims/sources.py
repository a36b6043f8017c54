"""Sources: the list of ingested articles and fact-check files, and one source with its
statements (offsets, speakers, claims) for the article view. Each function is one short read."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

from db import queries
from db.engine import Database


@dataclass
class SourcesPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_sources(db: Database, *, page: int = 1, per_page: int = 50, text: Optional[str] = None) -> SourcesPage:
    """Newest first; `text` keeps the sources whose title or outlet contains it (any case)."""
    if page < 1 or not 1 <= per_page <= 1000:
        raise ValueError("page starts at 1 and per_page is 1..1000")
    text = (text or "").strip()[:300] or None
    with db.read() as s:
        rows = [dict(r._mapping) for r in queries.sources.list_sources(
            s, limit=per_page, offset=(page - 1) * per_page, text=text)]
        total = queries.sources.count_sources(s, text=text)
    return SourcesPage(rows, total, page, per_page)


def statement_places(db: Database, statement_ids: list[int]) -> dict[int, dict[str, Any]]:
    """For each statement: source_id, start, end, and `stated` (the day it was said, else the
    source's publication day, else None) - what a hit list shows and links with."""
    with db.read() as s:
        rows = queries.sources.statement_places(s, statement_ids)
    return {r.id: {"source_id": r.source_id, "start": r.start, "end": r.end, "stated": r.stated_on or r.published}
            for r in rows}


def source_view(db: Database, source_id: int) -> Optional[dict[str, Any]]:
    """A source with its full text and every statement (speaker, kind, claim status)."""
    with db.read() as s:
        src = queries.sources.source(s, source_id)
        if src is None:
            return None
        statements = [dict(r._mapping) for r in queries.sources.source_statements(s, source_id)]
    for st in statements:
        st["reasons"] = json.loads(st["reasons"]) if st.get("reasons") else []
    src["statements"] = statements
    return src
