"""Settings: who is reviewing, the rating scale, the check-worthiness threshold, where the desk is
served, how the newsroom publishes ClaimReview, and (for an admin) the desk's accounts."""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from claims import accounts, review, settings
from claims.text.vocab import ROLE_LABELS, ROLES
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


def _account_call(fn: Callable[..., object], *args: Any, ok: str, failed: str, **kwargs: Any) -> bool:
    """An account change as its admin (`by`), its refusal one line next to the accounts panel."""
    if not common.still_signed_in():
        return False
    try:
        fn(common.get_db(), *args, by=common.reviewer(), **kwargs)
    except ValueError as exc:  # AccountError: the message says why
        common.flash("error", md_escape(exc), where="accounts")
        return False
    except Exception as exc:  # noqa: BLE001 - Streamlit's own control flow is not an Exception
        common.flash("error", md_escape(common.failure(failed, exc)), where="accounts")
        return False
    common.flash("success", ok, where="accounts")
    return True


def _add_account() -> None:
    name = (st.session_state.get("acct_new_name") or "").strip()
    password = st.session_state.get("acct_new_password") or ""
    email = (st.session_state.get("acct_new_email") or "").strip() or None
    if _account_call(accounts.add_user, name, st.session_state.get("acct_new_role") or ROLES[1],
                     password or None, email=email, ok=f"Account {md_escape(name)} added.", failed="Account not added"):
        for k in ("acct_new_name", "acct_new_email"):
            st.session_state[k] = ""
    st.session_state["acct_new_password"] = ""  # never kept in the session, saved or not


def _change_account(what: str) -> None:
    name = st.session_state.get("acct_pick") or ""
    if what == "role":
        role = st.session_state.get("acct_role") or ""
        _account_call(accounts.set_role, name, role, ok=f"{md_escape(name)} is now {ROLE_LABELS.get(role, role)}.",
                      failed="Role not changed")
    elif what in ("disable", "enable"):
        _account_call(accounts.set_active, name, what == "enable", ok=f"{md_escape(name)}: {what}d.",
                      failed=f"Not {what}d")
    else:
        password = st.session_state.get("acct_password") or ""
        st.session_state["acct_password"] = ""
        _account_call(accounts.set_password, name, password, ok=f"New password set for {md_escape(name)}.",
                      failed="Password not set")


def _accounts() -> None:
    """Who may sign in, and as what: the admin's panel (the same workflows as `claims user ...`)."""
    if not common.can("accounts"):
        return
    st.subheader("Accounts")
    users = accounts.list_users(common.get_db())
    st.dataframe(
        {"name": [u.name for u in users], "role": [ROLE_LABELS.get(u.role, u.role) for u in users],
         "active": [u.active for u in users],
         "signs in with": [", ".join(x for x in ("password" if u.has_password else "", u.email or "") if x)
                           for u in users]},
        hide_index=True, key="acct_table",
    )
    with st.form("acct_add", clear_on_submit=False, border=True):
        st.caption(f"New account: a password of at least {accounts.MIN_PASSWORD} characters, or an e-mail for a "
                   "newsroom sign-in through the identity provider.")
        c1, c2 = st.columns(2)
        c1.text_input("Name", key="acct_new_name")
        c2.selectbox("Role", ROLES, index=1, key="acct_new_role", format_func=lambda r: ROLE_LABELS.get(r, r))
        c1.text_input("Password", type="password", key="acct_new_password", autocomplete="new-password")
        c2.text_input("E-mail (optional)", key="acct_new_email")
        st.form_submit_button("Add account", on_click=_add_account)
    names = [u.name for u in users]
    c1, c2, c3 = st.columns([2, 2, 3])
    pick = c1.selectbox("Account", names, key="acct_pick")
    current = next((u for u in users if u.name == pick), None)
    c2.selectbox("Role", ROLES, key="acct_role", format_func=lambda r: ROLE_LABELS.get(r, r),
                 index=ROLES.index(current.role) if current and current.role in ROLES else 0)
    c3.text_input("New password", type="password", key="acct_password", autocomplete="new-password")
    b1, b2, b3 = st.columns(3)
    b1.button("Set role", key="acct_set_role", on_click=_change_account, args=("role",))
    active = bool(current and current.active)
    b2.button("Disable" if active else "Enable", key="acct_toggle", on_click=_change_account,
              args=("disable" if active else "enable",),
              help="Disabling ends the account's sessions and lets go of the claims it held." if active else None)
    b3.button("Set password", key="acct_set_password", on_click=_change_account, args=("password",))
    common.show_flash("accounts")


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
    _accounts()


render()
