"""Export formats: the report's CSV (formula-safe, with its evidence, offsets and claim links) and
ClaimReview JSON-LD (authored by the newsroom, with the published fact-check's url)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims import report, review, settings
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
    # Times in UTC with their offset; the database's naive times are UTC.
    assert rows[0]["published"] == "2026-05-05" and rows[0]["reviewed_at"] == "2026-05-09T10:30:05+00:00"
    assert rows[0]["evidence_contradicts"] == "2"
    later = datetime(2026, 5, 9, 12, 30, 5, tzinfo=timezone(timedelta(hours=2)))
    assert parse(export.to_csv([{**REC, "reviewed_at": later}]))[0]["reviewed_at"] == "2026-05-09T10:30:05+00:00"


def test_one_column_list_makes_the_header_and_the_records() -> None:
    row = {"claim_id": 7, "text": "Unemployment fell.", "start": 10, "end": 28, "statement_id": 70,
           "claim_link": "https://desk.example/claim?id=7", "evidence": []}
    rec = export.report_record(row)
    assert [c for c in export.REPORT_COLUMNS if c in rec] == export.REPORT_COLUMNS
    assert rec["statement_start"] == 10 and rec["statement_end"] == 28 and rec["claim"] == "Unemployment fell."
    assert export.EVIDENCE_ROWS_COLUMNS[:len(export.CLAIM_COLUMNS)] == [n for n, _ in export.CLAIM_COLUMNS]


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
    cr = export.claimreview(REC, publisher="Desk", publisher_url="https://desk.example/", scale={"True": 5, "False": 1, "Unverifiable": None},
                            url_pattern="https://news.example/fact-checks/{claim_id}.html")
    assert cr is not None
    assert cr["@type"] == "ClaimReview" and cr["@context"] == "https://schema.org"
    assert cr["claimReviewed"] == REC["claim"]
    assert cr["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                  "bestRating": 5, "worstRating": 1}
    assert cr["itemReviewed"]["author"] == {"@type": "Person", "name": "Ilse Korr", "jobTitle": "Finance Minister"}
    assert cr["itemReviewed"]["datePublished"] == "2026-05-04"
    assert cr["itemReviewed"]["appearance"][0]["url"] == REC["url"]
    assert cr["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": REC["url"], "headline": "Budget day"}]
    assert cr["datePublished"] == "2026-05-09"
    assert cr["author"] == {"@type": "Organization", "name": "Desk", "url": "https://desk.example/"}
    assert cr["url"] == "https://news.example/fact-checks/7.html"
    assert export.claimreview({**REC, "verdict": None}) is None
    assert export.claimreview({**REC, "origin": "import"}) is None  # another publisher's fact-check
    assert export.claimreview({**REC, "status": "in_review"}) is None  # not closed yet
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
    assert mine["reviewed_at"].endswith("+00:00") and mine["claim_link"] == ""  # no desk URL set
    with pytest.raises(report.NothingToPublish, match="newsroom"):
        report.claimreview_report(loaded_db)
    settings.set_publishing(loaded_db, newsroom="Valdoria Fact Desk", newsroom_url="https://news.example",
                            fact_check_url="https://news.example/fact-checks/{claim_id}", reviewer="ana")
    reviews = json.loads(report.claimreview_report(loaded_db))
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Half true"]
    assert reviews[0]["url"] == f"https://news.example/fact-checks/{cid}"
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Valdoria Fact Desk", "url": "https://news.example"}
    source_url = mine["url"]
    if source_url:
        assert reviews[0]["itemReviewed"]["appearance"][0]["url"] == source_url


def _with_evidence(db: Database) -> tuple[int, list[dict]]:
    """A claim with two evidence items, one with a note that would run as a formula."""
    a, b, c = list_claims(db, ClaimFilter(status="unreviewed"), sort="oldest", per_page=3).rows
    review.attach_evidence(db, a["claim_id"], b["statement_id"], stance="contradicts", reviewer="ana",
                           note="=HYPERLINK(\"http://evil\")")
    review.attach_evidence(db, a["claim_id"], c["statement_id"], stance="supports", reviewer="ana")
    return a["claim_id"], [b, c]


def test_csv_carries_the_evidence_offsets_and_link(loaded_db: Database) -> None:
    cid, (b, c) = _with_evidence(loaded_db)
    settings.set_publishing(loaded_db, desk_url="https://desk.example/", reviewer="ana")
    rows = parse(report.csv_report(loaded_db))
    assert len(rows) == list_claims(loaded_db).total
    mine = next(r for r in rows if r["claim_id"] == str(cid))
    assert mine["claim_link"] == f"https://desk.example/claim?id={cid}"  # what the claim page reads
    claim = list_claims(loaded_db, ClaimFilter(claim_ids=[cid])).rows[0]
    assert (mine["statement_start"], mine["statement_end"]) == (str(claim["start"]), str(claim["end"]))
    lines = mine["evidence"].split("\n")
    assert len(lines) == 2
    said_by = f" \u2014 {b['speaker']}" if b["speaker"] else ""  # the evidence's speaker, when known
    assert lines[0].startswith("contradicts: \u201c" + " ".join(b["text"].split()) + "\u201d" + said_by
                               + " (" + b["source_title"])
    assert lines[0].endswith('note: =HYPERLINK("http://evil")')  # inside the cell, never its start
    assert lines[1].startswith("supports: \u201c" + " ".join(c["text"].split()))
    assert mine["evidence_contradicts"] == "1" and mine["evidence_supports"] == "1"


def test_csv_with_one_row_per_evidence_item(loaded_db: Database) -> None:
    cid, (b, c) = _with_evidence(loaded_db)
    text = report.csv_report(loaded_db, evidence_rows=True)
    assert text.splitlines()[0].split(",") == export.EVIDENCE_ROWS_COLUMNS
    rows = parse(text)
    mine = [r for r in rows if r["claim_id"] == str(cid)]
    assert [r["evidence_stance"] for r in mine] == ["contradicts", "supports"]
    assert mine[0]["evidence_text"] == b["text"] and mine[0]["evidence_source_title"] == b["source_title"]
    assert mine[0]["evidence_note"] == "'=HYPERLINK(\"http://evil\")"  # neutralised: a cell of its own
    assert mine[0]["evidence_statement_id"] == str(b["statement_id"])
    assert (mine[0]["evidence_start"], mine[0]["evidence_end"]) == (str(b["start"]), str(b["end"]))
    assert mine[0]["evidence_url"] == (b["url"] or "") and mine[0]["evidence_by"] == "ana"
    assert mine[0]["evidence_added_at"].endswith("+00:00")
    # A claim without evidence keeps its one row: no claim drops out of the report.
    assert len({r["claim_id"] for r in rows}) == list_claims(loaded_db).total
    assert len(rows) == list_claims(loaded_db).total + 1


def test_excel_report_starts_with_a_byte_order_mark(loaded_db: Database) -> None:
    plain = report.csv_report(loaded_db, ClaimFilter(status="reviewed"))
    assert report.csv_report(loaded_db, ClaimFilter(status="reviewed"), excel=True) == "\ufeff" + plain


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


def test_an_evidence_line_names_who_said_it() -> None:
    item = {"stance": "contradicts", "text": "The leak  reached\nEastgate.", "speaker": "Hanna Solberg",
            "source_title": "Gas leak", "url": "https://news.example/leak", "note": None}
    assert export.evidence_line(item) == (
        "contradicts: \u201cThe leak reached Eastgate.\u201d \u2014 Hanna Solberg (Gas leak, https://news.example/leak)")
    assert export.evidence_line({**item, "speaker": None}).startswith("contradicts: \u201cThe leak reached Eastgate.\u201d (")
