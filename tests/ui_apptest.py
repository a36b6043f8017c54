"""Helpers for the AppTest suites of the review desk (tests/test_ui_*.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

from claims import accounts, queue
from claims.queue import ClaimFilter
from db.engine import Database, open_database

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
# The first run imports pandas, altair and the matching engine.
TIMEOUT = 60


def make_app(url: str, monkeypatch: Any, *, reviewer: str | None = "ana") -> AppTest:
    """The desk over that database, signed in as REVIEWER (an account of conftest.TEST_ACCOUNTS)
    with a real session token, as the sign-in form would leave it; None: not signed in."""
    monkeypatch.setenv("CLAIMS_DATABASE_URL", url)
    # Caches are per process: a previous test's engine points at another file.
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if reviewer:
        db = open_database(url)
        try:
            account = accounts.get(db, reviewer)
            assert account is not None, f"no test account {reviewer}"
            at.session_state["session_token"] = accounts.issue_token(db, account.id)
        finally:
            db.dispose()
    return at


def open_page(at: AppTest, page: str, **query: str) -> AppTest:
    """Run the router once (registers the pages), then the page."""
    if not at._tree.children:  # noqa: SLF001 - not run yet
        at.run()
    at.switch_page(f"ui/{page}_page.py")
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def claim_id_by_text(db: Database, fragment: str) -> int:
    rows = queue.list_claims(db, ClaimFilter(text=fragment)).rows
    assert len(rows) == 1, [r["text"] for r in rows]
    return int(rows[0]["claim_id"])


def html_bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def markdown_bodies(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def frame_with(at: AppTest, *columns: str) -> Any:
    """The first dataframe shown with these columns (st.dataframe keys are not exposed)."""
    for df in at.dataframe:
        value = df.value
        if all(c in value.columns for c in columns):
            return value
    raise AssertionError(f"no dataframe with columns {columns}")
