"""Claim: the claim in its source paragraph, its matches by stance, the verdict form, the history."""
from __future__ import annotations

from typing import Any, Optional

import pandas as pd
import streamlit as st

from claims import drafts, queue, reservations, review
from claims.queue import ClaimFilter
from claims.text.vocab import CONTRADICTS, REPEAT, STANCE_ORDER, speaker_label
from ui import common, text, typed
from ui.text import md_escape

NO_VERDICT = common.NO_VERDICT
MATCH_LIMIT = 20  # entries shown (a group of reprints is one entry)
FETCH = 3  # matches fetched per entry shown: reprints fold into one
SHOWN_PER_SECTION = 3  # entries of each kind shown before "Show N more"


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


def _form_keys(cid: int) -> tuple[str, str]:
    return f"verdict_choice_{cid}", f"verdict_rationale_{cid}"


def _walk() -> ClaimFilter:
    """The queue slice this claim was opened from (in the URL): what "next" goes through."""
    return queue.filter_from_params(st.query_params)


def _form_place(cid: int, *_: Any, **__: Any) -> str:
    """Where the verdict form's messages show: inside the form, under its buttons."""
    return f"verdict_{cid}"


@common.writes("Draft not kept", where=_form_place)
def _keep_draft(cid: int, field: str, key: str) -> None:
    """Every change to the form is kept as a draft at once: a reload, another page or another
    browser finds it again."""
    value = st.session_state.get(key)
    try:
        drafts.save(common.get_db(), cid, field, "" if value in (None, NO_VERDICT) else str(value),
                    reviewer=common.reviewer())
    except ValueError as exc:  # signed out meanwhile
        common.flash("error", "Your draft was not kept: " + md_escape(exc), where=_form_place(cid))


@common.writes("Verdict not saved", where=_form_place)
def _save_and_next(cid: int, expected_version: int) -> None:
    if _save(cid, expected_version):
        nxt = _next(cid)
        st.session_state["goto_claim"] = nxt if nxt is not None else -1


def _next(cid: Optional[int]) -> Optional[int]:
    """The next unreviewed claim of the slice that no one else holds."""
    db, me = common.get_db(), common.reviewer()
    return queue.next_unreviewed(db, _walk(), assigned_to=me or None, after_id=cid,
                                 skip=reservations.held_by_others(db, me), sort=queue.sort_from_params(st.query_params))


def _take_over(cid: int) -> None:
    st.session_state[f"take_over_{cid}"] = True


def _reservation(cid: int, d: dict[str, Any]) -> None:
    """Opening an open claim holds it for this reviewer (renewed on every visit); someone
    else's hold is shown, with the way to take it over."""
    if d["status"] == "reviewed" or not common.can("verdict"):
        return
    try:
        hold = reservations.reserve(common.get_db(), cid, reviewer=common.reviewer(),
                                    take_over=st.session_state.get(f"take_over_{cid}", False))
    except Exception as exc:  # noqa: BLE001 - the claim can still be read and saved
        st.caption(md_escape(common.failure("Not held for you this time", exc)))
        return
    st.session_state.pop(f"take_over_{cid}", None)
    if hold.mine:
        common.let_go_of_hold(keep=cid)  # the claim this session held before is left
        st.session_state[f"held_{cid}"] = True  # so a take-over by someone else stops this page's save
        st.session_state["holding"] = cid
    if not hold.mine:
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.warning(f"{md_escape(hold.reviewer)} is reviewing this claim (held until {hold.expires_at:%H:%M} UTC).")
        c2.button("Take over", key=f"take_over_btn_{cid}", on_click=_take_over, args=(cid,))


def _taken_over(cid: int, who: str) -> bool:
    """Someone took the claim over from this reviewer (it was held for them on this page): their
    save waits until they take it back (the hold panel above offers it), and their words stay as
    a draft. A reviewer who opened a claim someone else already held is warned, not stopped."""
    if not st.session_state.get(f"held_{cid}"):
        return False
    hold = common.quietly("reading the hold", reservations.holder, common.get_db(), cid, reviewer=who)
    if hold is None or hold.mine:
        return False
    common.flash("warning", f"Not saved: {md_escape(hold.reviewer)} took this claim over (held until "
                 f"{hold.expires_at:%H:%M} UTC). Your words are kept as a draft; take it back to save.",
                 where=_form_place(cid))
    return True


