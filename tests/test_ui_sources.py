"""AppTest of the sources page: multi-file upload with per-file results, list, article view."""
from __future__ import annotations

import pytest

from db.engine import Database
from tests.conftest import SAMPLE_DATA
from tests.ui_apptest import assert_clean, frame_with, html_bodies, make_app, open_page

NEW_ARTICLE = b"""---
title: Harbour fees to double, port authority says
outlet: The Harbour Herald
published: 2026-06-01
---
The Port Kestrel Harbour Authority said on Monday that berthing fees would double from July.

"We have not raised fees in eleven years," said Ivo Brandt, the authority's director.
"""


def test_upload_several_files_with_per_file_results(loaded_db: Database, sample_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "sources")
    dup = next(SAMPLE_DATA.glob("*.md"))
    at.get("file_uploader")[0].set_value([
        ("fees.md", NEW_ARTICLE, "text/markdown"),
        (dup.name, dup.read_bytes(), "text/markdown"),
        ("broken.csv", b"title,text\n\"unclosed", "text/csv"),
        ("../../escape.txt", b"\x00\x01\x02binary", "text/plain"),
    ])
    at.run()
    at.button(key="upload_go").click().run()
    assert_clean(at)
    res = frame_with(at, "file", "result", "message").set_index("file")
    assert res.loc["fees.md", "result"] == "added" and res.loc["fees.md", "statements"] >= 2
    assert res.loc[dup.name, "result"] == "duplicate"
    assert res.loc["broken.csv", "result"] == "error" and res.loc["broken.csv", "message"]
    assert res.loc["escape.txt", "result"] == "error"  # the path was stripped, the binary refused
    # The outcome in words, the failed files named; no progress bar left standing full.
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "2 of 4 files ingested; 2 not (or not wholly): broken.csv, escape.txt. See the table."]
    assert not at.get("progress")
    sources = frame_with(at, "id", "title", "statements")
    assert "Harbour fees to double, port authority says" in set(sources["title"])


def test_article_view_highlights_statements(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "sources", id="1")
    assert_clean(at)
    bodies = html_bodies(at)
    article = next(b for b in bodies if 'class="cd-stmt"' in b and "title=" in b)
    assert article.count('class="cd-stmt"') == len(frame_with(at, "kind", "statement"))
    assert "direct_quote" in article or "indirect_quote" in article
    assert "claim " in article  # a claim's status in the tooltip


def test_a_viewer_sees_the_add_panel_locked(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch, reviewer="vic"), "sources")
    assert_clean(at)
    assert "As a viewer you can read the sources but not add articles." in [i.value for i in at.info]
    assert at.get("file_uploader")[0].proto.disabled
    assert at.button(key="upload_go").disabled


def test_the_source_search_lives_in_the_url(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Find, open a source, come back ("All sources", Back, a shared link): the search is still there."""
    at = open_page(make_app(sample_url, monkeypatch), "sources")
    at.text_input(key="sources_find").input("Harbour").run()
    assert at.query_params["find"] in ("Harbour", ["Harbour"])
    titles = set(frame_with(at, "id", "title", "statements")["title"])
    # a new browser opening that address lists the same sources
    again = open_page(make_app(sample_url, monkeypatch), "sources", find="Harbour")
    assert again.text_input(key="sources_find").value == "Harbour"
    assert set(frame_with(again, "id", "title", "statements")["title"]) == titles
    # an open source keeps it for the way back
    sid = int(frame_with(again, "id", "title", "statements")["id"].iloc[0])
    opened = open_page(make_app(sample_url, monkeypatch), "sources", id=str(sid), find="Harbour")
    opened.button(key="sources_close").click().run()
    assert opened.query_params.get("find") in ("Harbour", ["Harbour"]) and "id" not in opened.query_params
    assert opened.text_input(key="sources_find").value == "Harbour"
