"""Report: the queue's filters, charts, the CSV report, and a per-speaker ledger."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from claims import queue, report, review
from claims.queue import ClaimFilter
from claims.text.export import EVIDENCE_ROWS_COLUMNS, REPORT_COLUMNS
from claims.text.vocab import CLAIM_STATUSES
from db.engine import database_url
from ui import common
from ui.text import md_escape

LEDGER_ROWS = 200
# Rated verdicts from best (score 5) to worst (1); unrated ones in greys.
_RATED = {5: "#1a9850", 4: "#91cf60", 3: "#fee08b", 2: "#fc8d59", 1: "#d73027"}
_UNRATED = ["#762a83", "#9970ab", "#5e3c99", "#b2abd2"]


@st.cache_data(ttl=30, show_spinner=False)
def _verdict_scale(url: str) -> alt.Scale:
    """One colour per verdict, the same in every chart: green for true through red for false."""
    domain, colours, spare = [], [], iter(_UNRATED * 4)
    for r in review.scale(common.get_db()):
        domain.append(r["label"])
        colours.append(_RATED.get(r["score"]) or next(spare))
    return alt.Scale(domain=domain + ["(no verdict)"], range=colours + ["#d9d9d9"])


def _stacked(rows: list[dict], dim: str, title: str) -> None:
    if not rows:
        st.caption(f"{title}: nothing to show.")
        return
    df = pd.DataFrame(rows)
    chart = (
        alt.Chart(df, title=title)
        .mark_bar()
        .encode(
            y=alt.Y(f"{dim}:N", sort="-x", title=None),
            x=alt.X("sum(claims):Q", title="claims"),
            color=alt.Color("verdict:N", title="verdict", scale=_verdict_scale(database_url())),
            tooltip=[dim, "verdict", "claims"],
        )
    )
    st.altair_chart(chart, width="stretch")


def _charts(filters: ClaimFilter) -> None:
    data = report.report_charts(common.get_db(), filters)
    c1, c2 = st.columns(2)
    with c1:
        _stacked(data["by_speaker"], "speaker", "Verdicts by speaker")
    with c2:
        _stacked(data["by_outlet"], "outlet", "Verdicts by outlet")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Verdicts over time** (month stated)")
        if data["by_month"]:
            chart = alt.Chart(pd.DataFrame(data["by_month"])).mark_bar().encode(
                x=alt.X("month:O", title=None),
                y=alt.Y("sum(claims):Q", title="claims", axis=alt.Axis(tickMinStep=1)),
                color=alt.Color("verdict:N", title="verdict", scale=_verdict_scale(database_url())),
                tooltip=["month", "verdict", "claims"],
            )
            st.altair_chart(chart, width="stretch")
        else:
            st.caption("No dated claims.")
    with c2:
        st.markdown("**Contradictions found** (claims with a contradicting statement, found or attached)")
        if data["contradictions"]:
            df = pd.DataFrame(data["contradictions"]).set_index("outlet")
            df["not contradicted"] = df["claims"] - df["contradicted"]
            st.bar_chart(df[["contradicted", "not contradicted"]], horizontal=True)
        else:
            st.caption("No claims.")
    st.markdown("**Review throughput** (verdicts set per reviewer per day)")
    if data["throughput"]:
        chart = alt.Chart(pd.DataFrame(data["throughput"])).mark_bar().encode(
            x=alt.X("day:O", title=None),
            y=alt.Y("sum(verdicts):Q", title="verdicts", axis=alt.Axis(tickMinStep=1)),  # whole numbers
            color=alt.Color("reviewer:N"),
            tooltip=["day", "reviewer", "verdicts"],
        )
        st.altair_chart(chart, width="stretch")
    else:
        st.caption("No verdicts set yet.")


def _downloads(filters: ClaimFilter) -> None:
    db = common.get_db()
    c1, c2 = st.columns(2)
    rows = c1.toggle("One row per evidence item", key="report_evidence_rows",
                     help="Otherwise one row per claim, its evidence in one cell (one item a line).")
    excel = c1.toggle("For Excel (UTF-8 with a byte-order mark)", key="report_excel",
                      help="Without it Excel shows curly quotes and accents as mojibake.")
    # Built on click (a callable), not on every rerun: the whole report can be 10,000 rows.
    c1.download_button(
        "Download the CSV report", data=lambda: report.csv_report(db, filters, evidence_rows=rows, excel=excel),
        file_name="claimdesk-report.csv", mime="text/csv", key="report_csv", icon=":material/download:",
        on_click="ignore",
    )
    # Why nothing would be published is said here, not found out from an empty file.
    problem = report.claimreview_problem(db, filters) if common.can("publish") else None
    c2.download_button(
        "Download ClaimReview JSON-LD", data=lambda: report.claimreview_report(db, filters),
        file_name="claimdesk-claimreview.json", mime="application/ld+json", key="report_claimreview",
        on_click="ignore", disabled=not common.can("publish") or problem is not None,
        help=None if common.can("publish") else "Publishing ClaimReview is an editor's.",
    )
    if problem:
        c2.warning(md_escape(problem[0].upper() + problem[1:]) + ".", icon=":material/info:")
    elif not common.can("publish"):  # said beside the greyed button, not only on hover
        c2.caption("Publishing ClaimReview is an editor's: ask an editor to download it.")
    columns = EVIDENCE_ROWS_COLUMNS if rows else REPORT_COLUMNS
    st.caption("CSV columns: " + ", ".join(columns) + ". Times are UTC.")


def _ledger(filters: ClaimFilter) -> None:
    st.subheader("Speaker ledger")
    speakers = common.filter_options()["speakers"]
    if not speakers:
        st.caption("No speakers with claims yet.")
        return
    who = st.selectbox("Speaker", speakers, key="ledger_speaker")
    f = ClaimFilter(**{**filters.__dict__, "speaker": who})
    page = queue.list_claims(common.get_db(), f, sort="published", per_page=LEDGER_ROWS)
    cols = st.columns(4)
    cols[0].metric("Claims", page.total)
    for col, status in zip(cols[1:], CLAIM_STATUSES):
        col.metric(status.replace("_", " ").capitalize(), page.counts.get(status, 0))
    st.dataframe(pd.DataFrame([
        {"id": r["claim_id"], "stated": r["stated_on"] or r["published"], "claim": r["claim_text"],
         "verdict": r["verdict"] or "", "status": r["status"], "contradicts": r["n_contradicts"],
         "supports": r["n_supports"], "outlet": r["outlet"] or "", "source": r["source_title"]}
        for r in page.rows
    ]), hide_index=True, width="stretch", key="ledger_table")
    if page.total > LEDGER_ROWS:
        st.caption(f"Showing the newest {LEDGER_ROWS} of {page.total}; the CSV report has them all.")


def render() -> None:
    common.style()
    st.title("Report")
    with st.expander("Filters", expanded=True):
        filters = common.claim_filters("r")
    total = queue.list_claims(common.get_db(), filters, per_page=1).total
    st.caption(f"{total} claims match")
    _downloads(filters)
    _charts(filters)
    _ledger(filters)


render()
