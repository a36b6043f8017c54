"""Report formats: CSV (safe to open in a spreadsheet) and ClaimReview JSON-LD.

Pure functions over report rows (dicts); the CLI and the UI only hand the
result out.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Optional
from urllib.parse import urlsplit

REPORT_COLUMNS = [
    "claim_id", "claim", "claim_text", "context", "speaker", "speaker_title", "source_title", "outlet", "url",
    "published", "stated_on", "status", "verdict", "rationale", "reviewer", "reviewed_at",
    "evidence_supports", "evidence_contradicts", "evidence_related", "origin",
]
# Cells starting with these are run as formulas by Excel/LibreOffice/Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
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


def report_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One queue/report row -> the report's columns."""
    return {
        "claim_id": row["claim_id"],
        "claim": row["text"],
        "claim_as_stated": claim_as_stated(row["text"], row.get("kind"), row.get("cue")),
        # the checkable sentence without its attribution frame, and the quote it was said in
        "claim_text": row.get("claim_text") or row["text"],
        "context": row.get("context") or row["text"],
        "speaker": row.get("speaker"),
        "speaker_title": row.get("speaker_title"),
        "source_title": row.get("source_title"),
        "outlet": row.get("outlet"),
        "url": row.get("url"),
        "published": row.get("published"),
        "stated_on": row.get("stated_on"),
        "status": row.get("status"),
        "verdict": row.get("verdict"),
        "rationale": row.get("rationale"),
        "reviewer": row.get("reviewer"),
        "reviewed_at": row.get("reviewed_at"),
        "evidence_supports": row.get("n_supports", 0),
        "evidence_contradicts": row.get("n_contradicts", 0),
        "evidence_related": row.get("n_related", 0),
        "origin": row.get("origin"),  # auto | reviewer | import (a published fact-check)
    }


def to_csv(records: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(REPORT_COLUMNS)
    for rec in records:
        w.writerow([safe_cell(_cell(rec.get(c))) for c in REPORT_COLUMNS])
    return out.getvalue()


def claimreview(
    rec: Mapping[str, Any], *, publisher: str = "Claimdesk", scale: Optional[Mapping[str, Optional[int]]] = None,
    base_url: str = "",
) -> Optional[dict[str, Any]]:
    """A schema.org ClaimReview for a claim the desk reviewed (None for unreviewed
    ones and for imported fact-checks, which are other publishers' work)."""
    if not rec.get("verdict") or rec.get("origin") == "import":
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
    if url:
        item["appearance"] = [{"@type": "CreativeWork", "url": url,
                               **({"headline": rec["source_title"]} if rec.get("source_title") else {})}]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        # the checkable sentence without its attribution frame ("..., he said on May 7")
        "claimReviewed": rec.get("claim_text") or rec.get("claim_as_stated") or rec["claim"],
        "itemReviewed": item,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": publisher},
    }
    if rec.get("reviewed_at"):
        review["datePublished"] = _cell(rec["reviewed_at"])[:10]
    own = http_url(f"{base_url.rstrip('/')}/claims/{rec['claim_id']}") if base_url else None
    if own:
        review["url"] = own
    if rec.get("rationale"):
        review["reviewBody"] = rec["rationale"]
    return review


def to_claimreview_json(records: Iterable[Mapping[str, Any]], **kwargs: Any) -> str:
    reviews = [r for r in (claimreview(rec, **kwargs) for rec in records) if r is not None]
    return json_for_html(reviews)
