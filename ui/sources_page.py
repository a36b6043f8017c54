"""Sources: upload articles (several files, every supported format), the list, one article's view."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from claims import ingest, sources
from claims.text.readers import SUPPORTED
from ui import common, text
from ui.text import md_escape

PER_PAGE = 50


def _upload() -> None:
    files = st.file_uploader(
        "Articles (.txt, .md, .html, .csv, .jsonl)", type=[s.lstrip(".") for s in SUPPORTED],
        accept_multiple_files=True, key="upload_files",
    )
    if not st.button("Ingest", key="upload_go", type="primary", disabled=not files):
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

    try:
        ingest.ingest_uploads(common.get_db(), [(f.name, f.getvalue()) for f in files or []], on_file=on_file)
    except Exception as exc:  # noqa: BLE001 - one line; the files listed below were stored
        st.error(md_escape(common.failure(f"Ingest stopped after {len(results)} of {total} files", exc)))
    bar.progress(len(results) / max(total, 1), text=f"Done: {len(results)} of {total} files")
    common.quietly("refreshing the filter options", common.filter_options, fresh=True)
    st.session_state["upload_results"] = results
    st.dataframe(pd.DataFrame(results), hide_index=True, key="upload_table")


def _article(source_id: int) -> None:
    src = sources.source_view(common.get_db(), source_id)
    if src is None:
        st.warning(f"There is no source {source_id}.")
        return
    st.html(
        f"<h3>{text.escape(src['title'])}</h3>"
        + text.meta_line(src.get("outlet"), src.get("author"), str(src["published"]) if src.get("published") else None,
                         src.get("filename"))
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
    st.html(text.statements_html(src["text"], src["statements"]))
    st.dataframe(pd.DataFrame([
        {"#": s["seq"], "kind": s["kind"], "speaker": s["speaker"] or "", "statement": s["text"],
         "check-worthy": s["checkworthy"], "claim": s["claim_id"], "status": s["status"] or ""}
        for s in src["statements"]
    ]), hide_index=True, width="stretch", key="article_statements")


def render() -> None:
    common.style()
    st.title("Sources")
    with st.expander("Upload articles", expanded=False):
        _upload()
    raw = st.query_params.get("id")
    if raw and str(raw).isdigit() and st.session_state.get("source_view") != int(raw):
        st.session_state["source_view"] = int(raw)
    page = sources.list_sources(common.get_db(), page=int(st.session_state.get("sources_page") or 1), per_page=PER_PAGE)
    c1, c2 = st.columns([1, 1])
    c1.number_input(f"Page (of {page.pages}, {page.total} sources)", min_value=1, max_value=page.pages,
                    step=1, key="sources_page")
    view = c2.number_input("Show source id", min_value=1, step=1, value=None, key="source_view")
    if view:
        if st.query_params.get("id") != str(int(view)):  # rewriting the same URL would upset Back
            st.query_params["id"] = str(int(view))
        _article(int(view))
        st.divider()
    st.dataframe(pd.DataFrame([
        {"id": r["id"], "title": r["title"], "outlet": r["outlet"] or "", "published": r["published"],
         "statements": r["statements"], "claims": r["claims"], "ingested": r["ingested_at"]}
        for r in page.rows
    ]), hide_index=True, width="stretch", key="sources_table")


render()
