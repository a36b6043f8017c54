"""Report workflow: filtered claims as report records, CSV or ClaimReview JSON-LD."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Optional

from claims import settings
from claims.text import export
from db import queries
from db.engine import Database
from db.queries.claims import ClaimFilter

BOM = "\ufeff"  # Excel reads a CSV without it as the local code page: curly quotes turn to mojibake


class NothingToPublish(ValueError):
    """A ClaimReview export that would be empty or nameless; the message says why, in one line."""


def records(db: Database, filters: ClaimFilter | None = None) -> list[dict[str, Any]]:
    """The report's records: every filtered claim with its evidence items and its link on the desk."""
    with db.read() as s:
        rows = queries.report.report_rows(s, filters or ClaimFilter())
        evidence = queries.evidence.evidence_of_claims(s, [r["claim_id"] for r in rows])
        desk_url = settings.publishing_in(s).desk_url
    for r in rows:
        r["evidence"] = evidence.get(r["claim_id"], [])
        r["claim_link"] = export.claim_link(desk_url, r["claim_id"])
    return [export.report_record(r) for r in rows]


def csv_report(db: Database, filters: ClaimFilter | None = None, *, evidence_rows: bool = False,
               excel: bool = False, rows: Optional[list[dict[str, Any]]] = None) -> str:
    """The CSV report: one row per claim (its evidence joined in one cell, one item a line), or with
    `evidence_rows` one row per evidence item; `excel` adds the UTF-8 byte-order mark."""
    recs = rows if rows is not None else records(db, filters)
    text = export.to_csv_evidence_rows(recs) if evidence_rows else export.to_csv(recs)
    return BOM + text if excel else text


def claimreview_problem(db: Database, filters: ClaimFilter | None = None) -> Optional[str]:
    """Why a ClaimReview export of these claims would publish nothing (None: it would not)."""
    f = filters or ClaimFilter()
    with db.read() as s:
        pub = settings.publishing_in(s)
        counts = queries.report.publishable_counts(s, f)
    if pub.missing():
        return ("set the newsroom's name and the URL pattern of its published fact-checks first: "
                "claims settings --newsroom NAME --fact-check-url 'https://news.example/fact-checks/{claim_id}' "
                "--reviewer EDITOR (or on the Settings page)")
    if counts["publishable"] == 0:
        return (f"nothing to publish: of the {counts['selected']} claims selected, none has a final verdict by "
                f"this desk ({counts['reviewed']} reviewed, {counts['imported']} of them imported fact-checks, "
                "which are not re-published)")
    return None


def claimreview_report(
    db: Database, filters: ClaimFilter | None = None, *, rows: list[dict[str, Any]] | None = None,
) -> str:
    """ClaimReview JSON-LD of the filtered claims (or of report `rows` already read), authored by
    the newsroom of the desk's settings. Raises NothingToPublish rather than returning `[]`."""
    problem = claimreview_problem(db, filters)
    if problem:
        raise NothingToPublish(problem)
    with db.read() as s:
        scale = {r.label: r.score for r in queries.settings.ratings(s)}
        pub = settings.publishing_in(s)
    return export.to_claimreview_json(rows if rows is not None else records(db, filters),
                                      publisher=pub.newsroom, publisher_url=pub.newsroom_url,
                                      url_pattern=pub.fact_check_url, scale=scale)


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
