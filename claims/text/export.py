"""Report formats: CSV (safe to open in a spreadsheet) and ClaimReview JSON-LD.

Pure functions over report rows (dicts); the CLI and the UI only hand the
result out.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence
from urllib.parse import urlsplit

# Cells starting with these are run as formulas by Excel/LibreOffice/Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def utc_time(value: datetime) -> str:
    """ISO 8601 in UTC with its offset (2026-05-09T10:30:05+00:00). The database stores naive UTC."""
    aware = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return aware.replace(microsecond=0).isoformat()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return utc_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) by prefixing an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


# JSON-LD is published inside <script type="application/ld+json">: a string holding
# "</script>" would end that block and run what follows. JSON allows these escapes in
# any string, so the data is unchanged for every JSON reader. (U+2028/2029 end a line
# in older JavaScript parsers.)
_JSON_IN_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_URL_SCHEMES = ("http", "https")


def http_url(value: Any) -> Optional[str]:
    """The value if it is an http(s) URL with a host, else None: a javascript: or
    data: URL must never reach a published page or a link."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or any(ord(c) < 32 or c in " <>\"\\" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in _URL_SCHEMES and parts.netloc else None


def json_for_html(data: Any) -> str:
    """JSON text that is safe inside an HTML <script> block (and still the same JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(_JSON_IN_HTML.get(c, c) for c in text)


_QUOTES = "\"\u201c\u201d"


def claim_as_stated(text: str, kind: Optional[str], cue: Optional[str]) -> str:
    """The claim without the reporter's framing, for publishing a ClaimReview:
    'X said on Monday that unemployment fell' -> 'Unemployment fell';
    '"Unemployment fell," she said.' -> 'Unemployment fell.'"""
    t = " ".join(text.split())
    if kind == "direct_quote" and t[:1] in _QUOTES:
        close = max(t.rfind("\u201d"), t.rfind('"'))
        if close > 1:
            inner = t[1:close].rstrip(" ,")
            return inner if inner.endswith((".", "?", "!")) else inner + "."
    if kind == "indirect_quote" and cue and cue != "according to":
        m = re.search(r"\b" + re.escape(cue) + r"\b(?:\s+\w+){0,4}?\s+that\s+", t[:200])
        if m and m.end() < len(t) - 10:
            rest = t[m.end():]
            return rest[0].upper() + rest[1:]
    return t


CLAIM_ID_FIELD = "{claim_id}"


def claim_link(desk_url: str, claim_id: int) -> str:
    """The claim's page on the desk (the page reads ?id=), or "" without an http(s) desk URL."""
    if not desk_url:
        return ""
    return http_url(f"{desk_url.rstrip('/')}/claim?id={int(claim_id)}") or ""


def fact_check_url(pattern: str, claim_id: int) -> Optional[str]:
    """The published fact-check of a claim: the pattern with its {claim_id} filled in, if http(s)."""
    if not pattern or CLAIM_ID_FIELD not in pattern:
        return None
    return http_url(pattern.replace(CLAIM_ID_FIELD, str(int(claim_id))))


def evidence_line(ev: Mapping[str, Any]) -> str:
    """One evidence item on one line: 'contradicts: "text" - speaker (source title, URL) note: ...'."""
    where = ", ".join(x for x in (ev.get("source_title"), http_url(ev.get("url"))) if x)
    line = f"{ev.get('stance')}: \u201c{' '.join(str(ev.get('text') or '').split())}\u201d"
    if ev.get("speaker"):  # who said it: a quote without its speaker is no evidence a reader can weigh
        line += f" \u2014 {' '.join(str(ev['speaker']).split())}"
    if where:
        line += f" ({where})"
    if ev.get("note"):
        line += f" note: {' '.join(str(ev['note']).split())}"
    return line


Getter = Callable[[Mapping[str, Any]], Any]