@common.writes("Verdict not saved", where=_form_place)
def _save(cid: int, expected_version: int) -> bool:
    kv, kr = _form_keys(cid)
    verdict = st.session_state.get(kv)
    rationale = st.session_state.get(kr) or ""
    who = common.reviewer()
    if _taken_over(cid, who):
        return False
    try:
        state = review.set_verdict(
            common.get_db(), cid, verdict=None if verdict in (None, NO_VERDICT) else verdict,
            rationale=rationale, reviewer=who, expected_version=expected_version,
        )
    except review.StaleClaimError as exc:
        st.session_state[f"stale_{cid}"] = {
            "current": exc.current.__dict__, "mine": {"verdict": verdict, "rationale": rationale, "reviewer": who},
        }
        return False
    except review.ReviewError as exc:
        common.flash("error", "Not saved: " + md_escape(exc), where=_form_place(cid))
        return False
    st.session_state.pop(f"stale_{cid}", None)
    st.session_state.pop(f"draft_restored_{cid}", None)  # saved: no draft left to speak of
    if state.status == "reviewed" and not common.can("final_verdict"):
        # the form turns read-only: its box is for words not saved, and these were
        st.session_state[kr] = ""
    _seen()[cid] = state.version
    # The verdict is saved: a busy desk now only leaves the draft and the hold to expire.
    common.quietly("clearing the draft", drafts.clear, common.get_db(), cid, reviewer=who,
                   fields=[drafts.VERDICT, drafts.RATIONALE])
    common.quietly("releasing the hold", reservations.release, common.get_db(), cid, reviewer=who)
    common.flash("success", f"Saved: {md_escape(state.verdict or 'no verdict')} ({state.status}).")
    return True


def _keep_theirs(cid: int) -> None:
    stale = st.session_state.pop(f"stale_{cid}", None)
    if stale:
        cur = stale["current"]
        _seen()[cid] = cur["version"]
        kv, kr = _form_keys(cid)
        st.session_state[kv] = cur["verdict"] or NO_VERDICT
        st.session_state[kr] = cur["rationale"] or ""
        # theirs stands: this reviewer's draft is done with
        common.quietly("clearing the draft", drafts.clear, common.get_db(), cid, reviewer=common.reviewer(),
                       fields=[drafts.VERDICT, drafts.RATIONALE])
        common.flash("info", "Kept the other reviewer's verdict; the form shows it now.")


def _who(cid: int) -> str:
    """The signed-in account: every change on this page is made as it."""
    return common.reviewer()


def _match_place(cid: int, statement_id: int, *_: Any) -> str:
    return f"match_{statement_id}"


@common.writes("Evidence not attached", where=_match_place)
def _attach(cid: int, statement_id: int, score: float, reasons: list[str]) -> None:
    stance = st.session_state.get(f"ev_stance_{cid}_{statement_id}")
    note = (st.session_state.get(f"ev_note_{cid}_{statement_id}") or "").strip() or None
    who = _who(cid)
    try:
        review.attach_evidence(common.get_db(), cid, statement_id, stance=stance, reviewer=who,
                               note=note, score=score, reasons=reasons)
    except review.ReviewError as exc:
        common.flash("error", "Not attached: " + md_escape(exc), where=_match_place(cid, statement_id))
        return
    common.quietly("clearing the note draft", drafts.clear, common.get_db(), cid, reviewer=who,
                   fields=[drafts.note_field(statement_id)])
    _note_drafts(cid).pop(statement_id, None)
    st.session_state[f"ev_note_{cid}_{statement_id}"] = ""  # saved with the evidence: no longer "drafted"
    common.flash("success", f"Statement {statement_id} attached as {stance}.")


