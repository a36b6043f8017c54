"""`claims export` and `claims settings`: an Excel-ready CSV, one row per evidence item on request,
ClaimReview from the newsroom's settings, and an empty ClaimReview export that says why."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.test_cli import run


def test_excel_csv_starts_with_a_byte_order_mark(sample_url: str) -> None:
    plain = run(sample_url, "export", "--status", "reviewed").stdout
    excel = run(sample_url, "export", "--status", "reviewed", "--excel").stdout
    assert plain.startswith("claim_id,") and excel == "\ufeff" + plain


NEWSROOM = ("settings", "--newsroom", "Valdoria Fact Desk", "--newsroom-url", "https://news.example",
            "--fact-check-url", "https://news.example/fact-checks/{claim_id}", "--reviewer", "ana")


def test_exporting_no_claimreview_says_why_and_writes_nothing(sample_url: str, tmp_path: Path) -> None:
    out = tmp_path / "cr.json"
    # No newsroom set yet: it says which settings are missing.
    p = run(sample_url, "export", "--format", "claimreview", "--out", str(out), ok=False)
    assert p.returncode == 1 and p.stdout == "" and not out.exists()
    assert p.stderr.startswith("claims: set the newsroom's name and the URL pattern") and p.stderr.count("\n") == 1
    run(sample_url, *NEWSROOM)
    # The sample data's only reviewed claims are its three imported fact-checks.
    p = run(sample_url, "export", "--format", "claimreview", "--status", "reviewed", "--out", str(out), ok=False)
    assert p.returncode == 1 and not out.exists()
    assert p.stderr == ("claims: nothing to publish: of the 3 claims selected, none has a final verdict by this desk "
                        "(3 reviewed, 3 of them imported fact-checks, which are not re-published)\n")


def test_claimreview_from_the_newsrooms_settings(sample_url: str) -> None:
    shown = run(sample_url, *NEWSROOM).stdout
    assert "newsroom:       Valdoria Fact Desk" in shown and "{claim_id}" in shown
    run(sample_url, "review", "5", "--verdict", "False", "--rationale", "Port records", "--reviewer", "ana")
    reviews = json.loads(run(sample_url, "export", "--format", "claimreview").stdout)
    assert len(reviews) == 1
    assert reviews[0]["url"] == "https://news.example/fact-checks/5"
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Valdoria Fact Desk", "url": "https://news.example"}
    assert reviews[0]["itemReviewed"]["appearance"][0]["@type"] == "CreativeWork"


@pytest.mark.parametrize("who,message", [
    ("vic", "claims: vic is a viewer and cannot change the desk's settings"),
    ("nobody", "claims: no account"),
])
def test_settings_are_an_editors(sample_url: str, who: str, message: str) -> None:
    p = run(sample_url, "settings", "--newsroom", "X", "--reviewer", who, ok=False)
    assert p.returncode == 1 and p.stderr.startswith(message)
    assert "newsroom:       (not set)" in run(sample_url, "settings").stdout


def test_init_keeps_the_desk_url_for_claim_links(sample_url: str) -> None:
    run(sample_url, "init", "--url", "http://127.0.0.1:8601")
    rows = list(csv.DictReader(io.StringIO(run(sample_url, "export").stdout)))
    assert rows[0]["claim_link"] == f"http://127.0.0.1:8601/claim?id={rows[0]['claim_id']}"
    run(sample_url, "settings", "--desk-url", "https://desk.news.example/", "--reviewer", "ana")
    run(sample_url, "init", "--url", "http://127.0.0.1:8501")  # the next `make run` keeps the editor's URL
    rows = list(csv.DictReader(io.StringIO(run(sample_url, "export", "--evidence-rows").stdout)))
    assert rows[0]["claim_link"] == f"https://desk.news.example/claim?id={rows[0]['claim_id']}"
    assert "evidence_stance" in rows[0]
