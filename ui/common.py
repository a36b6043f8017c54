"""Helpers shared by the pages: the cached database, the reviewer, the filters."""
from __future__ import annotations

from datetime import date
from typing import Any, Callable, Optional

import streamlit as st

from claims import queue
from claims.queue import ClaimFilter
from claims.text.vocab import CLAIM_STATUSES
from db.engine import Database, database_url, open_database
from ui import text

ANY = "(any)"
NO_VERDICT = "(no verdict)"
CLAIM_PAGE = "ui/claim_page.py"


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    # One engine (and one migration check) per URL for the whole server:
    # every session and rerun shares its connection pool.
    return open_database(url)


def get_db() -> Database:
    return _database(database_url())


@st.cache_data(ttl=30, show_spinner=False)
def _filter_options(url: str) -> dict[str, list[str]]:
    return queue.filter_options(_database(url))


def filter_options(*, fresh: bool = False) -> dict[str, list[str]]:
    """Outlets, speakers, reviewers, verdicts; cached for 30 s (they change rarely)."""
    if fresh:
        _filter_options.clear()
    return _filter_options(database_url())


def init_state() -> None:
    """Session defaults, set once per session (never overwrite what the user typed)."""
    defaults: dict[str, Any] = {"reviewer_name": "", "flash": []}
    for k, v in defaults.items():
        if k not in st.session_state:
            st.session_state[k] = v


def reviewer() -> str:
    return str(st.session_state.get("reviewer_name") or "").strip()


def flash(kind: str, message: str) -> None:
    """A message for the next run (callbacks run before the page draws)."""
    st.session_state.setdefault("flash", []).append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.get("flash", []):
        # Callers md_escape() names and article text: alerts render Markdown.
        getattr(st, kind)(message)
    st.session_state["flash"] = []


def style() -> None:
    st.html(text.STYLE)


def sidebar() -> None:
    who = reviewer()
    st.sidebar.caption(f"Reviewing as: {who}" if who else "Set your reviewer name in Settings.")


def open_claim(claim_id: int) -> None:
    st.session_state["claim_id"] = int(claim_id)
    st.switch_page(CLAIM_PAGE, query_params={"id": str(int(claim_id))})


def claim_filters(prefix: str, *, on_change: Optional[Callable[[], None]] = None) -> ClaimFilter:
    """The shared filter widgets (queue and report), keys `<prefix>_<field>`."""
    opts = filter_options()
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    c1, c2, c3, c4 = st.columns(4)
    status = c1.selectbox("Status", [ANY, *CLAIM_STATUSES], key=k("status"), on_change=on_change)
    verdict = c2.selectbox("Verdict", [ANY, NO_VERDICT, *opts["verdicts"]], key=k("verdict"), on_change=on_change)
    outlet = c3.selectbox("Outlet", [ANY, *opts["outlets"]], key=k("outlet"), on_change=on_change)
    assigned = c4.selectbox(
        "Assigned to", [ANY, "(unassigned)", *opts["reviewers"]], key=k("assigned"), on_change=on_change
    )
    c1, c2, c3, c4 = st.columns(4)
    speaker = c1.text_input("Speaker contains", key=k("speaker"), on_change=on_change)
    claim_text = c2.text_input("Claim text contains", key=k("text"), on_change=on_change)
    date_from = c3.date_input("Stated from", value=None, key=k("date_from"), on_change=on_change)
    date_to = c4.date_input("Stated until", value=None, key=k("date_to"), on_change=on_change)
    c1, c2, c3 = st.columns([2, 1, 1])
    min_cw = c1.slider("Check-worthiness at least", 0.0, 1.0, 0.0, 0.05, key=k("min_cw"), on_change=on_change)
    contra = c2.selectbox("Has contradictions", [ANY, "yes", "no"], key=k("contra"), on_change=on_change)
    source_id = c3.number_input("Source id", min_value=1, value=None, step=1, key=k("source"), on_change=on_change)
    return ClaimFilter(
        status=None if status == ANY else status,
        verdict=None if verdict == ANY else ("none" if verdict == NO_VERDICT else verdict),
        outlet=None if outlet == ANY else outlet,
        assigned_to=None if assigned == ANY else ("none" if assigned == "(unassigned)" else assigned),
        speaker=speaker.strip() or None,
        text=claim_text.strip() or None,
        date_from=date_from if isinstance(date_from, date) else None,
        date_to=date_to if isinstance(date_to, date) else None,
        min_checkworthy=min_cw or None,
        has_contradictions=None if contra == ANY else contra == "yes",
        source_id=int(source_id) if source_id else None,
    )