@common.writes("Verdict not reused", where=_match_place)
def _reuse(cid: int, statement_id: int, from_claim: int) -> None:
    who = _who(cid)
    try:
        state = review.reuse_verdict(common.get_db(), cid, from_claim_id=from_claim, reviewer=who,
                                     expected_version=_seen().get(cid))
    except review.ReviewError as exc:  # a stale claim too: the message says who changed it
        common.flash("error", "Not reused: " + md_escape(exc), where=_match_place(cid, statement_id))
        return
    _seen()[cid] = state.version
    kv, kr = _form_keys(cid)
    st.session_state[kv] = state.verdict or NO_VERDICT
    st.session_state[kr] = state.rationale or ""
    common.flash("success", f"Verdict {md_escape(state.verdict)} reused from claim {from_claim}.")


def _not_claim_place(cid: int) -> str:
    return f"not_claim_{cid}"


@common.writes("Not removed from the queue", where=_not_claim_place)
def _not_claim(cid: int) -> None:
    who = _who(cid)
    try:
        review.mark_not_claim(common.get_db(), cid, reviewer=who, expected_version=_seen().get(cid))
    except review.ReviewError as exc:
        common.flash("error", "Not removed: " + md_escape(exc), where=_not_claim_place(cid))
        return
    st.session_state.pop("claim_id", None)
    st.query_params.clear()
    common.flash("success", f"Claim {cid} removed from the queue (remembered as not a claim).")


def _header(d: dict[str, Any]) -> None:
    # The checkable sentence without its attribution frame; the quote or sentence it was said in below.
    st.html(f'<blockquote class="cd-text" style="font-size:1.25rem">{text.escape(d["claim_text"])}</blockquote>')
    if d["context"].strip() != d["claim_text"].strip():
        off = d["context_start"]
        st.html('<div class="cd-meta">In context: <span class="cd-text">'
                + text.highlight_span(d["context"], d["claim_start"] - off, d["claim_end"] - off) + "</span></div>")
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
    # The article opens over the claim page, not on another page: nothing on this page is left
    # (a page change with the rationale box focused raced its rerun, and Streamlit's server-side
    # page switch rewrote this page's URL, so Back came to the wrong claim). Esc comes back.
    if st.button("Open the whole article", key="open_article", icon=":material/article:"):
        _article_dialog(d)


@st.dialog("The whole article", width="large")
def _article_dialog(d: dict[str, Any]) -> None:
    from claims import sources

    src = sources.source_view(common.get_db(), d["source_id"])
    if src is None:
        st.warning("The article is no longer stored.")
        return
    st.html(f"<h3>{text.escape(src['title'])}</h3>"
            + text.meta_line(src.get("outlet"), src.get("author"), str(src["published"]) if src.get("published") else None)
            + '<div class="cd-meta">' + text.link_html(src.get("url"), src.get("url") or "no link") + "</div>")
    # The claim highlighted where it stands in the article.
    st.html('<div class="cd-text">' + text.highlight_span(src["text"], d["start"], d["end"]) + "</div>")


def _drawn_afresh(cid: int) -> None:
    """A claim drawn afresh (first visit, back from another page, a reload) starts its form and
    its evidence notes from this reviewer's drafts, else from what is saved: widget state may
    outlive a visit to another page (and come back empty from the browser)."""
    fresh = st.session_state.get("page_before") != "claim" or st.session_state.get("claim_drawn") != cid
    st.session_state["claim_drawn"] = cid
    st.session_state["claim_fresh"] = fresh
    if fresh:
        for key in [k for k in st.session_state if str(k).startswith(f"ev_note_{cid}_")]:
            del st.session_state[key]
        st.session_state.pop(f"notes_loaded_{cid}", None)


def _note_drafts(cid: int) -> dict[int, str]:
    """This reviewer's unsaved evidence notes on the claim, by statement (read once per visit)."""
    key = f"notes_loaded_{cid}"
    if key not in st.session_state:
        draft = drafts.load(common.get_db(), cid, reviewer=common.reviewer())
        st.session_state[key] = {int(f.split(":", 1)[1]): v for f, v in draft.items()
                                 if f.startswith("note:") and f.split(":", 1)[1].isdigit()}
    return st.session_state[key]


