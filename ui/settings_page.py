"""Settings: who is reviewing, the rating scale, the check-worthiness threshold, where the desk is
served and how the newsroom publishes ClaimReview."""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from claims import review, settings
from ui import common
from ui.text import md_escape


def _call(fn: Callable[..., object], *args: Any, ok: str = "", failed: str = "Not changed", where: str = "scale",
          **kwargs: Any) -> bool:
    """One change through its workflow; its refusal, a busy desk or a database error is one line
    next to the control (`where`), and what was typed stays in the fields."""
    if not common.still_signed_in():
        return False  # signed out elsewhere: the sign-in page says so
    try:
        fn(common.get_db(), *args, reviewer=common.reviewer(), **kwargs)
    except (review.ReviewError, ValueError) as exc:  # SettingsError and AccountError are ValueErrors
        common.flash("error", md_escape(exc), where=where)
        return False
    except Exception as exc:  # noqa: BLE001 - Streamlit's own control flow is not an Exception
        common.flash("error", md_escape(common.failure(failed, exc)), where=where)
        return False
    common.quietly("refreshing the filter options", common.filter_options, fresh=True)
    if ok:
        common.flash("success", ok, where=where)
    return True


def _rename(rating_id: int) -> None:
    _call(review.rename_rating, rating_id, st.session_state.get(f"rating_label_{rating_id}") or "", ok="Renamed.",
          failed="Not renamed")


def _move(order: list[int], i: int, step: int) -> None:
    j = i + step
    if 0 <= j < len(order):
        order = list(order)
        order[i], order[j] = order[j], order[i]
        _call(review.reorder_ratings, order, failed="Not moved")


def _delete(rating_id: int) -> None:
    _call(review.delete_rating, rating_id, ok="Deleted.", failed="Not deleted")


def _add() -> None:
    label = st.session_state.get("rating_new_label") or ""
    if _call(review.add_rating, label, final=bool(st.session_state.get("rating_new_final")), ok="Verdict added.",
             failed="Verdict not added"):
        st.session_state["rating_new_label"] = ""  # only once it is saved: a failed add keeps the label


def _save_threshold() -> None:
    _call(settings.set_threshold, float(st.session_state["settings_threshold"]), ok="Threshold saved.",
          failed="Threshold not saved", where="threshold")


# Publishing settings: widget key -> claims.settings.Publishing field.
_PUBLISHING = {"pub_desk_url": "desk_url", "pub_newsroom": "newsroom", "pub_newsroom_url": "newsroom_url",
               "pub_fact_check_url": "fact_check_url"}


def _save_publishing() -> None:
    values = {field: st.session_state.get(key) or "" for key, field in _PUBLISHING.items()}
    if _call(settings.set_publishing, ok="Publishing settings saved.", failed="Publishing settings not saved",
             where="publishing", **values):
        for key in _PUBLISHING:  # show what was stored (trimmed); after a refusal the typed text stays
            st.session_state.pop(key, None)


def _publishing() -> None:
    st.subheader("Publishing")
    st.caption("The CSV report links each claim to its page at the desk's address. ClaimReview JSON-LD is "
               "authored by the newsroom and points at the published fact-check: the pattern's {claim_id} is "
               "replaced by the claim's id.")
    current = settings.publishing(common.get_db())
    for key, field in _PUBLISHING.items():
        if key not in st.session_state:
            st.session_state[key] = getattr(current, field)
    editor = common.can("settings")
    c1, c2 = st.columns(2)
    c1.text_input("Desk address", key="pub_desk_url", disabled=not editor, placeholder="https://desk.newsroom.example")
    c2.text_input("Fact-check URL pattern", key="pub_fact_check_url", disabled=not editor,
                  placeholder="https://news.example/fact-checks/{claim_id}")
    c1.text_input("Newsroom name", key="pub_newsroom", disabled=not editor, placeholder="Valdoria Fact Desk")
    c2.text_input("Newsroom website", key="pub_newsroom_url", disabled=not editor, placeholder="https://news.example")
    st.button("Save publishing settings", key="publishing_save", on_click=_save_publishing, disabled=not editor)
    common.show_flash("publishing")


def render() -> None:
    st.title("Settings")
    common.show_flash()
    db = common.get_db()

    if not common.can("scale"):
        st.caption("Only an editor changes the rating scale, the threshold and the publishing settings; "
                   "you see them as they are.")
    st.subheader("Rating scale")
    st.caption("Final verdicts close a claim and need a rationale. A verdict in use cannot be deleted.")
    scale = review.scale(db)
    order = [r["id"] for r in scale]
    may_scale, may_set = common.can("scale"), common.can("settings")  # read-only for the others, not refused later
    for i, r in enumerate(scale):
        key = f"rating_label_{r['id']}"
        if st.session_state.get(f"{key}_saved") != r["label"]:
            st.session_state[key] = st.session_state[f"{key}_saved"] = r["label"]
        c1, c2, c3, c4, c5, c6 = st.columns([3, 1, 1, 1, 1, 2])
        c1.text_input("Label", key=key, label_visibility="collapsed", disabled=not may_scale)
        c2.button("Rename", key=f"rating_rename_{r['id']}", on_click=_rename, args=(r["id"],), disabled=not may_scale)
        c3.button("↑", key=f"rating_up_{r['id']}", on_click=_move, args=(order, i, -1), disabled=i == 0 or not may_scale)
        c4.button("↓", key=f"rating_down_{r['id']}", on_click=_move, args=(order, i, 1),
                  disabled=i == len(scale) - 1 or not may_scale)
        c5.button("Delete", key=f"rating_delete_{r['id']}", on_click=_delete, args=(r["id"],),
                  disabled=bool(r["in_use"]) or not may_scale,
                  help=f"used by {r['in_use']} claim{'' if r['in_use'] == 1 else 's'}" if r["in_use"] else None)
        c6.caption(("final" if r["final"] else "not final") + (f" · {r['in_use']} claim{'' if r['in_use'] == 1 else 's'}" if r["in_use"] else ""))
    c1, c2, c3 = st.columns([3, 1, 1])
    c1.text_input("New verdict", key="rating_new_label", placeholder="e.g. Satire", disabled=not may_scale)
    c2.checkbox("Final", value=True, key="rating_new_final", disabled=not may_scale)
    c3.button("Add", key="rating_add", on_click=_add, disabled=not may_scale)
    common.show_flash("scale")

    st.subheader("Check-worthiness threshold")
    st.caption("Ingested statements scoring at least this join the review queue.")
    if "settings_threshold" not in st.session_state:
        st.session_state["settings_threshold"] = settings.get_threshold(db)
    st.slider("Threshold", 0.0, 1.0, step=0.05, key="settings_threshold", disabled=not may_set)
    st.button("Save threshold", key="threshold_save", on_click=_save_threshold, disabled=not may_set)
    common.show_flash("threshold")

    _publishing()


render()
