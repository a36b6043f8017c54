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
