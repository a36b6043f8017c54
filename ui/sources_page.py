"""Sources: add articles (files, or a page by its address), find a source by title or outlet,
read one with its statements. The open source, the statement to land on and the search to go back
to are in the URL (`?id=&statement=&q=`): Back, a reload and a shared link show the same."""
from __future__ import annotations

from pathlib import PurePath
from typing import Any, Optional

import pandas as pd
import streamlit as st

from claims import accounts, ingest, sources
from claims.text.readers import SUPPORTED
from ui import common, text
from ui.text import md_escape

PER_PAGE = 50
SEARCH_PAGE = "ui/search_page.py"
# Our own script (no article text in it): brings the statement a link landed on into view.
_SCROLL = """<script>
(function () {
  let tries = 0;
  const timer = setInterval(function () {
    const el = window.parent.document.getElementById("cd-focus") || document.getElementById("cd-focus");
    if (el) { el.scrollIntoView({block: "center"}); clearInterval(timer); }
    if (++tries > 50) clearInterval(timer);
  }, 100);
})();
</script>"""


def _upload() -> None:
    allowed = common.can("ingest")
    files = st.file_uploader(
        "Articles (.txt, .md, .html, .csv, .jsonl)", type=[s.lstrip(".") for s in SUPPORTED],
        accept_multiple_files=True, key="upload_files", disabled=not allowed,
    )
    if not st.button("Ingest", key="upload_go", type="primary", disabled=not files or not allowed):
        if st.session_state.get("upload_results"):
            st.dataframe(pd.DataFrame(st.session_state["upload_results"]), hide_index=True, key="upload_table")
        return
    results: list[dict[str, object]] = []
    bar = st.progress(0.0, text="Ingesting…")
    total = len(files or [])

    def on_file(r: ingest.FileResult) -> None:
        arts = r.articles
        results.append({
            "file": r.path, "result": r.status, "message": r.message,
            "statements": sum(a.statements for a in arts), "claims": sum(a.claims for a in arts),
        })
        bar.progress(len(results) / max(total, 1), text=f"{len(results)} of {total} files")

    stopped = False
    try:
        if not common.still_signed_in():
            st.rerun()  # the sign-in page says why
        ingest.ingest_uploads(common.get_db(), [(f.name, f.getvalue()) for f in files or []], on_file=on_file,
                              by=common.reviewer())
    except accounts.AccountError as exc:
        stopped = True
        st.error(md_escape(f"Not ingested: {exc}"))
    except Exception as exc:  # noqa: BLE001 - one line; the files listed below were stored
        stopped = True
        st.error(md_escape(common.failure(f"Ingest stopped after {len(results)} of {total} files", exc)))
    # The bar is gone once the work is: the outcome says what happened, and a failure is not a full green bar.
    bar.empty()
    failed = [r for r in results if r["result"] in ("error", "partial")]
    if not stopped:
        line = f"{len(results) - len(failed)} of {total} files ingested"
        if failed:
            st.warning(md_escape(f"{line}; {len(failed)} not (or not wholly): "
                                 + ", ".join(str(r["file"]) for r in failed) + ". See the table."))
        else:
            st.success(md_escape(line + "."))
    common.quietly("refreshing the filter options", common.filter_options, fresh=True)
    st.session_state["upload_results"] = results
    st.dataframe(pd.DataFrame(results), hide_index=True, key="upload_table")


@common.writes("Page not added", where="url")
def _ingest_url() -> None:
    """A news page by its address: fetched, its main text ingested; the result beside the field."""
    url = (st.session_state.get("url_to_ingest") or "").strip()
    if not url:
        common.flash("warning", "Type the page's address first.", where="url")
        return
    try:
        summary = ingest.ingest_url(common.get_db(), url, by=common.reviewer())
    except accounts.AccountError as exc:
        common.flash("error", f"Not added: {md_escape(exc)}", where="url")
        return
    r = summary.files[0]
    if r.status == "error":
        common.flash("error", f"Not added: {md_escape(r.message)}", where="url")
        return
    common.quietly("refreshing the filter options", common.filter_options, fresh=True)
    art = r.articles[0] if r.articles else None
    if r.status == "duplicate" and art:
        common.flash("info", f"Already on the desk: {md_escape(art.title)}.")
    elif art:
        common.flash("success", f"Added {md_escape(art.title)}: {art.statements} statements, {art.claims} claims.")
    st.session_state["url_to_ingest"] = ""
    if art:
        st.query_params.from_dict({"id": str(art.source_id)})


def _add_url() -> None:
    with st.form("ingest_url_form", border=False, enter_to_submit=True):
        c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
        c1.text_input("Add a page by its address", key="url_to_ingest", placeholder="https://news.example/2026/05/story",
                      disabled=not common.can("ingest"))
        c2.form_submit_button("Fetch and add", on_click=_ingest_url, disabled=not common.can("ingest"), width="stretch")
    common.show_flash("url")


def _file_name(name: Optional[str]) -> Optional[str]:
    """Only the file's own name: where it lay on the server is no one's business."""
    return PurePath(name.replace("\\", "/")).name or None if name else None


