"""Report workflow: filtered claims as report records, CSV or ClaimReview JSON-LD."""
from __future__ import annotations

from typing import Any

from claims.text import export
from db import queries
from db.engine import Database
from db.queries.claims import ClaimFilter


def records(db: Database, filters: ClaimFilter | None = None) -> list[dict[str, Any]]:
    with db.read() as s:
        return [export.report_record(r) for r in queries.report.report_rows(s, filters or ClaimFilter())]


def csv_report(db: Database, filters: ClaimFilter | None = None) -> str:
    return export.to_csv(records(db, filters))


def claimreview_report(
    db: Database, filters: ClaimFilter | None = None, *, publisher: str = "Claimdesk",
    rows: list[dict[str, Any]] | None = None,
) -> str:
    """ClaimReview JSON-LD of the filtered claims (or of report `rows` already read)."""
    with db.read() as s:
        scale = {r.label: r.score for r in queries.settings.ratings(s)}
    return export.to_claimreview_json(rows if rows is not None else records(db, filters),
                                      publisher=publisher, scale=scale)
