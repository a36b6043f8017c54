"""AppTest of the search page: ranked statements with stance and reasons; filters; promote."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from db.engine import Database
from db.queries.sources import source_statements
from tests.ui_apptest import assert_clean, html_bodies, make_app, open_page

QUERY = "Unemployment has fallen to 5.2 percent"


@pytest.fixture
def app(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    at = open_page(make_app(sample_url, monkeypatch), "search")
    at.text_input(key="search_text").input(QUERY).run()
    return at


def hits(at: AppTest) -> list[str]:
    return [b for b in html_bodies(at) if "score" in b]


def test_search_ranks_statements_with_stance_and_reasons(app: AppTest, loaded_db: Database) -> None:
    assert_clean(app)
    shown = hits(app)
    assert len(shown) == 20  # the default "Results"
    # The fact-check quoting the minister word for word is at the top, first or second (beside her
    # own sentence: statements are sentences), scoring 90 or more (the score and order also weigh
    # the full-text score: bm25 on SQLite, ts_rank on PostgreSQL).
    top = [re.sub(r"<[^>]+>", "", b) for b in shown[:2]]
    check = next(t for t in top if "Unemployment has fallen to 5.2 percent, down from 6.1 percent a year ago." in t)
    assert int(re.match(r"score (\d+)", check).group(1)) >= 90
    # The statistics office's figure contradicts it, and the page says why.
    # (Words the claim lacks are wrapped in <mark>: read the text without tags.)
    office = next(b for b in shown if "rose to 5.8 percent in the first three months" in re.sub(r"<[^>]+>", "", b))
    assert "cd-contradicts" in office and "antonyms" in office
    # A hit shows its claim text; the sentence with its attribution frame is the context below.
    shown_text = re.sub(r"<[^>]+>", "", office)
    claim_part = shown_text.split("In context:")[0]
    assert "the National Statistics Office said" not in claim_part
    assert "In context: Unemployment in Valdoria rose to 5.8 percent" in shown_text
    assert "the National Statistics Office said on Wednesday" in shown_text.split("In context:")[1]


def test_stance_and_outlet_filters(app: AppTest, loaded_db: Database) -> None:
    app.selectbox(key="search_stance").select("contradicts").run()
    shown = hits(app)
    assert shown and all("cd-contradicts" in b and "cd-supports" not in b for b in shown)
    app.selectbox(key="search_stance").select("(any)")
    app.selectbox(key="search_outlet").select("VBS News").run()
    assert all("VBS News" in b for b in hits(app))


def test_promote_a_statement_to_a_claim(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with loaded_db.read() as s:
        narration = [r for r in source_statements(s, 1) if r.claim_id is None]
    target = narration[0]
    at = open_page(make_app(sample_url, monkeypatch), "search")
    at.text_input(key="search_text").input(target.text).run()
    at.button(key=f"promote_{target.id}").click().run()
    assert_clean(at)
    assert "is claim" in at.toast[0].value
    with loaded_db.read() as s:
        assert next(r for r in source_statements(s, 1) if r.id == target.id).claim_id is not None
    # Now it links to its claim instead of offering promotion.
    assert not [b for b in at.button if b.key == f"promote_{target.id}"]


def test_unsearchable_query_says_why(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "search")
    at.text_input(key="search_text").input('" ( the of ,').run()
    assert not at.exception
    assert "no searchable words" in at.warning[0].value
    # Full-text syntax typed by a reviewer is searched as words, not parsed.
    at.text_input(key="search_text").input('lease NEAR( "Pier 4" OR *').run()
    assert_clean(at)
    assert any("Pier 4" in b for b in hits(at))
