"""Signing in and out of the desk: the sign-in form, the first-admin link, optional OIDC.

The browser keeps the signed session token (claims.accounts.issue_token) in a cookie, not in
st.query_params: the URL carries the queue's filters and is meant to be shared, and a token in
it would sign in whoever opens the link. Streamlit cannot set a cookie from the server, so a
one-line script writes it (st.html with JavaScript) and st.context.cookies reads it when a new
session starts (a reload). The session state keeps the token too and checks it on every run,
so a sign-out elsewhere or a disabled account takes effect at the next click.
"""
from __future__ import annotations

import json
from typing import Optional

import streamlit as st

from claims import accounts
from claims.accounts import Account
from ui import common
from ui.text import md_escape

COOKIE = "claimdesk_session"
TOKEN_KEY = common.SESSION_TOKEN


def _oidc_configured() -> bool:
    """st.login needs an [auth] section in .streamlit/secrets.toml; without one (the default) it
    is not offered."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def _cookie_script(value: str, max_age: int) -> None:
    st.html(
        "<script>document.cookie = " + json.dumps(f"{COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict")
        + ";</script>",
        unsafe_allow_javascript=True, width=1,
    )


def _start_session(account: Account) -> None:
    token = accounts.issue_token(common.get_db(), account.id)
    st.session_state[TOKEN_KEY] = token
    st.session_state["cookie_pending"] = token


def current() -> Optional[Account]:
    """The signed-in account of this browser session, checked against the database on every run."""
    db = common.get_db()
    token = st.session_state.get(TOKEN_KEY)
    if token is None:
        token = st.context.cookies.get(COOKIE)  # a reload: the cookie of the last sign-in
    account = accounts.account_from_token(db, token)
    if account is None and _oidc_configured() and getattr(st.user, "is_logged_in", False):
        try:
            account = accounts.sign_in_oidc(db, st.user.get("email"))
        except accounts.AccountError as exc:
            st.session_state["signin_error"] = str(exc)
        else:
            _start_session(account)
            return account
    if account is None:
        if st.session_state.pop(TOKEN_KEY, None):  # it signed in until now: say why it ended
            st.session_state["session_ended"] = True
        return None
    st.session_state[TOKEN_KEY] = token
    return account


def write_cookie() -> None:
    """Hand a new token to the browser (after sign-in), or drop it (after sign-out)."""
    token = st.session_state.pop("cookie_pending", None)
    if token:
        _cookie_script(token, int(accounts.SESSION_MAX_AGE.total_seconds()))
    if st.session_state.pop("cookie_clear", False):
        _cookie_script("", 0)


def _sign_in() -> None:
    name = st.session_state.get("signin_name") or ""
    password = st.session_state.get("signin_password") or ""
    try:
        account = accounts.sign_in(common.get_db(), name, password)
        _start_session(account)
    except accounts.AccountError as exc:
        st.session_state["signin_error"] = str(exc)
        return
    except Exception as exc:  # noqa: BLE001 - a busy desk: one line, name and password kept
        st.session_state["signin_error"] = common.failure("Not signed in", exc)
        return
    st.session_state.pop("signin_error", None)
    st.session_state["signin_password"] = ""


def _create_first_admin(token: str) -> None:
    try:
        account = accounts.create_first_admin(common.get_db(), token, st.session_state.get("first_name") or "",
                                              st.session_state.get("first_password") or "")
    except accounts.AccountError as exc:
        st.session_state["signin_error"] = str(exc)
        return
    except Exception as exc:  # noqa: BLE001 - a busy desk: one line, the form keeps its fields
        st.session_state["signin_error"] = common.failure("The admin account was not created", exc)
        return
    st.session_state.pop("signin_error", None)
    st.query_params.pop("first_admin", None)
    common.quietly("starting the session", _start_session, account)


@common.writes("Not signed out", where="sign_out", signed_in=False)
def sign_out() -> None:
    token = st.session_state.get(TOKEN_KEY)
    account = accounts.account_from_token(common.get_db(), token)
    if account is not None:
        accounts.sign_out(common.get_db(), account.id)
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state["cookie_clear"] = True
    st.session_state["signed_out"] = True


def sign_in_page() -> None:
    """The page a visitor who is not signed in sees instead of the desk."""
    common.style()
    st.title("Claimdesk")
    write_cookie()
    error = st.session_state.pop("signin_error", None)
    first = st.query_params.get("first_admin")
    db = common.get_db()
    if first and accounts.first_admin_token_valid(db, first):
        st.subheader("Create the admin account")
        st.caption("This one-time link was printed by `claims init` on a desk without an admin.")
        with st.form("first_admin_form"):
            st.text_input("Name", key="first_name")
            st.text_input("Password", type="password", key="first_password",
                          help=f"At least {accounts.MIN_PASSWORD} characters.")
            st.form_submit_button("Create and sign in", type="primary", on_click=_create_first_admin, args=(first,))
    else:
        st.subheader("Sign in")
        if st.session_state.pop("signed_out", False):
            st.info("Signed out.")
        elif st.session_state.pop("session_ended", False):
            st.warning(common.SESSION_ENDED)
        with st.form("signin_form"):
            st.text_input("Name", key="signin_name")
            st.text_input("Password", type="password", key="signin_password", autocomplete="current-password")
            st.form_submit_button("Sign in", type="primary", on_click=_sign_in)
        if _oidc_configured():
            if st.button("Sign in with your newsroom account", key="signin_oidc"):
                st.login()
        if accounts.needs_first_admin(db):
            st.info("This desk has no admin yet: run `claims init` and open the one-time link it prints.")
    if error:
        st.error(md_escape(error))
