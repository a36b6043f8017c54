"""Browse workflow: the reads behind the desk's overview pages.

Sources and their statements, the report's aggregates, the options of the
filter widgets, and the check-worthiness threshold setting. Each function is
one short read (or write) transaction; the UI only displays the result.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Optional

from claims import ingest
from claims.ingest import THRESHOLD_KEY
from db import queries
from db.engine import Database
from db.queries.claims import ClaimFilter


@dataclass
class SourcesPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_sources(db: Database, *, page: int = 1, per_page: int = 50) -> SourcesPage:
    if page < 1 or not 1 <= per_page <= 1000:
        raise ValueError("page starts at 1 and per_page is 1..1000")
    with db.read() as s:
        rows = [dict(r._mapping) for r in queries.sources.list_sources(s, limit=per_page, offset=(page - 1) * per_page)]
        total = queries.sources.count_sources(s)
    return SourcesPage(rows, total, page, per_page)


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


def filter_options(db: Database) -> dict[str, list[str]]:
    """Values for the queue's and report's pickers."""
    with db.read() as s:
        return {
            "outlets": queries.sources.outlets(s),
            "speakers": queries.sources.speaker_names(s),
            "reviewers": queries.reviewers.reviewer_names(s),
            "verdicts": [r.label for r in queries.settings.ratings(s)],
        }


def report_charts(db: Database, filters: ClaimFilter | None = None) -> dict[str, list[dict[str, Any]]]:
    """The report page's aggregates, each a list of flat rows ready for a chart."""
    f = filters or ClaimFilter()
    with db.read() as s:
        by_day = queries.report.verdicts_by_day(s, f)
        out = {
            "by_speaker": queries.report.verdicts_by(s, f, "speaker"),
            "by_outlet": queries.report.verdicts_by(s, f, "outlet"),
            "contradictions": queries.report.contradictions_by_outlet(s, f),
            "throughput": queries.report.throughput(s, f),
        }
    # Months, not days: a chart of 400 one-day bars is a barcode.
    months: dict[tuple[str, str], int] = defaultdict(int)
    for r in by_day:
        months[(str(r["day"])[:7], r["verdict"])] += int(r["claims"])
    out["by_month"] = [{"month": m, "verdict": v, "claims": n} for (m, v), n in sorted(months.items())]
    for r in out["throughput"]:
        r["day"] = str(r["day"])[:10]
    return out


def get_threshold(db: Database) -> float:
    with db.read() as s:
        return ingest.threshold(s)


def set_threshold(db: Database, value: float) -> float:
    """Check-worthiness from which ingested statements join the queue (0..1)."""
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"the threshold is a score from 0 to 1, not {value}")
    with db.write() as s:
        queries.settings.set_setting(s, THRESHOLD_KEY, f"{value:.3f}")
    return value
