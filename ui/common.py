"""Helpers shared by the pages: the cached database, the reviewer, the filters."""
from __future__ import annotations

from datetime import date
from typing import Any, Callable, Optional

import streamlit as st

from claims import queue
from claims.accounts import Account
from claims.queue import ClaimFilter
from claims.text.vocab import CLAIM_STATUSES, ROLE_LABELS
from db.engine import Database, database_url, open_database
from ui import text

ANY = "(any)"
NO_VERDICT = "(no verdict)"
CLAIM_PAGE = "ui/claim_page.py"
QUEUE_PAGE = "ui/queue_page.py"


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
    defaults: dict[str, Any] = {"flash": []}
    for k, v in defaults.items():
        if k not in st.session_state:
            st.session_state[k] = v


def account() -> Optional[Account]:
    """The signed-in account of this run (app.py sets it after checking the session token)."""
    return st.session_state.get("account")


def reviewer() -> str:
    """The signed-in account's name: who every change on the page is made as."""
    a = account()
    return a.name if a else ""


def can(action: str) -> bool:
    """Whether the signed-in account may do ACTION: the UI greys out what the workflow would refuse."""
    a = account()
    return bool(a and a.can(action))


_TOAST_ICONS = {"success": ":material/check_circle:", "info": ":material/info:",
                "warning": ":material/warning:", "error": ":material/error:"}


def flash(kind: str, message: str, *, at: Optional[str] = None) -> None:
    """A message for the next run (callbacks run before the page draws): a toast, seen wherever
    the page is scrolled; with `at`, an error or warning also stays beside that control
    (drawn by `inline_flash(at)`), never at the top of a long page."""
    st.session_state.setdefault("flash", []).append((kind, message, at))


def show_flash() -> None:
    inline: dict[str, list[tuple[str, str]]] = {}
    for kind, message, at in st.session_state.get("flash", []):
        # Callers md_escape() names and article text: toasts and alerts render Markdown.
        st.toast(message, icon=_TOAST_ICONS.get(kind), duration="long" if kind in ("error", "warning") else "short")
        if at and kind in ("error", "warning"):
            inline.setdefault(at, []).append((kind, message))
    st.session_state["flash"] = []
    st.session_state["flash_at"] = inline


def inline_flash(at: str) -> None:
    """The last action's error or warning, drawn here: beside the control that caused it."""
    for kind, message in st.session_state.get("flash_at", {}).pop(at, []):
        getattr(st, kind)(message)


def style() -> None:
    st.html(text.STYLE)


def sidebar() -> None:
    from ui import auth  # auth uses get_db from here

    a = account()
    if a is None:
        return
    st.sidebar.markdown(f"Signed in as {text.md_escape(a.name)}")
    st.sidebar.caption(ROLE_LABELS.get(a.role, a.role))
    st.sidebar.button("Sign out", key="sign_out", on_click=auth.sign_out, icon=":material/logout:")


def open_claim(claim_id: int, walk: Optional[ClaimFilter] = None) -> None:
    """Open a claim; `walk` is the queue slice its "next" buttons go through, carried in the URL."""
    st.session_state["claim_id"] = int(claim_id)
    params = {"id": str(int(claim_id)), **(queue.filter_params(walk) if walk else {})}
    st.switch_page(CLAIM_PAGE, query_params=params)


def seed_filters(prefix: str, initial: ClaimFilter) -> None:
    """Put a filter (from the URL) into widgets that have no value yet: widget state is dropped
    when a page is left, so coming back (Back, a reload, a shared link) starts from the URL."""
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    values = {
        "status": initial.status or ANY,
        "verdict": NO_VERDICT if initial.verdict == "none" else (initial.verdict or ANY),
        "outlet": initial.outlet or ANY,
        "assigned": "(unassigned)" if initial.assigned_to == "none" else (initial.assigned_to or ANY),
        "speaker": initial.speaker or "", "text": initial.text or "",
        "date_from": initial.date_from, "date_to": initial.date_to,
        "min_cw": float(initial.min_checkworthy or 0.0),
        "contra": ANY if initial.has_contradictions is None else ("yes" if initial.has_contradictions else "no"),
        "source": initial.source_id,
    }
    for name, value in values.items():
        if k(name) not in st.session_state:
            st.session_state[k(name)] = value


