"""Claim: the claim in its source paragraph, its matches by stance, the verdict form, the history."""
from __future__ import annotations

from typing import Any, Optional

import pandas as pd
import streamlit as st

from claims import queue, review
from claims.text.vocab import STANCE_ORDER, speaker_label
from ui import common, text
from ui.text import md_escape

NO_VERDICT = common.NO_VERDICT
MATCH_LIMIT = 20


def _claim_id() -> Optional[int]:
    raw = st.query_params.get("id")
    if raw and str(raw).isdigit():
        st.session_state["claim_id"] = int(raw)
        return int(raw)
    cid = st.session_state.get("claim_id")
    if cid:
        st.query_params["id"] = str(cid)
    return cid


def _seen() -> dict[int, int]:
    # The version of each claim as this reviewer last saw it: saves are
    # compare-and-set against it, so another reviewer's save is never overwritten.
    return st.session_state.setdefault("seen_versions", {})


def _form_keys(cid: int) -> tuple[str, str, str]:
    return f"verdict_choice_{cid}", f"verdict_rationale_{cid}", f"verdict_reviewer_{cid}"


def _save(cid: int, expected_version: int) -> None:
    kv, kr, kw = _form_keys(cid)
    verdict = st.session_state.get(kv)
    rationale = st.session_state.get(kr) or ""
    who = (st.session_state.get(kw) or "").strip()
    try:
        state = review.set_verdict(
            common.get_db(), cid, verdict=None if verdict in (None, NO_VERDICT) else verdict,
            rationale=rationale, reviewer=who, expected_version=expected_version,
        )
    except review.StaleClaimError as exc:
        st.session_state[f"stale_{cid}"] = {
            "current": exc.current.__dict__, "mine": {"verdict": verdict, "rationale": rationale, "reviewer": who},
        }
        return
    except review.ReviewError as exc:
        common.flash("error", md_escape(exc))
        return
    st.session_state.pop(f"stale_{cid}", None)
    _seen()[cid] = state.version
    st.session_state["reviewer_name"] = who
    common.flash("success", f"Saved: {md_escape(state.verdict or 'no verdict')} ({state.status}).")


def _keep_theirs(cid: int) -> None:
    stale = st.session_state.pop(f"stale_{cid}", None)
    if stale:
        cur = stale["current"]
        _seen()[cid] = cur["version"]
        kv, kr, _ = _form_keys(cid)
        st.session_state[kv] = cur["verdict"] or NO_VERDICT
        st.session_state[kr] = cur["rationale"] or ""
        common.flash("info", "Kept the other reviewer's verdict; the form shows it now.")


def _who(cid: int) -> str:
    """The reviewer: from Settings, else the name typed in this claim's verdict form."""
    return common.reviewer() or (st.session_state.get(_form_keys(cid)[2]) or "").strip()


def _attach(cid: int, statement_id: int, score: float, reasons: list[str]) -> None:
    stance = st.session_state.get(f"ev_stance_{cid}_{statement_id}")
    note = (st.session_state.get(f"ev_note_{cid}_{statement_id}") or "").strip() or None
    who = _who(cid)
    try:
        review.attach_evidence(common.get_db(), cid, statement_id, stance=stance, reviewer=who,
                               note=note, score=score, reasons=reasons)
    except review.ReviewError as exc:
        common.flash("error", md_escape(exc))
        return
    common.flash("success", f"Statement {statement_id} attached as {stance}.")


def _reuse(cid: int, from_claim: int) -> None:
    who = _who(cid)
    try:
        state = review.reuse_verdict(common.get_db(), cid, from_claim_id=from_claim, reviewer=who,
                                     expected_version=_seen().get(cid))
    except review.StaleClaimError as exc:
        common.flash("error", md_escape(f"Not reused: {exc}"))
        return
    except review.ReviewError as exc:
        common.flash("error", md_escape(exc))
        return
    _seen()[cid] = state.version
    kv, kr, _ = _form_keys(cid)
    st.session_state[kv] = state.verdict or NO_VERDICT
    st.session_state[kr] = state.rationale or ""
    common.flash("success", f"Verdict {md_escape(state.verdict)} reused from claim {from_claim}.")


def _not_claim(cid: int) -> None:
    who = _who(cid)
    try:
        review.mark_not_claim(common.get_db(), cid, reviewer=who, expected_version=_seen().get(cid))
    except review.ReviewError as exc:
        common.flash("error", md_escape(exc))
        return
    st.session_state.pop("claim_id", None)
    st.query_params.clear()
    common.flash("success", f"Claim {cid} removed from the queue (remembered as not a claim).")


