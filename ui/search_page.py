"""Search: free text (or a pasted statement) -> ranked statements with stance and reasons.

The query runs on Enter (a one-line field) and lives in the URL (`?q=`), so Back from a hit's
source, a reload or a shared link shows the same hits."""
from __future__ import annotations

import streamlit as st

from claims import review, sources
from claims.text.vocab import STANCE_ORDER, speaker_label
from ui import common, text
from ui.text import md_escape

ANY = common.ANY
FETCH = 3  # hits fetched per entry shown: reprints fold into one
SOURCES_PAGE = "ui/sources_page.py"


def _promote_place(statement_id: int) -> str:
    return f"promote_{statement_id}"


@common.writes("Not promoted", where=_promote_place)
def _promote(statement_id: int) -> None:
    who = common.reviewer()
    try:
        cid = review.promote_statement(common.get_db(), statement_id, reviewer=who)
    except review.ReviewError as exc:
        common.flash("error", "Not promoted: " + md_escape(exc), where=_promote_place(statement_id))
        return
    common.flash("success", f"Statement {statement_id} is claim {cid} on the queue.")


def _write_url(query: str) -> None:
    want = {"q": query} if query else {}
    if st.query_params.to_dict() != want:  # rewriting the same URL would upset Back
        st.query_params.from_dict(want)


def render() -> None:
    common.style()
    st.title("Search statements")
    common.show_flash()
    # The URL is the query: a widget without a value yet (first visit, Back, a link) takes it.
    if "search_text" not in st.session_state:
        st.session_state["search_text"] = st.query_params.get("q", "")
    query = st.text_input("Text or a pasted statement (Enter searches)", key="search_text",
                          placeholder="e.g. unemployment fell to 5.2 percent", max_chars=2000)
    query = " ".join((query or "").split())
    _write_url(query)
    opts = common.filter_options()
    c1, c2, c3, c4 = st.columns(4)
    stance = c1.selectbox("Stance", [ANY, *STANCE_ORDER], key="search_stance")
    speaker = c2.text_input("Speaker contains", key="search_speaker")
    outlet = c3.selectbox("Outlet", [ANY, *opts["outlets"]], key="search_outlet")
    limit = c4.selectbox("Results", (10, 20, 50), index=1, key="search_limit")
    if not query:
        st.caption("Type a claim and press Enter to find the statements that repeat, support or contradict it.")
        return
    from claims import search as matching

    wanted = matching.HitFilter(speaker=speaker, outlet=None if outlet == ANY else outlet)
    try:
        # reprints fold into one entry: fetch more than are shown
        hits = matching.search(common.get_db(), query, limit=FETCH * limit,
                               stance=None if stance == ANY else stance, hits=wanted)
    except matching.SearchError as exc:
        st.warning(md_escape(exc))
        return
    groups = matching.group_matches(hits, by_stance=False)[:limit]
    places = sources.statement_places(common.get_db(), [g.top.statement_id for g in groups])
    st.caption(f"{len(groups)} statements" + (f" ({sum(g.count for g in groups)} with their reprints)"
                                              if any(g.copies for g in groups) else ""))
    for g in groups:
        h = g.top
        place = places.get(h.statement_id, {})
        stated = place.get("stated")
        with st.container(border=True, key=f"hit_{h.statement_id}"):
            common.show_flash(_promote_place(h.statement_id))
            who = speaker_label(h.speaker, h.speaker_title) or None
            st.html(
                f'<div class="cd-meta"><b>score {h.score:.0f}</b> · {text.badge(h.stance)}</div>'
                + '<div class="cd-text">' + text.diff_html(query, h.claim_text) + "</div>"
                + text.context_line(h.text, h.claim_text)
                + text.meta_line(who, f"stated {stated:%d %b %Y}" if stated else "date unknown", h.outlet, h.source_title)
                + (f'<div class="cd-meta">Same statement in {g.count} places: {text.escape(", ".join(g.outlets))}</div>'
                   if g.copies else "")
                + "".join(f'<div class="cd-meta">• {text.escape(r)}</div>' for r in h.reasons)
                + (f'<div class="cd-meta">Verdict: <b>{text.escape(h.verdict)}</b></div>' if h.verdict else "")
            )
            c1, c2 = st.columns(2)
            # The source opens at this statement, highlighted, with a link back to these hits.
            c1.page_link(SOURCES_PAGE, label="Read it in its source", icon=":material/article:",
                         query_params={"id": str(h.source_id), "statement": str(h.statement_id), "q": query})
            if h.claim_id:
                c2.page_link(common.CLAIM_PAGE, label=f"Open claim {h.claim_id}", icon=":material/gavel:",
                             query_params={"id": str(h.claim_id)})
            else:
                c2.button("Promote to claim", key=f"promote_{h.statement_id}", on_click=_promote,
                          args=(h.statement_id,))


render()
