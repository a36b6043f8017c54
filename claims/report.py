"""Report workflow: filtered claims as report records, CSV or ClaimReview JSON-LD."""
from __future__ import annotations

from collections import defaultdict
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
