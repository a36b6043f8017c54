"""AppTest of the report page: charts, the CSV download (the report's columns), the speaker ledger."""
from __future__ import annotations

import csv
import io
from typing import Any, Callable

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from claims import queue, review
from claims.queue import ClaimFilter
from claims.text.export import REPORT_COLUMNS
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
