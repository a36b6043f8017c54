"""Export formats: the report's CSV (formula-safe) and ClaimReview JSON-LD."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims import report, review
from claims.queue import ClaimFilter, list_claims
from claims.text import export
from db.engine import Database

REC = {
    "claim_id": 7, "claim": "Unemployment fell to 5.2 percent.", "speaker": "Ilse Korr",
    "speaker_title": "Finance Minister", "source_title": "Budget day", "outlet": "Ledger",
    "url": "https://example.org/b", "published": date(2026, 5, 5), "stated_on": date(2026, 5, 4),
    "status": "reviewed", "verdict": "False", "rationale": "Office says 5.8%", "reviewer": "ana",
    "reviewed_at": datetime(2026, 5, 9, 10, 30, 5, 123), "evidence_supports": 0,
    "evidence_contradicts": 2, "evidence_related": 1,
}


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_columns_and_values() -> None:
    rows = parse(export.to_csv([REC]))
    assert list(rows[0]) == export.REPORT_COLUMNS
    assert rows[0]["published"] == "2026-05-05" and rows[0]["reviewed_at"] == "2026-05-09 10:30:05"
    assert rows[0]["evidence_contradicts"] == "2"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    rows = parse(export.to_csv([{**REC, "claim": cell, "rationale": cell}]))
    assert rows[0]["claim"] == "'" + cell and rows[0]["rationale"] == "'" + cell


@given(st.text())
def test_safe_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    out = export.safe_cell(text)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert out in (text, "'" + text)


def test_claimreview_shape() -> None:
    cr = export.claimreview(REC, publisher="Desk", scale={"True": 5, "False": 1, "Unverifiable": None})
    assert cr is not None
    assert cr["@type"] == "ClaimReview" and cr["@context"] == "https://schema.org"
    assert cr["claimReviewed"] == REC["claim"]
    assert cr["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                  "bestRating": 5, "worstRating": 1}
    assert cr["itemReviewed"]["author"] == {"@type": "Person", "name": "Ilse Korr", "jobTitle": "Finance Minister"}
    assert cr["itemReviewed"]["datePublished"] == "2026-05-04"
    assert cr["itemReviewed"]["appearance"][0]["url"] == REC["url"]
    assert cr["datePublished"] == "2026-05-09" and cr["author"]["name"] == "Desk"
    assert export.claimreview({**REC, "verdict": None}) is None
    unrated = export.claimreview({**REC, "verdict": "Unverifiable"}, scale={"True": 5, "Unverifiable": None})
    assert unrated is not None and "ratingValue" not in unrated["reviewRating"]


def test_report_from_database(loaded_db: Database) -> None:
    page = list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=1)
    cid = page.rows[0]["claim_id"]
    review.set_verdict(loaded_db, cid, verdict="Half true", rationale="=cmd|' /C calc'!A0", reviewer="ana")
    rows = parse(report.csv_report(loaded_db))
    assert len(rows) == list_claims(loaded_db).total
    mine = next(r for r in rows if r["claim_id"] == str(cid))
    assert mine["verdict"] == "Half true" and mine["reviewer"] == "ana"
    assert mine["rationale"].startswith("'=")
    assert mine["outlet"] and mine["source_title"]
    reviews = json.loads(report.claimreview_report(loaded_db))
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Half true"]


AS_STATED = [
    ("Mayor Elena Brisk said on Monday that visitor numbers rose 4 percent.", "indirect_quote", "said",
     "Visitor numbers rose 4 percent."),
    ("\u201cUnemployment has fallen to 5.2 percent,\u201d Korr said.", "direct_quote", "said",
     "Unemployment has fallen to 5.2 percent."),
    ('"Is that a base?" she asked.', "direct_quote", "asked", "Is that a base?"),
    ("The ministry said the pier cost 48 million crowns.", "indirect_quote", "said",
     "The ministry said the pier cost 48 million crowns."),  # no "that": the frame stays
    ("Prices rose, according to the office.", "indirect_quote", "according to", "Prices rose, according to the office."),
    ("Three ships docked.", "narration", None, "Three ships docked."),
]


@pytest.mark.parametrize("text,kind,cue,expected", AS_STATED)
def test_claim_as_stated_drops_the_reporters_frame(text: str, kind: str, cue: str | None, expected: str) -> None:
    assert export.claim_as_stated(text, kind, cue) == expected


def test_claimreview_publishes_the_claim_as_stated() -> None:
    rec = {**REC, "claim": "Korr said that unemployment fell.", "claim_as_stated": "Unemployment fell."}
    cr = export.claimreview(rec)
    assert cr is not None and cr["claimReviewed"] == "Unemployment fell."