# The report's columns, in order: (name, value from a report row). The one place a column is
# added; REPORT_COLUMNS, the CSV header and report_record all follow it. A report row is a
# queue row (db.queries.claims.claim_rows) plus "evidence" (its items) and "claim_link".
CLAIM_COLUMNS: Sequence[tuple[str, Getter]] = (
    ("claim_id", lambda r: r["claim_id"]),
    ("claim_link", lambda r: r.get("claim_link")),
    ("claim", lambda r: r["text"]),
    # the checkable sentence without its attribution frame, and the quote it was said in
    ("claim_text", lambda r: r.get("claim_text") or r["text"]),
    ("context", lambda r: r.get("context") or r["text"]),
    ("speaker", lambda r: r.get("speaker")),
    ("speaker_title", lambda r: r.get("speaker_title")),
    ("source_title", lambda r: r.get("source_title")),
    ("outlet", lambda r: r.get("outlet")),
    ("url", lambda r: r.get("url")),
    ("published", lambda r: r.get("published")),
    ("stated_on", lambda r: r.get("stated_on")),
    # Character offsets of the claim's statement in its source's text.
    ("statement_id", lambda r: r.get("statement_id")),
    ("statement_start", lambda r: r.get("start")),
    ("statement_end", lambda r: r.get("end")),
    ("status", lambda r: r.get("status")),
    ("verdict", lambda r: r.get("verdict")),
    ("rationale", lambda r: r.get("rationale")),
    ("reviewer", lambda r: r.get("reviewer")),
    ("reviewed_at", lambda r: r.get("reviewed_at")),
    ("evidence_supports", lambda r: r.get("n_supports", 0)),
    ("evidence_contradicts", lambda r: r.get("n_contradicts", 0)),
    ("evidence_related", lambda r: r.get("n_related", 0)),
    ("origin", lambda r: r.get("origin")),  # auto | reviewer | import (a published fact-check)
)
# One row per claim: its evidence items in one cell, one item a line.
JOINED_EVIDENCE_COLUMNS: Sequence[tuple[str, Getter]] = (
    ("evidence", lambda r: "\n".join(evidence_line(ev) for ev in r.get("evidence") or ())),
)
# One row per evidence item (--evidence-rows): the item's own columns after the claim's.
EVIDENCE_ROW_COLUMNS: Sequence[tuple[str, Getter]] = (
    ("evidence_stance", lambda e: e.get("stance")),
    ("evidence_text", lambda e: e.get("text")),
    ("evidence_speaker", lambda e: e.get("speaker")),
    ("evidence_source_title", lambda e: e.get("source_title")),
    ("evidence_outlet", lambda e: e.get("outlet")),
    ("evidence_url", lambda e: http_url(e.get("url"))),
    ("evidence_note", lambda e: e.get("note")),
    ("evidence_statement_id", lambda e: e.get("statement_id")),
    ("evidence_start", lambda e: e.get("start")),
    ("evidence_end", lambda e: e.get("end")),
    ("evidence_by", lambda e: e.get("reviewer")),
    ("evidence_added_at", lambda e: e.get("created_at")),
)
REPORT_COLUMNS: list[str] = [name for name, _ in (*CLAIM_COLUMNS, *JOINED_EVIDENCE_COLUMNS)]
EVIDENCE_ROWS_COLUMNS: list[str] = [name for name, _ in (*CLAIM_COLUMNS, *EVIDENCE_ROW_COLUMNS)]


def report_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One report row -> the report's columns (and what ClaimReview needs besides)."""
    rec = {name: get(row) for name, get in (*CLAIM_COLUMNS, *JOINED_EVIDENCE_COLUMNS)}
    rec["claim_as_stated"] = claim_as_stated(row["text"], row.get("kind"), row.get("cue"))
    rec["evidence_items"] = list(row.get("evidence") or ())
    return rec


def _writer(out: io.StringIO, header: Sequence[str]) -> Callable[[Iterable[Any]], None]:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    # Every cell goes through safe_cell: a claim or note typed as "=..." is text, not a formula.
    return lambda values: w.writerow([safe_cell(_cell(v)) for v in values])