def _keep_note(cid: int, statement_id: int) -> None:
    key = f"ev_note_{cid}_{statement_id}"
    _keep_draft(cid, drafts.note_field(statement_id), key)
    _note_drafts(cid)[statement_id] = st.session_state.get(key) or ""


def _walk_line(cid: int) -> None:
    """Where "next" goes: the queue slice, how much of it is left, and the way back to it."""
    walk = _walk()
    left = queue.unreviewed_left(common.get_db(), walk)
    unreviewed = ClaimFilter(**{**walk.__dict__, "status": "unreviewed"})
    c1, c2 = st.columns([3, 1], vertical_alignment="center")
    c1.caption(f"Next in: {md_escape(queue.describe(unreviewed))} — {left} left")
    c2.page_link(common.QUEUE_PAGE, label="Back to the queue", icon=":material/arrow_back:",
                 query_params={**queue.filter_params(walk), **common.queue_view()})


def _paragraph(d: dict[str, Any]) -> None:
    st.subheader("In its source")  # its paragraph, with the one before and the one after
    off = d["paragraph_start"]
    st.html('<div class="cd-text">'
            + text.highlight_span(d["paragraph_text"], d["claim_start"] - off, d["claim_end"] - off) + "</div>")


def _matches(cid: int, d: dict[str, Any]) -> list[review.ClaimState]:
    """The match list; returns the claim's repeats among the matches (for the verdict form)."""
    st.subheader("Matching statements")
    if d.get("matching"):
        # Queued for the match workers: the queue's "has contradictions" does not know it yet.
        st.caption("matching... (queued: contradictions found in the background appear in the queue when done)")
    try:
        from claims import search as matching
    except ImportError:  # the matching engine is optional for the rest of the page
        st.info("Matching is not available in this installation.")
        return []
    try:
        found = matching.matches_for_claim(common.get_db(), cid, limit=FETCH * MATCH_LIMIT)
    except Exception as exc:  # noqa: BLE001 - a search failure must not hide the verdict form
        st.warning(md_escape(common.failure("Matching failed", exc)))
        return []
    if not found:
        st.info("No similar statements in the database.")
        return []
    attached = {e["statement_id"]: e["stance"] for e in d["evidence"]}
    # Reprints fold into one entry, so fetch more than are shown; the claim's own article apart.
    groups = matching.group_matches(found, own_source_id=d.get("source_id"), repeat_of=d["claim_text"])
    others = [g for g in groups if not g.own][:MATCH_LIMIT]
    own = [g for g in groups if g.own]
    if not others:
        st.info("No similar statements in other sources.")
    st.html('<div class="cd-meta">In each match, <mark class="cd-diff">marked</mark> words are those the claim '
            'does not have: a different figure, a negation, another name.</div>')
    # Contradictions first; then the claim's own words elsewhere (reprints are not independent
    # support); then what supports it and what is only related.
    sections = [(CONTRADICTS, [g for g in others if g.top.stance == CONTRADICTS]),
                (REPEAT, [g for g in others if g.repeat]),
                *((stance, [g for g in others if g.top.stance == stance and not g.repeat])
                  for stance in STANCE_ORDER if stance != CONTRADICTS)]
    for name, section in sections:
        if section:
            st.html(f"<h4>{text.badge(name)} {len(section)}</h4>")
            # The top few of each kind; the rest folded, so the verdict form stays near.
            for g in section[:SHOWN_PER_SECTION]:
                _match_entry(cid, d, g, attached)
            if len(section) > SHOWN_PER_SECTION:
                with st.expander(f"Show {len(section) - SHOWN_PER_SECTION} more ({name})"):
                    for g in section[SHOWN_PER_SECTION:]:
                        _match_entry(cid, d, g, attached)
    if own:
        with st.expander(f"From this claim's own article ({sum(g.count for g in own)})", expanded=False):
            for g in own:
                _match_entry(cid, d, g, attached)
    return review.repeats_among(common.get_db(), cid, found)