def _article(source_id: int, focus: Optional[int]) -> None:
    src = sources.source_view(common.get_db(), source_id)
    if src is None:
        st.warning(f"There is no source {source_id}.")
        return
    st.html(
        f"<h3>{text.escape(src['title'])}</h3>"
        + text.meta_line(src.get("outlet"), src.get("author"), str(src["published"]) if src.get("published") else None,
                         _file_name(src.get("filename")))
        + '<div class="cd-meta">' + text.link_html(src.get("url"), src.get("url") or "no link") + "</div>"
    )
    speakers = sorted({s["speaker"] for s in src["statements"] if s["speaker"]})
    legend = " ".join(
        f'<span class="cd-stmt" style="background:{colour}">{text.escape(kind.replace("_", " "))}</span>'
        for kind, colour in text.KIND_COLOURS.items()
    ) + " · speakers: " + (" ".join(
        f'<span class="cd-stmt" style="border-bottom-color:{text.speaker_colour(s)}">{text.escape(s)}</span>'
        for s in speakers
    ) or "none")
    st.html('<div class="cd-meta">' + legend + "</div>")
    st.html(text.statements_html(src["text"], src["statements"], focus=focus))
    if focus is not None:
        st.html(_SCROLL, unsafe_allow_javascript=True)
    st.dataframe(pd.DataFrame([
        {"#": s["seq"], "kind": s["kind"], "speaker": s["speaker"] or "", "statement": s["text"],
         "check-worthy": s["checkworthy"], "claim": s["claim_id"], "status": s["status"] or ""}
        for s in src["statements"]
    ]), hide_index=True, width="stretch", key="article_statements")


def _on_pick() -> None:
    picked = common.picked_row("sources_table", "sources_ids")
    if picked is not None:
        st.query_params.from_dict({"id": str(picked), **_find_param()})


def _find_param() -> dict[str, str]:
    """The list's search, carried in the URL: Back, "All sources" and a reload find it again."""
    raw = st.session_state["sources_find"] if "sources_find" in st.session_state else st.query_params.get("find")
    find = (raw or "").strip()
    return {"find": find} if find else {}


def _step(step: int) -> None:
    st.session_state["sources_page"] = max(1, int(st.session_state.get("sources_page") or 1) + step)


def _back_links(params: dict[str, Any]) -> None:
    c1, c2 = st.columns(2)
    if params.get("q"):
        c1.page_link(SEARCH_PAGE, label="Back to the search", icon=":material/arrow_back:",
                     query_params={"q": params["q"]})
    c2.button("All sources", key="sources_close", icon=":material/list:",
              on_click=lambda: st.query_params.from_dict(_find_param()))


def render() -> None:
    common.style()
    st.title("Sources")
    common.show_flash()
    params = st.query_params.to_dict()
    raw, stmt = params.get("id", ""), params.get("statement", "")
    if raw.isdigit():
        _back_links(params)
        _article(int(raw), int(stmt) if stmt.isdigit() else None)
        return
    with st.expander("Add articles", expanded=False):
        if not common.can("ingest"):
            st.info("As a viewer you can read the sources but not add articles.", icon=":material/lock:")
        _add_url()
        _upload()
    if "sources_find" not in st.session_state:  # a reload, Back, or a shared link: from the URL
        st.session_state["sources_find"] = st.query_params.get("find") or ""
    st.text_input("Find a source (title or outlet contains)", key="sources_find",
                  on_change=lambda: st.session_state.update(sources_page=1))
    find = st.session_state.get("sources_find") or ""
    if st.query_params.to_dict() != _find_param():
        st.query_params.from_dict(_find_param())
    page_no = int(st.session_state.get("sources_page") or 1)
    page = sources.list_sources(common.get_db(), page=page_no, per_page=PER_PAGE, text=find)
    if page_no > page.pages:
        page_no = st.session_state["sources_page"] = page.pages
        page = sources.list_sources(common.get_db(), page=page_no, per_page=PER_PAGE, text=find)
    st.session_state["sources_ids"] = [r["id"] for r in page.rows]
    if not page.rows:
        st.info("No source's title or outlet contains that." if find else "No sources yet: add articles above.")
        return
    st.dataframe(pd.DataFrame([
        {"id": r["id"], "title": r["title"], "outlet": r["outlet"] or "", "published": r["published"],
         "statements": r["statements"], "claims": r["claims"], "ingested": r["ingested_at"]}
        for r in page.rows
    ]), hide_index=True, width="stretch", key="sources_table", on_select=_on_pick,
        selection_mode=["single-row", "single-cell"],
        column_config={"id": st.column_config.NumberColumn(width=60), "title": st.column_config.TextColumn(width="large")})
    p1, p2, p3 = st.columns([1, 2, 1], vertical_alignment="center")
    p1.button("Previous page", key="sources_prev", icon=":material/chevron_left:", on_click=_step, args=(-1,),
              disabled=page_no <= 1, width="stretch")
    p2.caption(f"Page {page_no} of {page.pages} · {page.total} source{'' if page.total == 1 else 's'} · click a row to read it")
    p3.button("Next page", key="sources_next", icon=":material/chevron_right:", on_click=_step, args=(1,),
              disabled=page_no >= page.pages, width="stretch")


render()
