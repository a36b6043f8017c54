"""AppTest of the search page: ranked statements with stance and reasons; filters; promote."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from claims import search as matching
from db.engine import Database
from db.queries.sources import source_statements
from tests.ui_apptest import assert_clean, html_bodies, make_app, open_page

QUERY = "Unemployment has fallen to 5.2 percent"


@pytest.fixture
def app(loaded_db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    at = open_page(make_app(db_url, monkeypatch), "search")
    at.text_area(key="search_text").input(QUERY).run()
    return at


def hits(at: AppTest) -> list[str]:
    return [b for b in html_bodies(at) if "score" in b]


def test_search_ranks_statements_with_stance_and_reasons(app: AppTest, loaded_db: Database) -> None:
    assert_clean(app)
    expected = matching.search(loaded_db, QUERY, limit=20)
    shown = hits(app)
    assert len(shown) == len(expected) > 0
    assert f"score {expected[0].score:.0f}" in shown[0]
    assert any("cd-contradicts" in b and "•" in b for b in shown)  # a contradiction with its reasons


def test_stance_and_outlet_filters(app: AppTest, loaded_db: Database) -> None:
    app.selectbox(key="search_stance").select("contradicts").run()
    shown = hits(app)
    assert shown and all("cd-contradicts" in b and "cd-supports" not in b for b in shown)
    app.selectbox(key="search_stance").select("(any)")
    app.selectbox(key="search_outlet").select("VBS News").run()
    assert all("VBS News" in b for b in hits(app))


def test_promote_a_statement_to_a_claim(loaded_db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with loaded_db.read() as s:
        narration = [r for r in source_statements(s, 1) if r.claim_id is None]
    target = narration[0]
    at = open_page(make_app(db_url, monkeypatch), "search")
    at.text_area(key="search_text").input(target.text).run()
    at.button(key=f"promote_{target.id}").click().run()
    assert_clean(at)
    assert "is claim" in at.success[0].value
    with loaded_db.read() as s:
        assert next(r for r in source_statements(s, 1) if r.id == target.id).claim_id is not None
    # Now it links to its claim instead of offering promotion.
    assert not [b for b in at.button if b.key == f"promote_{target.id}"]


def test_unsearchable_query_says_why(loaded_db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(db_url, monkeypatch), "search")
    at.text_area(key="search_text").input('" ( the of ,').run()
    assert not at.exception
    assert "no searchable words" in at.warning[0].value
    # Full-text syntax typed by a reviewer is searched as words, not parsed.
    at.text_area(key="search_text").input('lease NEAR( "Pier 4" OR *').run()
    assert_clean(at)
    assert any("Pier 4" in b for b in hits(at))