def claim_filters(prefix: str, *, on_change: Optional[Callable[[], None]] = None,
                  initial: Optional[ClaimFilter] = None) -> ClaimFilter:
    """The shared filter widgets (queue and report), keys `<prefix>_<field>`; `initial` fills
    the widgets that have no value yet."""
    opts = filter_options()
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    if initial is not None:
        seed_filters(prefix, initial)
        # A value from a link that is no option here (a renamed verdict) falls back to any.
        for name, options in (("verdict", [ANY, NO_VERDICT, *opts["verdicts"]]), ("outlet", [ANY, *opts["outlets"]]),
                              ("assigned", [ANY, "(unassigned)", *opts["reviewers"]]), ("status", [ANY, *CLAIM_STATUSES])):
            if st.session_state.get(k(name)) not in options:
                st.session_state[k(name)] = ANY
    c1, c2, c3, c4 = st.columns(4)
    c1.selectbox("Status", [ANY, *CLAIM_STATUSES], key=k("status"), on_change=on_change)
    c2.selectbox("Verdict", [ANY, NO_VERDICT, *opts["verdicts"]], key=k("verdict"), on_change=on_change)
    c3.selectbox("Outlet", [ANY, *opts["outlets"]], key=k("outlet"), on_change=on_change)
    c4.selectbox(
        "Assigned to", [ANY, "(unassigned)", *opts["reviewers"]], key=k("assigned"), on_change=on_change
    )
    c1, c2, c3, c4 = st.columns(4)
    c1.text_input("Speaker contains", key=k("speaker"), on_change=on_change)
    c2.text_input("Claim text contains", key=k("text"), on_change=on_change)
    c3.date_input("Stated from", value=None, key=k("date_from"), on_change=on_change)
    c4.date_input("Stated until", value=None, key=k("date_to"), on_change=on_change)
    c1, c2, c3 = st.columns([2, 1, 1])
    # value=None is the minimum (0.0), and lets a seeded value stand without a warning.
    c1.slider("Check-worthiness at least", 0.0, 1.0, None, 0.05, key=k("min_cw"), on_change=on_change)
    c2.selectbox("Has contradictions", [ANY, "yes", "no"], key=k("contra"), on_change=on_change)
    c3.number_input("Source id", min_value=1, value=None, step=1, key=k("source"), on_change=on_change)
    return filter_from_state(prefix)


def filter_from_state(prefix: str) -> ClaimFilter:
    """The filter the widgets `<prefix>_*` hold (their session state), read before or after they are drawn."""
    v = lambda name, default=None: st.session_state.get(f"{prefix}_{name}", default)  # noqa: E731
    status, verdict, outlet, assigned = v("status", ANY), v("verdict", ANY), v("outlet", ANY), v("assigned", ANY)
    contra, source_id = v("contra", ANY), v("source")
    date_from, date_to = v("date_from"), v("date_to")
    return ClaimFilter(
        status=None if status == ANY else status,
        verdict=None if verdict == ANY else ("none" if verdict == NO_VERDICT else verdict),
        outlet=None if outlet == ANY else outlet,
        assigned_to=None if assigned == ANY else ("none" if assigned == "(unassigned)" else assigned),
        speaker=(v("speaker") or "").strip() or None,
        text=(v("text") or "").strip() or None,
        date_from=date_from if isinstance(date_from, date) else None,
        date_to=date_to if isinstance(date_to, date) else None,
        min_checkworthy=v("min_cw") or None,
        has_contradictions=None if contra == ANY else contra == "yes",
        source_id=int(source_id) if source_id else None,
    )