def to_csv(records: Iterable[Mapping[str, Any]]) -> str:
    """One row per claim (REPORT_COLUMNS)."""
    out = io.StringIO()
    write = _writer(out, REPORT_COLUMNS)
    for rec in records:
        write(rec.get(c) for c in REPORT_COLUMNS)
    return out.getvalue()


def to_csv_evidence_rows(records: Iterable[Mapping[str, Any]]) -> str:
    """One row per evidence item (EVIDENCE_ROWS_COLUMNS); a claim without evidence still has one
    row, its evidence columns empty, so no claim drops out of the report."""
    out = io.StringIO()
    write = _writer(out, EVIDENCE_ROWS_COLUMNS)
    claim_names = [name for name, _ in CLAIM_COLUMNS]
    for rec in records:
        claim = [rec.get(c) for c in claim_names]
        items = rec.get("evidence_items") or [None]
        for ev in items:
            write([*claim, *((get(ev) for _, get in EVIDENCE_ROW_COLUMNS) if ev else ("",) * len(EVIDENCE_ROW_COLUMNS))])
    return out.getvalue()


def claimreview(
    rec: Mapping[str, Any], *, publisher: str = "", publisher_url: str = "",
    scale: Optional[Mapping[str, Optional[int]]] = None, url_pattern: str = "",
) -> Optional[dict[str, Any]]:
    """A schema.org ClaimReview for a claim the desk reviewed (None for claims without a final
    verdict and for imported fact-checks, which are other publishers' work). `url` is the
    published fact-check (`url_pattern` with {claim_id} filled in); the author is the newsroom."""
    if not publishable(rec):
        return None
    scores = [v for v in (scale or {}).values() if v is not None]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": rec["verdict"]}
    value = (scale or {}).get(rec["verdict"])
    if value is not None and scores:
        rating.update(ratingValue=value, bestRating=max(scores), worstRating=min(scores))
    item: dict[str, Any] = {"@type": "Claim"}
    if rec.get("speaker"):
        author: dict[str, Any] = {"@type": "Person", "name": rec["speaker"]}
        if rec.get("speaker_title"):
            author["jobTitle"] = rec["speaker_title"]
        item["author"] = author
    when = rec.get("stated_on") or rec.get("published")
    if when:
        item["datePublished"] = _cell(when)
    url = http_url(rec.get("url"))
    if url:  # where the claim appeared: the article
        item["appearance"] = [{"@type": "CreativeWork", "url": url,
                               **({"headline": rec["source_title"]} if rec.get("source_title") else {})}]
    newsroom: dict[str, Any] = {"@type": "Organization", "name": publisher}
    if http_url(publisher_url):
        newsroom["url"] = http_url(publisher_url)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        # the checkable sentence without its attribution frame ("..., he said on May 7")
        "claimReviewed": rec.get("claim_text") or rec.get("claim_as_stated") or rec["claim"],
        "itemReviewed": item,
        "reviewRating": rating,
        "author": newsroom,
    }
    own = fact_check_url(url_pattern, rec["claim_id"])
    if own:
        review["url"] = own
    if rec.get("reviewed_at"):
        review["datePublished"] = _cell(rec["reviewed_at"])[:10]
    if rec.get("rationale"):
        review["reviewBody"] = rec["rationale"]
    return review


def publishable(rec: Mapping[str, Any]) -> bool:
    """A claim this desk closed with a verdict: reviewed, and not an imported fact-check."""
    return bool(rec.get("verdict")) and rec.get("status", "reviewed") == "reviewed" and rec.get("origin") != "import"


def to_claimreview_json(records: Iterable[Mapping[str, Any]], **kwargs: Any) -> str:
    reviews = [r for r in (claimreview(rec, **kwargs) for rec in records) if r is not None]
    return json_for_html(reviews)
