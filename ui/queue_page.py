"""Queue: filtered, sorted, paginated claims; counts per status; next unreviewed; assignment."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from claims import queue, reservations, review
from claims.queue import ClaimFilter
from claims.text.vocab import CLAIM_STATUSES, DEFAULT_SORT, SORT_LABELS
from ui import common
from ui.text import md_escape

PER_PAGE = (25, 50, 100, 200)
ROW_HEIGHT = 32


def _first_page() -> None:
    st.session_state["q_page"] = 1


def _on_table_select() -> None:
    """Clicking a row opens its claim (the page draws, then changes page: see render)."""
    picked = common.picked_row("queue_table", "q_page_ids")
    if picked is not None:
        st.session_state["queue_open_id"] = picked
        st.session_state["queue_open_now"] = picked


def _step_page(step: int, pages: int) -> None:
    st.session_state["q_page"] = min(max(1, int(st.session_state.get("q_page") or 1) + step), pages)


@common.writes("Not assigned", where="assign")
def _assign() -> None:
    who = common.reviewer()
    ids = list(st.session_state.get("assign_ids") or [])
    target = (st.session_state.get("assign_new") or "").strip() or st.session_state.get("assign_to")
    if not who:
        common.flash("error", "Sign in before assigning claims.", where="assign")
        return
    if not ids:
        common.flash("warning", "Choose the claims to assign first.", where="assign")
        return
    to = None if target in (None, "(nobody)") else target
    try:
        n = review.assign(common.get_db(), ids, to=to, reviewer=who)
    except review.ReviewError as exc:
        common.flash("error", "Not assigned: " + md_escape(exc), where="assign")
        return
    common.filter_options(fresh=True)
    common.flash("success", f"{n} claims assigned to {md_escape(to)}" if to else f"{n} claims unassigned")
    st.session_state["assign_ids"] = []
    st.session_state["assign_new"] = ""


def _seed_from_url() -> ClaimFilter:
    """The slice in the URL (filters, sort, page, per page) into widgets that have none yet:
    so Back, a reload or a shared link shows what was shown."""
    params = st.query_params
    st.session_state.setdefault("q_sort", queue.sort_from_params(params))
    per_page = params.get("per_page")
    st.session_state.setdefault("q_per_page", int(per_page) if per_page and per_page.isdigit()
                                and int(per_page) in PER_PAGE else PER_PAGE[1])
    page = params.get("page")
    st.session_state.setdefault("q_page", int(page) if page and page.isdigit() and int(page) > 0 else 1)
    return queue.filter_from_params(params)


def _write_url(filters: ClaimFilter, sort: str, page: int, per_page: int) -> None:
    params = queue.filter_params(filters)
    if sort != DEFAULT_SORT:
        params["sort"] = sort
    if page != 1:
        params["page"] = str(page)
    if per_page != PER_PAGE[1]:
        params["per_page"] = str(per_page)
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def render() -> None:
    common.style()
    db = common.get_db()
    st.title("Claim queue")
    common.show_flash()
    initial = _seed_from_url()
    # The URL is the slice; the filter widgets only edit it. Folded away they are not drawn at
    # all (a folded expander's widgets, not shown in the browser, would send back empty values).
    f1, f2 = st.columns([1, 5], vertical_alignment="center")
    shown = f1.toggle("Filters", key="q_show_filters")
    if shown:
        with st.container(border=True):
            filters = common.claim_filters("q", on_change=_first_page, initial=initial)
    else:
        filters = initial
    c1, c2, c3 = st.columns([3, 1, 1.2], vertical_alignment="bottom")
    sort = c1.selectbox("Sort by", list(SORT_LABELS), format_func=SORT_LABELS.get, key="q_sort", on_change=_first_page)
    per_page = c2.selectbox("Per page", PER_PAGE, key="q_per_page", on_change=_first_page)
    page_no = int(st.session_state.get("q_page") or 1)
    result = queue.list_claims(db, filters, sort=sort, page=page_no, per_page=per_page)
    if page_no > result.pages:  # the filters shrank the list under the page we were on
        page_no = result.pages
        result = queue.list_claims(db, filters, sort=sort, page=page_no, per_page=per_page)
    st.session_state["q_page"] = page_no
    opened = st.session_state.pop("queue_open_now", None)
    if opened is not None:
        common.open_claim(opened, walk=filters)
    _write_url(filters, sort, page_no, per_page)
    # The counts are one line beside the slice, not a row of big numbers above the table.
    counts = " · ".join(f"{result.counts.get(s, 0)} {s.replace('_', ' ')}" for s in CLAIM_STATUSES)
    f2.caption(f"Showing: {md_escape(queue.describe(filters))} — {result.total} claim{'' if result.total == 1 else 's'} · by status: {counts}")

    if c3.button("Next unreviewed", key="queue_next", type="primary", icon=":material/skip_next:", width="stretch"):
        cid = queue.next_unreviewed(db, filters, assigned_to=common.reviewer() or None,
                                    skip=reservations.held_by_others(db, common.reviewer()), sort=sort)
        if cid is None:
            st.info(f"No unreviewed claims left in {md_escape(queue.describe(filters))}.")
        else:
            common.open_claim(cid, walk=filters)

    rows = result.rows
    st.session_state["q_page_ids"] = [r["claim_id"] for r in rows]
    if not rows:
        st.info("No claims match these filters.")
        return
    texts = {r["claim_id"]: r["claim_text"] for r in rows}
    held = common.quietly("reading who holds what", reservations.holders, db, list(texts)) or {}
    me = common.reviewer()
    df = pd.DataFrame(
        {
            "id": [r["claim_id"] for r in rows],
            "claim": [r["claim_text"] for r in rows],
            "speaker": [r["speaker"] or "" for r in rows],
            "outlet": [r["outlet"] or "" for r in rows],
            "stated": [r["stated_on"] or r["published"] for r in rows],
            # a claim someone has open says so: "held: ana" (reviewed claims are not held)
            "status": [f"held: {'you' if held[r['claim_id']] == me else held[r['claim_id']]}"
                       if r["claim_id"] in held and r["status"] != "reviewed" else r["status"].replace("_", " ")
                       for r in rows],
            "verdict": [r["verdict"] or "" for r in rows],
            # what matching found (the cache) or a reviewer attached, whichever is more
            "contradicts": [max(r.get("n_found_contradicts") or 0, r["n_contradicts"] or 0) for r in rows],
            "assigned to": [r["assigned_to"] or "" for r in rows],
            "reviewer": [r["reviewer"] or "" for r in rows],
            "check-worthy": [r["checkworthy"] for r in rows],
        }
    )
    # Every key column fits at 1440 px beside the sidebar (the claim takes what is left, cut with
    # an ellipsis; hovering shows it whole), and the table is tall enough for 15+ rows.
    st.dataframe(
        df, key="queue_table", on_select=_on_table_select, selection_mode=["single-row", "single-cell"], hide_index=True,
        width="stretch", height=min(len(rows), 20) * ROW_HEIGHT + ROW_HEIGHT + 3, row_height=ROW_HEIGHT,
        column_config={
            "id": st.column_config.NumberColumn("#", width=42),
            "claim": st.column_config.TextColumn("claim", width=230),
            "speaker": st.column_config.TextColumn("speaker", width=96),
            "outlet": st.column_config.TextColumn("outlet", width=96),
            "stated": st.column_config.DateColumn("stated", width=82, format="YYYY-MM-DD"),
            "status": st.column_config.TextColumn("status", width=80),
            "verdict": st.column_config.TextColumn("verdict", width=80),
            "contradicts": st.column_config.NumberColumn(
                "contra.", width=50, help="contradicting statements: found by matching, or attached as evidence"),
            "assigned to": st.column_config.TextColumn("assigned", width=64),
            "reviewer": st.column_config.TextColumn("reviewer", width=64),
            "check-worthy": st.column_config.ProgressColumn("worth", min_value=0.0, max_value=1.0, format="%.2f",
                                                            width=48, help="check-worthiness"),
        },
    )

    p1, p2, p3, p4 = st.columns([1, 1.4, 0.6, 1], vertical_alignment="center")
    p1.button("Previous page", key="q_prev", icon=":material/chevron_left:", on_click=_step_page,
              args=(-1, result.pages), disabled=page_no <= 1, width="stretch")
    p2.caption(f"Page {page_no} of {result.pages} · click a row to open its claim")
    p3.number_input("Page", min_value=1, max_value=result.pages, step=1, key="q_page", label_visibility="collapsed")
    p4.button("Next page", key="q_next_page", icon=":material/chevron_right:", on_click=_step_page,
              args=(1, result.pages), disabled=page_no >= result.pages, width="stretch")

    with st.expander("Assign claims", expanded=common.pending_flash("assign")):
        common.show_flash("assign")
        opts = common.filter_options()
        # Selections from another page of the queue are not options here.
        st.session_state["assign_ids"] = [i for i in st.session_state.get("assign_ids") or [] if i in texts]
        may = common.can("claims")  # read-only for a viewer, not refused after the click
        if not may:
            st.caption("Only a reviewer or above assigns claims.")
        # Each claim with the start of its text: "#96" alone says nothing.
        st.multiselect("Claims on this page", list(texts), key="assign_ids", disabled=not may,
                       format_func=lambda cid: f"#{cid} {texts[cid][:60]}")
        a1, a2 = st.columns(2)
        a1.selectbox("Assign to", ["(nobody)", *opts["reviewers"]], key="assign_to", disabled=not may)
        a2.text_input("…or another account's name", key="assign_new", disabled=not may)
        st.button("Assign", key="assign_go", on_click=_assign, disabled=not may)


render()