def _header(d: dict[str, Any]) -> None:
    st.html(f'<blockquote class="cd-text" style="font-size:1.25rem">{text.escape(d["text"])}</blockquote>')
    who = speaker_label(d.get("speaker"), d.get("speaker_title"), unknown="Speaker unknown")
    when = d.get("stated_on") or d.get("published")
    st.html(
        text.meta_line(who, d.get("outlet"), str(when) if when else None)
        + '<div class="cd-meta">Source: ' + text.link_html(d.get("url"), d.get("source_title") or "untitled") + "</div>"
        + text.meta_line(
            f"status {d['status']}", f"verdict {d['verdict']}" if d.get("verdict") else "no verdict yet",
            f"reviewer {d['reviewer']}" if d.get("reviewer") else None,
            f"assigned to {d['assigned_to']}" if d.get("assigned_to") else None,
            f"check-worthiness {d['checkworthy']:.2f}", f"version {d['version']}",
        )
    )
    st.page_link("ui/sources_page.py", label="Open the whole article", icon=":material/article:",
                 query_params={"id": str(d["source_id"])})


def _paragraph(d: dict[str, Any]) -> None:
    st.subheader("In its source")
    off = d["paragraph_start"]
    st.html('<div class="cd-text">' + text.highlight_span(d["paragraph_text"], d["start"] - off, d["end"] - off) + "</div>")


def _matches(cid: int, d: dict[str, Any]) -> None:
    st.subheader("Matching statements")
    if d.get("matching"):
        # Queued for the match workers: the queue's "has contradictions" does not know it yet.
        st.caption("matching... (queued: contradictions found in the background appear in the queue when done)")
    try:
        from claims import search as matching
    except ImportError:  # the matching engine is optional for the rest of the page
        st.info("Matching is not available in this installation.")
        return
    try:
        found = matching.matches_for_claim(common.get_db(), cid, limit=MATCH_LIMIT)
    except Exception as exc:  # noqa: BLE001 - a search failure must not hide the verdict form
        st.warning(f"Matching failed: {md_escape(exc)}")
        return
    if not found:
        st.info("No similar statements in the database.")
        return
    attached = {e["statement_id"]: e["stance"] for e in d["evidence"]}
    for stance in STANCE_ORDER:
        group = [m for m in found if m.stance == stance]
        if not group:
            continue
        st.html(f"<h4>{text.badge(stance)} {len(group)}</h4>")
        for m in group:
            with st.container(border=True, key=f"match_{m.statement_id}"):
                who = speaker_label(m.speaker, m.speaker_title) or None
                reviewed = (
                    f'<div class="cd-meta">Reviewed as claim {m.claim_id}: <b>{text.escape(m.verdict)}</b></div>'
                    if m.verdict else
                    # a checked statement too far from this claim to reuse its verdict
                    f'<div class="cd-meta">Checked (claim {m.claim_id}): rated {text.escape(m.rated)}</div>'
                    if m.rated else ""
                )
                st.html(
                    f'<div class="cd-meta"><b>score {m.score:.0f}</b> · {text.badge(m.stance)}'
                    + (f" · <i>ranked up: {text.escape(', '.join(m.context))}</i>" if m.context else "")
                    + (f" · already evidence ({text.escape(attached[m.statement_id])})" if m.statement_id in attached else "")
                    + "</div>"
                    + '<div class="cd-text">' + text.diff_html(d["text"], m.text) + "</div>"
                    + text.meta_line(who, m.outlet, m.source_title)
                    + "".join(f'<div class="cd-meta">• {text.escape(r)}</div>' for r in m.reasons)
                    + reviewed
                )
                c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="center")
                c1.selectbox("Stance", STANCE_ORDER, index=STANCE_ORDER.index(m.stance),
                             key=f"ev_stance_{cid}_{m.statement_id}", label_visibility="collapsed")
                c2.text_input("Note", key=f"ev_note_{cid}_{m.statement_id}", placeholder="Note (optional)",
                              label_visibility="collapsed")
                c3.button("Attach as evidence", key=f"ev_attach_{cid}_{m.statement_id}", on_click=_attach,
                          args=(cid, m.statement_id, m.score, list(m.reasons)))
                if m.verdict and m.claim_id and m.claim_id != cid:
                    st.button(f"Reuse verdict: {md_escape(m.verdict)}", key=f"reuse_{cid}_{m.claim_id}",
                              on_click=_reuse, args=(cid, m.claim_id))


def _stale_panel(cid: int) -> None:
    stale = st.session_state.get(f"stale_{cid}")
    if not stale:
        return
    cur, mine = stale["current"], stale["mine"]
    with st.container(border=True, key="stale_panel"):
        st.error(
            f"Not saved: {md_escape(cur['reviewer'] or 'another reviewer')} changed this claim after you "
            f"opened it (now version {cur['version']}). Nothing was overwritten."
        )
        st.html(
            "<table>"
            "<tr><th></th><th>Theirs (saved)</th><th>Yours (not saved)</th></tr>"
            f"<tr><td>Verdict</td><td>{text.escape(cur['verdict'] or 'none')}</td>"
            f"<td>{text.escape(mine['verdict'] or 'none')}</td></tr>"
            f"<tr><td>Rationale</td><td>{text.escape(cur['rationale'] or '')}</td>"
            f"<td>{text.escape(mine['rationale'] or '')}</td></tr>"
            f"<tr><td>Reviewer</td><td>{text.escape(cur['reviewer'] or '')}</td>"
            f"<td>{text.escape(mine['reviewer'] or '')}</td></tr></table>"
        )
        c1, c2 = st.columns(2)
        c1.button("Keep theirs", key=f"stale_keep_{cid}", on_click=_keep_theirs, args=(cid,), type="primary")
        c2.button("Save mine over theirs", key=f"stale_overwrite_{cid}", on_click=_save, args=(cid, cur["version"]))


