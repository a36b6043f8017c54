"""AppTest of the report page: charts, the CSV download (the report's columns), the speaker ledger."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from claims import queue, review, settings
from claims.queue import ClaimFilter
from claims.text.export import EVIDENCE_ROWS_COLUMNS, REPORT_COLUMNS
from db.engine import Database
from tests.ui_apptest import assert_clean, claim_id_by_text, frame_with, make_app, open_page


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The deferred download callables the page registers, by file name (built on click in a browser)."""
    found: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        found[kwargs.get("file_name") or ""] = data
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return found


@pytest.fixture
def reviewed(loaded_db: Database) -> int:
    cid = claim_id_by_text(loaded_db, "Police said about 800 residents")
    review.set_verdict(loaded_db, cid, verdict="False", rationale="Police count 800", reviewer="bea")
    return cid


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_download_has_the_report_columns_and_the_verdict(
    loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch, downloads: dict, reviewed: int
) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "report")
    assert_clean(at)
    assert at.get("download_button")[0].label == "Download the CSV report"
    text = downloads["claimdesk-report.csv"]()
    assert text.splitlines()[0].split(",") == REPORT_COLUMNS
    rows = read_csv(text)
    assert len(rows) == int(at.caption[0].value.split()[0])
    row = next(r for r in rows if r["claim_id"] == str(reviewed))
    assert (row["verdict"], row["rationale"], row["reviewer"]) == ("False", "Police count 800", "bea")


def test_report_filters_narrow_the_csv(
    loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch, downloads: dict, reviewed: int
) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "report")
    at.selectbox(key="r_status").select("reviewed").run()
    assert_clean(at)
    want = {str(r["claim_id"]) for r in queue.list_claims(loaded_db, ClaimFilter(status="reviewed")).rows}
    assert str(reviewed) in want
    assert at.caption[0].value == f"{len(want)} claims match"
    rows = read_csv(downloads["claimdesk-report.csv"]())
    assert {r["claim_id"] for r in rows} == want and {r["status"] for r in rows} == {"reviewed"}


def test_charts_and_speaker_ledger(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch, reviewed: int) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "report")
    assert_clean(at)
    # Two altair charts (verdicts by speaker and by outlet) and the built-in bar charts.
    assert len(at.get("vega_lite_chart")) >= 4
    at.selectbox(key="ledger_speaker").select("Selina Korr").run()
    rows = frame_with(at, "claim", "verdict", "contradicts")
    want = queue.list_claims(loaded_db, ClaimFilter(speaker="Selina Korr")).total
    assert len(rows) == want > 0
    assert any("5.2 percent" in t for t in rows["claim"])


def test_csv_download_with_one_row_per_evidence_item_for_excel(
    loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch, downloads: dict, reviewed: int
) -> None:
    other = claim_id_by_text(loaded_db, "Unemployment has fallen to 5.2 percent, down")
    statement = queue.list_claims(loaded_db, ClaimFilter(claim_ids=[other])).rows[0]["statement_id"]
    review.attach_evidence(loaded_db, reviewed, statement, stance="related", reviewer="bea", note="a note")
    at = open_page(make_app(sample_url, monkeypatch), "report")
    at.toggle(key="report_evidence_rows").set_value(True).run()
    at.toggle(key="report_excel").set_value(True).run()
    assert_clean(at)
    text = downloads["claimdesk-report.csv"]()
    assert text.startswith("\ufeff") and text[1:].splitlines()[0].split(",") == EVIDENCE_ROWS_COLUMNS
    mine = [r for r in read_csv(text[1:]) if r["claim_id"] == str(reviewed)]
    assert [(r["evidence_stance"], r["evidence_note"], r["evidence_statement_id"]) for r in mine] == [
        ("related", "a note", str(statement))]


def test_claimreview_download_says_why_it_would_be_empty(
    loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch, downloads: dict, reviewed: int
) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "report")  # ana, an editor
    button = at.get("download_button")[1]
    assert button.label == "Download ClaimReview JSON-LD" and button.disabled
    assert "newsroom" in at.warning[0].value
    settings.set_publishing(loaded_db, newsroom="Valdoria Fact Desk",
                            fact_check_url="https://news.example/fact-checks/{claim_id}", reviewer="ana")
    at.selectbox(key="r_status").select("reviewed").run()
    assert not at.warning and not at.get("download_button")[1].disabled
    reviews = json.loads(downloads["claimdesk-claimreview.json"]())
    assert [r["url"] for r in reviews] == [f"https://news.example/fact-checks/{reviewed}"]
    at.selectbox(key="r_outlet").select("Valdoria Fact Desk").run()  # only imported fact-checks
    assert at.get("download_button")[1].disabled
    assert "nothing to publish" in at.warning[0].value.replace("\\", "").lower()


def test_a_reviewer_is_told_beside_the_button_why_claimreview_is_greyed(
    loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "report")
    assert_clean(at)
    assert at.get("download_button")[1].disabled
    assert any("an editor's" in c.value for c in at.caption)  # not only in the hover help
    editor = open_page(make_app(sample_url, monkeypatch), "report")
    assert not any("an editor's" in c.value for c in editor.caption)