def _match_entry(cid: int, d: dict[str, Any], g: Any, attached: dict[int, str]) -> None:
    m = g.top
    with st.container(border=True, key=f"match_{m.statement_id}"):
        common.show_flash(_match_place(cid, m.statement_id))
        who = speaker_label(m.speaker, m.speaker_title) or None
        reviewed = (
            f'<div class="cd-meta">Reviewed as claim {m.claim_id}: <b>{text.escape(m.verdict)}</b></div>'
            if m.verdict else
            # a checked statement too far from this claim to reuse its verdict
            f'<div class="cd-meta">Checked (claim {m.claim_id}): rated {text.escape(m.rated)}</div>'
            if m.rated else ""
        )
        copies = (f'<div class="cd-meta">Same statement in {g.count} places: {text.escape(", ".join(g.outlets))}</div>'
                  if g.copies else "")
        if g.repeat:
            copies += ('<div class="cd-meta">• the claim\'s own words: a reprint or a repeat, not independent support'
                       f' (stance {text.escape(m.stance)})</div>')
        st.html(
            f'<div class="cd-meta"><b>score {m.score:.0f}</b> · {text.badge(REPEAT if g.repeat else m.stance)}'
            + (f" · <i>ranked up: {text.escape(', '.join(m.context))}</i>" if m.context else "")
            + (f" · already evidence ({text.escape(attached[m.statement_id])})" if m.statement_id in attached else "")
            + "</div>"
            + '<div class="cd-text">' + text.diff_html(d["claim_text"], m.claim_text) + "</div>"
            + text.context_line(m.text, m.claim_text)
            + text.meta_line(who, m.outlet, m.source_title)
            + copies
            + "".join(f'<div class="cd-meta">• {text.escape(r)}</div>' for r in m.reasons)
            + reviewed
        )
        may_attach = common.can("evidence")
        note_key = f"ev_note_{cid}_{m.statement_id}"
        if note_key not in st.session_state and _note_drafts(cid).get(m.statement_id):
            st.session_state[note_key] = _note_drafts(cid)[m.statement_id]  # an unsaved note, restored
        drafted = bool(st.session_state.get(note_key))
        # The controls open on the match being worked on, not on every card of the list.
        with st.container(horizontal=True, gap="small"):
            with st.popover("Attach as evidence" + (" (note drafted)" if drafted else ""), icon=":material/attach_file:",
                            disabled=not may_attach, key=f"ev_open_{cid}_{m.statement_id}"):
                st.selectbox("Stance", STANCE_ORDER, index=STANCE_ORDER.index(m.stance),
                             key=f"ev_stance_{cid}_{m.statement_id}", disabled=not may_attach)
                st.text_input("Note", key=note_key, placeholder="Note (optional)",
                              on_change=_keep_note, args=(cid, m.statement_id), disabled=not may_attach)
                st.button("Attach", key=f"ev_attach_{cid}_{m.statement_id}", on_click=_attach, type="primary",
                          args=(cid, m.statement_id, m.score, list(m.reasons)), disabled=not may_attach)
            if m.verdict and m.claim_id and m.claim_id != cid:
                st.button(f"Reuse verdict: {md_escape(m.verdict)}", key=f"reuse_{cid}_{m.claim_id}",
                          on_click=_reuse, args=(cid, m.statement_id, m.claim_id), disabled=not common.can("verdict"))


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
        may_replace = common.can("final_verdict" if cur["status"] == "reviewed" else "verdict")
        c1, c2 = st.columns(2)
        c1.button("Keep theirs", key=f"stale_keep_{cid}", on_click=_keep_theirs, args=(cid,), type="primary")
        c2.button("Save mine over theirs", key=f"stale_overwrite_{cid}", on_click=_save, args=(cid, cur["version"]),
                  disabled=not may_replace,
                  help=None if may_replace else "Theirs is a final verdict: only an editor replaces it. Yours stays a draft.")


VERDICT_KEYS = 9  # Alt+1 ... Alt+9