def _verdict_form(cid: int, d: dict[str, Any]) -> None:
    st.subheader("Verdict")
    scale = review.scale(common.get_db())
    labels = [NO_VERDICT, *(r["label"] for r in scale)]
    kv, kr, kw = _form_keys(cid)
    # Initialise the form once per claim from what is saved; afterwards the
    # reviewer's unsaved input is theirs and a rerun must not reset it.
    if kv not in st.session_state or st.session_state[kv] not in labels:
        st.session_state[kv] = d["verdict"] if d.get("verdict") in labels else NO_VERDICT
    if kr not in st.session_state:
        st.session_state[kr] = d.get("rationale") or ""
    if not st.session_state.get(kw):
        st.session_state[kw] = common.reviewer()
    finals = ", ".join(r["label"] for r in scale if r["final"])
    with st.form(key=f"verdict_form_{cid}", border=True):
        st.selectbox("Verdict", labels, key=kv, help=f"Final verdicts (need a rationale): {finals}")
        st.text_area("Rationale", key=kr, height=120, placeholder="Why: sources, figures, the contradicting statements.")
        st.text_input("Reviewer", key=kw)
        st.form_submit_button("Save verdict", type="primary", key=f"verdict_save_{cid}",
                              on_click=_save, args=(cid, _seen()[cid]))
    _stale_panel(cid)


def _tables(d: dict[str, Any]) -> None:
    st.subheader("Evidence")
    if d["evidence"]:
        st.dataframe(pd.DataFrame([
            {"stance": e["stance"], "statement": e["text"], "speaker": e["speaker"] or "", "outlet": e["outlet"] or "",
             "source": e["source_title"], "note": e["note"] or "", "by": e["reviewer"] or "",
             "score": e["score"]} for e in d["evidence"]
        ]), hide_index=True, width="stretch", key="evidence_table")
    else:
        st.caption("No evidence attached yet.")
    st.subheader("History")
    if d["history"]:
        st.dataframe(pd.DataFrame([
            {"when": h["changed_at"], "action": h["action"], "reviewer": h["reviewer"] or "",
             "verdict": f"{h['old_verdict'] or '–'} → {h['new_verdict'] or '–'}" if h["action"] in ("verdict", "reuse") else "",
             "status": f"{h['old_status'] or '–'} → {h['new_status'] or '–'}" if h["new_status"] else "",
             "rationale": h["rationale"] or "", "note": h["note"] or ""} for h in d["history"]
        ]), hide_index=True, width="stretch", key="history_table")
    else:
        st.caption("No changes yet.")


def render() -> None:
    common.style()
    common.show_flash()
    db = common.get_db()
    cid = _claim_id()
    top1, top2 = st.columns([4, 1])
    if top2.button("Next unreviewed", key="claim_next", icon=":material/skip_next:"):
        nxt = queue.next_unreviewed(db, st.session_state.get("queue_filters"),
                                    assigned_to=common.reviewer() or None, after_id=cid)
        if nxt is None:
            st.info("No unreviewed claims left.")
        else:
            common.open_claim(nxt)
    if cid is None:
        top1.title("Claim")
        st.info("Open a claim from the queue, or enter its number.")
        pick = st.number_input("Claim number", min_value=1, step=1, value=None, key="claim_pick")
        if pick:
            common.open_claim(int(pick))
        return
    d = queue.claim_detail(db, cid)
    if d is None:
        top1.title("Claim")
        st.warning(f"There is no claim {cid} (it may have been removed from the queue).")
        return
    top1.title(f"Claim {cid}")
    seen = _seen()
    if cid not in seen:
        seen[cid] = d["version"]
    elif seen[cid] != d["version"] and f"stale_{cid}" not in st.session_state:
        st.warning(f"This claim changed since you opened it (version {seen[cid]} → {d['version']}); "
                   "see the history below. Saving will ask before replacing the newer verdict.")
    _header(d)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _paragraph(d)
        _matches(cid, d)
    with right:
        _verdict_form(cid, d)
        with st.expander("Not a claim?"):
            st.caption("Removes it from the queue and remembers the decision for training.")
            st.button("Not a claim", key=f"not_claim_{cid}", on_click=_not_claim, args=(cid,),
                      disabled=bool(d.get("verdict")))
        _tables(d)


render()
