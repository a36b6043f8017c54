"""Safe output and serving: ClaimReview JSON-LD that can be pasted into a page's
<script> block, only http(s) links, a UI bound to this machine by default."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims import report, review, settings
from claims.queue import ClaimFilter, list_claims
from claims.text import export
from db.engine import Database

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "Tal said </script><script>alert('x')</script> & <!-- more"
REC = {"claim_id": 7, "claim": HOSTILE, "verdict": "False", "rationale": "A & B <b>bold</b>",
       "speaker": "Ana </script>", "url": "javascript:alert(1)", "source_title": "T", "origin": "auto"}


def test_claimreview_json_escapes_script_breaking_characters() -> None:
    out = export.to_claimreview_json([REC])
    assert not re.search(r"[<>&]", out)  # nothing in it can close a <script> block or open an entity
    assert "\\u003c/script\\u003e\\u003cscript\\u003e" in out and "A \\u0026 B" in out
    back = json.loads(out)  # and it is still the same data for any JSON reader
    assert back[0]["claimReviewed"] == HOSTILE
    assert back[0]["reviewBody"] == "A & B <b>bold</b>"
    assert back[0]["itemReviewed"]["author"]["name"] == "Ana </script>"


def test_line_separators_are_escaped() -> None:
    out = export.to_claimreview_json([{**REC, "claim": "one\u2028two\u2029three"}])
    assert "\u2028" not in out and "\u2029" not in out and "one\\u2028two\\u2029three" in out


@pytest.mark.parametrize("url,kept", [
    ("https://example.org/a?b=1&c=2", True),
    ("http://example.org", True),
    ("  HTTPS://Example.org/x  ", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("//example.org/no-scheme", False),
    ("https://", False),
    ("https://exa mple.org", False),
    ("https://example.org/\"onmouseover=x", False),
    ("java\nscript:alert(1)", False),
    ("", False),
    (None, False),
    (42, False),
])
def test_only_http_urls_are_kept(url: object, kept: bool) -> None:
    cr = export.claimreview({**REC, "url": url})
    assert cr is not None
    assert ("appearance" in cr["itemReviewed"]) is kept
    if kept:
        assert cr["itemReviewed"]["appearance"][0]["url"] == str(url).strip()


def test_review_url_only_from_an_http_pattern() -> None:
    pattern = "https://news.example.org/fact-checks/{claim_id}"
    assert export.claimreview(REC, url_pattern=pattern)["url"] == "https://news.example.org/fact-checks/7"
    assert "url" not in export.claimreview(REC, url_pattern="javascript:alert({claim_id})//")
    assert "url" not in export.claimreview(REC, url_pattern="https://news.example.org/fact-checks/")  # no {claim_id}
    author = export.claimreview(REC, publisher="Desk", publisher_url="javascript:alert(1)")["author"]
    assert author == {"@type": "Organization", "name": "Desk"}


def test_settings_refuse_urls_that_are_not_http(db: Database) -> None:
    for field, value in (("fact_check_url", "javascript:alert({claim_id})"), ("fact_check_url", "https://x.example/a"),
                         ("newsroom_url", "data:text/html,x"), ("desk_url", "ftp://desk")):
        with pytest.raises(settings.SettingsError):
            settings.set_publishing(db, reviewer="ana", **{field: value})
    assert settings.publishing(db) == settings.Publishing()


@given(st.text())
def test_any_text_comes_out_script_safe_and_unchanged(text: str) -> None:
    out = export.to_claimreview_json([{**REC, "claim": text or "x", "rationale": text}])
    assert not re.search("[<>&\u2028\u2029]", out)
    assert json.loads(out)[0]["claimReviewed"] == (text or "x")


def test_report_from_the_database_is_script_safe(loaded_db: Database) -> None:
    cid = list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=1).rows[0]["claim_id"]
    review.set_verdict(loaded_db, cid, verdict="False", rationale="</script><script>alert(1)</script>",
                       reviewer="ana")
    settings.set_publishing(loaded_db, newsroom="Desk <b>", fact_check_url="https://news.example/{claim_id}",
                            reviewer="ana")
    out = report.claimreview_report(loaded_db, ClaimFilter(status="reviewed"))
    assert "</script>" not in out and "\\u003c/script\\u003e" in out
    assert any(r["reviewBody"] == "</script><script>alert(1)</script>" for r in json.loads(out))


def test_ui_listens_on_this_machine_only_by_default() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    # The README's hand-start command inherits it (it passes no other address).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    starts = re.findall(r"streamlit run app\.py[^`\n]*", readme)
    assert starts and all("0.0.0.0" not in s and "--server.address" not in s.replace(
        "--server.address 127.0.0.1", "") for s in starts)


def test_the_upload_box_states_the_readers_limit() -> None:
    """Streamlit's upload box says its own limit (200 MB by default); the desk's readers refuse a
    file over MAX_ARTICLE_BYTES, so the box is set to say that."""
    from claims.text.readers import MAX_ARTICLE_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_ARTICLE_BYTES