def _choose_verdict(cid: int, label: str) -> None:
    kv, _kr = _form_keys(cid)
    st.session_state[kv] = label
    _keep_draft(cid, drafts.VERDICT, kv)


def _read_only_form(cid: int, d: dict[str, Any]) -> None:
    """The verdict as saved, for whoever may not change it: said first, and nothing to type into
    (no one writes a rationale they cannot save). Its own widgets, keyed by the claim's version,
    so that a save just made shows the verdict and rationale it stored, and the editable form's
    state (a draft) is left alone."""
    a = common.account()
    role = a.role if a else "visitor"
    with st.container(border=True, key=f"verdict_form_{cid}"):
        if d["status"] == "reviewed" and common.can("verdict"):
            st.info(f"This claim has a final verdict: as a {role} you can read it but not change it; "
                    "an editor can.", icon=":material/lock:")
        else:
            st.info(f"As a {role} you can read this claim but not change its verdict.", icon=":material/lock:")
        version = d["version"]
        st.selectbox("Verdict", [d.get("verdict") or NO_VERDICT], disabled=True, key=f"verdict_shown_{cid}_{version}")
        st.text_area("Rationale", value=d.get("rationale") or "", height=120, disabled=True,
                     key=f"rationale_shown_{cid}_{version}")
        b1, b2 = st.columns(2)
        b1.button("Save verdict", key=f"verdict_save_{cid}", disabled=True, width="stretch")
        b2.button("Save and next", key=f"verdict_save_next_{cid}", type="primary", disabled=True, width="stretch")
        common.show_flash(_form_place(cid))
    # A reviewer beaten to a final verdict: their words are theirs still. The rationale box stays
    # (the same widget as the form's, so words typed but never sent are put back into it by the
    # browser's copy, and every change is kept as a draft), shown on every visit until "Keep theirs".
    if a is not None and common.can("verdict"):
        _kv, kr = _form_keys(cid)
        mine = _my_drafts(cid)
        if st.session_state.get("claim_fresh") or kr not in st.session_state:
            st.session_state[kr] = mine.get(drafts.RATIONALE, "")
        if mine.get(drafts.RATIONALE) or mine.get(drafts.VERDICT) or st.session_state.get(kr):
            st.caption("Your draft, not saved (only an editor changes a final verdict: copy it to them)"
                       + (f". Your verdict: {md_escape(mine[drafts.VERDICT])}" if mine.get(drafts.VERDICT) else ""))
        st.text_area("Your unsaved rationale", key=kr, height=90, on_change=_keep_draft,
                     args=(cid, drafts.RATIONALE, kr), placeholder="Nothing of yours on this claim.")


def _verdict_form(cid: int, d: dict[str, Any]) -> None:
    st.subheader("Verdict")
    if not common.can("final_verdict" if d["status"] == "reviewed" else "verdict"):
        _read_only_form(cid, d)
        _stale_panel(cid)
        return
    scale = review.scale(common.get_db())
    labels = [NO_VERDICT, *(r["label"] for r in scale)]
    kv, kr = _form_keys(cid)
    # Initialise the form when it is drawn afresh (first visit, back from another page, a reload):
    # from this reviewer's draft if there is one, else from what is saved. Afterwards the
    # reviewer's input is theirs and a rerun must not reset it.
    # Widget state may outlive a visit to another page (and come back empty from the browser), so a
    # claim drawn afresh always starts from the draft or what is saved.
    if st.session_state.get("claim_fresh"):
        st.session_state.pop(kv, None)
        st.session_state.pop(kr, None)
    if kv not in st.session_state or kr not in st.session_state:
        draft = _my_drafts(cid)
        if kv not in st.session_state or st.session_state[kv] not in labels:
            saved = d["verdict"] if d.get("verdict") in labels else NO_VERDICT
            st.session_state[kv] = draft[drafts.VERDICT] if draft.get(drafts.VERDICT) in labels else saved
        if kr not in st.session_state:
            st.session_state[kr] = draft.get(drafts.RATIONALE, d.get("rationale") or "")
        st.session_state[f"draft_restored_{cid}"] = bool(draft.keys() & {drafts.VERDICT, drafts.RATIONALE})
    finals = ", ".join(r["label"] for r in scale if r["final"])
    with st.container(border=True, key=f"verdict_form_{cid}"):
        if st.session_state.get(f"draft_restored_{cid}"):
            st.caption("Your unsaved draft is restored.")
        st.selectbox("Verdict", labels, key=kv, help=f"Final verdicts (need a rationale): {finals}",
                     on_change=_keep_draft, args=(cid, drafts.VERDICT, kv))
        # One key per verdict (Alt+1 ... Alt+9, in the scale's order): choosing is one action.
        with st.container(horizontal=True, gap="small", key=f"verdict_keys_{cid}"):
            for i, label in enumerate(labels[1:VERDICT_KEYS + 1], 1):
                st.button(f"{i} · {label}", key=f"verdict_key_{cid}_{i}", type="tertiary", shortcut=f"Alt+{i}",
                          on_click=_choose_verdict, args=(cid, label), help=f"Verdict {label} (Alt+{i})")
        st.text_area("Rationale", key=kr, height=120, placeholder="Why: sources, figures, the contradicting statements.",
                     on_change=_keep_draft, args=(cid, drafts.RATIONALE, kr))
        b1, b2 = st.columns(2)
        b1.button("Save verdict", key=f"verdict_save_{cid}", on_click=_save, args=(cid, _seen()[cid]), width="stretch")
        b2.button("Save and next", key=f"verdict_save_next_{cid}", type="primary", on_click=_save_and_next,
                  args=(cid, _seen()[cid]), width="stretch", shortcut="Alt+S",
                  help="Save, then open the next unreviewed claim of the slice (Alt+S)")
        common.show_flash(_form_place(cid))
    _stale_panel(cid)


def _repeats_place(cid: int, *_: Any) -> str:
    return f"repeats_{cid}"


@common.writes("Verdicts not saved", where=_repeats_place)
def _save_with_repeats(cid: int, versions: dict[int, int]) -> None:
    """The form's verdict for this claim and the repeats shown, each compare-and-set on the
    version shown; what was skipped is named next to the control."""
    kv, kr = _form_keys(cid)
    verdict = st.session_state.get(kv)
    who = common.reviewer()
    if _taken_over(cid, who):
        return
    try:
        res = review.bulk_verdict(common.get_db(), cid, verdict=None if verdict in (None, NO_VERDICT) else verdict,
                                  rationale=st.session_state.get(kr) or "", reviewer=who, versions=versions)
    except review.ReviewError as exc:
        common.flash("error", "Not saved: " + md_escape(exc), where=_repeats_place(cid))
        return
    mine = next((s for s in res.saved if s.claim_id == cid), None)
    if mine is not None:
        _seen()[cid] = mine.version
        common.quietly("clearing the draft", drafts.clear, common.get_db(), cid, reviewer=who,
                       fields=[drafts.VERDICT, drafts.RATIONALE])
        common.quietly("releasing the claim", reservations.release, common.get_db(), cid, reviewer=who)
    for s in res.saved:
        _seen()[s.claim_id] = s.version
    kind = "success" if not (res.stale or res.refused) else "warning"
    common.flash(kind, f"Same verdict for claim {cid} and its repeats: {md_escape(res.line())}.", where=_repeats_place(cid))


def _repeats_control(cid: int, d: dict[str, Any], repeats: list[review.ClaimState]) -> None:
    """One verdict for the claim and its repeats (reprints, wire copies that are claims too)."""
    if not repeats:
        return
    with st.container(border=True, key=f"repeats_{cid}"):
        st.caption(f"Repeated as {len(repeats)} other claims: "
                   + ", ".join(f"{r.claim_id} ({r.verdict or r.status.replace('_', ' ')})" for r in repeats))
        versions = {cid: _seen()[cid], **{r.claim_id: r.version for r in repeats}}
        st.button(f"Same verdict for its {len(repeats)} repeats too", key=f"repeats_save_{cid}",
                  on_click=_save_with_repeats, args=(cid, versions), icon=":material/done_all:",
                  disabled=not common.can("verdict"), width="stretch",
                  help="Saves the verdict and rationale above for this claim and each repeat, one history row each; "
                       "a repeat someone changed meanwhile is skipped and named.")
        common.show_flash(_repeats_place(cid))


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
            # stored as UTC; said so, as the CSV report does
            {"when (UTC)": f"{h['changed_at']:%Y-%m-%d %H:%M:%S}" if h["changed_at"] else "", "action": h["action"],
             "reviewer": h["reviewer"] or "system",
             "verdict": f"{h['old_verdict'] or '–'} → {h['new_verdict'] or '–'}" if h["action"] in ("verdict", "reuse") else "",
             "status": f"{h['old_status'] or '–'} → {h['new_status'] or '–'}" if h["new_status"] else "",
             "rationale": h["rationale"] or "", "note": h["note"] or ""} for h in d["history"]
        ]), hide_index=True, width="stretch", key="history_table")
    else:
        st.caption("No changes yet.")


def _my_drafts(cid: int) -> dict[str, str]:
    """This reviewer's drafts on the claim, read once per run (the form and the browser's copy
    both need them; callbacks that write drafts run before the script, so one read is current)."""
    memo = st.session_state.setdefault("drafts_this_run", {})
    if cid not in memo:
        memo[cid] = common.quietly("reading your drafts", drafts.load, common.get_db(), cid,
                                   reviewer=common.reviewer()) or {}
    return memo[cid]


def _keep_typed(cid: int, d: dict[str, Any]) -> None:
    """Words typed in the rationale or a note survive a reload, a link clicked before they were
    sent, or a save refused because the session ended: the browser keeps them until the desk
    has stored them (this reviewer's draft, else what was saved or attached)."""
    if not common.can("verdict"):
        return
    _kv, kr = _form_keys(cid)
    draft = _my_drafts(cid)
    attached = {e["statement_id"]: e["note"] or "" for e in d["evidence"]}
    held = {kr: draft.get(drafts.RATIONALE, d.get("rationale") or "")}
    for key in [k for k in st.session_state if str(k).startswith(f"ev_note_{cid}_")]:
        sid = int(str(key).rsplit("_", 1)[1])
        held[key] = draft.get(drafts.note_field(sid), attached.get(sid, ""))
    typed.keep_typed(common.reviewer(), held)


def render() -> None:
    st.session_state["drafts_this_run"] = {}
    common.style()
    common.show_flash()
    db = common.get_db()
    cid = _claim_id()
    goto = st.session_state.pop("goto_claim", None)  # set by "Save and next"
    if goto is not None and goto > 0:
        common.open_claim(goto, walk=_walk())
    elif goto is not None:
        st.info(f"No unreviewed claims left in {md_escape(queue.describe(_walk()))}.")
    top1, top2 = st.columns([3, 1], vertical_alignment="center")
    if top2.button("Next unreviewed", key="claim_next", icon=":material/skip_next:", shortcut="Alt+N",
                   help="Open the next unreviewed claim of the slice (Alt+N)"):
        nxt = _next(cid)
        if nxt is None:
            st.info(f"No unreviewed claims left in {md_escape(queue.describe(_walk()))}.")
        else:
            common.open_claim(nxt, walk=_walk())
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
    _drawn_afresh(cid)
    _header(d)
    _reservation(cid, d)
    _walk_line(cid)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _paragraph(d)
        repeats = _matches(cid, d)
    with right:
        _verdict_form(cid, d)
        _repeats_control(cid, d, repeats)
        with st.expander("Not a claim?", expanded=common.pending_flash(_not_claim_place(cid))):
            common.show_flash(_not_claim_place(cid))
            st.caption("Removes it from the queue and remembers the decision for training.")
            st.button("Not a claim", key=f"not_claim_{cid}", on_click=_not_claim, args=(cid,),
                      disabled=bool(d.get("verdict")) or not common.can("claims"))
        _tables(d)
    _keep_typed(cid, d)


render()
