"""Helpers shared by the pages: the cached database, the reviewer, the filters."""
from __future__ import annotations

import functools
import logging
from datetime import date
from typing import Any, Callable, Optional, TypeVar, Union

import streamlit as st

from claims import queue, reservations
from claims.accounts import Account
from claims.queue import ClaimFilter
from claims.text.vocab import CLAIM_STATUSES, ROLE_LABELS
from db.engine import Database, DatabaseError, DeskBusy, database_url, explain, open_database
from ui import text

log = logging.getLogger("claimdesk.ui")
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

ANY = "(any)"
NO_VERDICT = "(no verdict)"
CLAIM_PAGE = "ui/claim_page.py"
QUEUE_PAGE = "ui/queue_page.py"


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    # One engine (and one migration check) per URL for the whole server:
    # every session and rerun shares its connection pool.
    return open_database(url)


def get_db() -> Database:
    return _database(database_url())


@st.cache_data(ttl=30, show_spinner=False)
def _filter_options(url: str) -> dict[str, list[str]]:
    return queue.filter_options(_database(url))


def filter_options(*, fresh: bool = False) -> dict[str, list[str]]:
    """Outlets, speakers, reviewers, verdicts; cached for 30 s (they change rarely)."""
    if fresh:
        _filter_options.clear()
    return _filter_options(database_url())


def init_state() -> None:
    """Session defaults, set once per session (never overwrite what the user typed)."""
    defaults: dict[str, Any] = {"flash": []}
    for k, v in defaults.items():
        if k not in st.session_state:
            st.session_state[k] = v


def account() -> Optional[Account]:
    """The signed-in account of this run (app.py sets it after checking the session token)."""
    return st.session_state.get("account")


def reviewer() -> str:
    """The signed-in account's name: who every change on the page is made as."""
    a = account()
    return a.name if a else ""


def can(action: str) -> bool:
    """Whether the signed-in account may do ACTION: the UI greys out what the workflow would refuse."""
    a = account()
    return bool(a and a.can(action))


def flash(kind: str, message: str, where: Optional[str] = None) -> None:
    """A message for the next run (callbacks run before the page draws): a toast, and with
    `where` also drawn next to the control that caused it (see show_flash)."""
    st.session_state.setdefault("flash", []).append((kind, message, where, False))


_TOAST_ICONS = {"success": ":material/check_circle:", "info": ":material/info:",
                "warning": ":material/warning:", "error": ":material/error:"}


def show_flash(where: Optional[str] = None) -> None:
    """Without `where` (the top of the page, drawn first): every new message as a toast, seen
    wherever the page is scrolled; a message without a place is only that, never a banner at the
    top of a long page. With `where`: that control's messages, drawn beside it, then forgotten."""
    kept = []
    for kind, message, place, toasted in st.session_state.get("flash", []):
        # Callers md_escape() names and article text: toasts and alerts render Markdown.
        if where is None:
            if not toasted:
                st.toast(message, icon=_TOAST_ICONS.get(kind),
                         duration="long" if kind in ("error", "warning") else "short")
            if place is not None:
                kept.append((kind, message, place, True))
        elif place == where:
            getattr(st, kind)(message)
        else:
            kept.append((kind, message, place, toasted))
    st.session_state["flash"] = kept


def pending_flash(where: str) -> bool:
    return any(m[2] == where for m in st.session_state.get("flash", []))


def drop_flash() -> None:
    """After a page has drawn: a message for a control that was not drawn is not kept for later."""
    st.session_state["flash"] = [m for m in st.session_state.get("flash", []) if m[2] is None]


# ---------------------------------------------------------------- failed writes: one line, input kept

BUSY = "the desk is busy (another save held the database for a few seconds); what you typed is kept, try again in a moment"


def failure(what: str, exc: BaseException) -> str:
    """What a failed action means for the person at the desk, in one line: never a traceback,
    never SQL or its parameters (they can hold a reviewer's text). Plain text: md_escape it
    for an alert."""
    if isinstance(exc, DeskBusy):
        reason = BUSY
    elif isinstance(exc, DatabaseError):
        reason = str(exc)
    else:
        known = explain(exc, database_url())
        if known is not None:
            reason = BUSY if known.startswith("the desk is busy") else known
        else:
            log.error("%s: unexpected error", what, exc_info=exc)  # the details go to the server log
            reason = f"unexpected error ({type(exc).__name__}); the server log has the details"
    return f"{what}: {' '.join(reason.split())}"


SESSION_TOKEN = "session_token"  # the signed session token in the session state (see ui.auth)
SESSION_ENDED = ("You were signed out (from another browser, or your password or account changed): "
                 "nothing was saved. Sign in again; what you typed is kept in this browser.")


def still_signed_in() -> bool:
    """Whether this browser's session still signs in its account, read from the database now.
    Callbacks run before app.py checks the session, so a write checks it itself: a sign-out
    elsewhere, a password reset or a disabled account stops the very next save."""
    from claims import accounts

    account = accounts.account_from_token(get_db(), st.session_state.get(SESSION_TOKEN))
    st.session_state["account"] = account  # the workflows then see the role as it is now
    if account is None:
        st.session_state["session_ended"] = True
    return account is not None


def writes(what: str, where: Union[str, Callable[..., Optional[str]], None] = None, *,
           signed_in: bool = True) -> Callable[[F], F]:
    """Decorate a callback that changes the desk: any failure the callback does not handle itself
    (a busy desk, a database error, anything unexpected) becomes one line, `what: why`, next to
    the control (`where`: a place name, or a function of the callback's arguments giving it).
    Nothing the user typed is touched: widget state is left as it was. With `signed_in` the
    session is checked first, and nothing is written for a browser that was signed out."""
    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                if signed_in and not still_signed_in():
                    return None  # the sign-in page says why (SESSION_ENDED)
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - Streamlit's own control flow is not an Exception
                place = where(*args, **kwargs) if callable(where) else where
                flash("error", text.md_escape(failure(what, exc)), where=place)
                return None
        return run  # type: ignore[return-value]
    return wrap


def quietly(what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Optional[T]:
    """A follow-up that may fail without undoing what was done (clearing a saved draft,
    releasing a hold): logged, not shown, and None."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - best effort by design
        log.warning("%s failed: %s", what, explain(exc) or type(exc).__name__)
        return None


# Streamlit sends a text box's value when it loses focus; a keyboard shortcut (Alt+S "Save
# and next", Alt+N "Next", Alt+1..9 a verdict) pressed while typing would run the button with the old value, and
# the words typed would be lost. So the box is left (and its value sent) before the shortcut runs.
# A click on a link while typing has the opposite trouble: leaving the box starts a run that
# swallows the page change. So such a click waits for that run to end, then goes.
COMMIT_BEFORE_SHORTCUT = """<script>
if (!window.__cdCommitBeforeShortcut) {
  window.__cdCommitBeforeShortcut = true;
  window.addEventListener("keydown", (e) => {
    const el = document.activeElement;
    if (e.altKey && /^(KeyS|KeyN|Digit[1-9])$/.test(e.code) && el && ["TEXTAREA", "INPUT"].includes(el.tagName)) {
      el.blur();
    }
  }, true);
  let edited = null, sentAt = 0;
  document.addEventListener("input", (e) => { if (e.isTrusted) edited = e.target; }, true);
  document.addEventListener("focusout", (e) => { if (e.target === edited) { edited = null; sentAt = Date.now(); } }, true);
  const idle = () => document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']");
  document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest("a[href]");
    if (!e.isTrusted || !link || Date.now() - sentAt > 1500) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    sentAt = 0;
    const started = Date.now();
    const go = () => (idle() || Date.now() - started > 5000) ? link.click() : setTimeout(go, 100);
    setTimeout(go, 200);
  }, true);
}
</script>"""


def style() -> None:
    st.html(text.STYLE)
    st.html(COMMIT_BEFORE_SHORTCUT, unsafe_allow_javascript=True, width=1)


def sidebar() -> None:
    from ui import auth  # auth uses get_db from here

    a = account()
    if a is None:
        return
    st.sidebar.markdown(f"Signed in as {text.md_escape(a.name)}")
    st.sidebar.caption(ROLE_LABELS.get(a.role, a.role))
    st.sidebar.button("Sign out", key="sign_out", on_click=auth.sign_out, icon=":material/logout:")
    with st.sidebar:
        show_flash("sign_out")


# How the queue was shown (beside its filters): carried to the claim and back, so the way back
# (the link, or the browser's Back) shows the queue as it was.
QUEUE_VIEW = ("sort", "page", "per_page")


def picked_row(table_key: str, ids_key: str) -> Optional[int]:
    """The id of the row a click picked in a table (one row, any cell), else None.

    A click on a cell selects the cell; one on the row's selection box selects the row: both pick it.
    """
    selection = st.session_state[table_key].selection
    rows = list(selection.rows) or [cell[0] for cell in selection.get("cells", [])]
    ids = st.session_state.get(ids_key, [])
    return ids[rows[0]] if len(rows) == 1 and rows[0] < len(ids) else None


def let_go_of_hold(keep: Optional[int] = None) -> None:
    """Release the claim this session holds unless it is KEEP: a reviewer who opens another claim
    or another page has left it, and colleagues should not find it blocked for the rest of the
    15 minutes. (Closing the browser still leaves the hold to expire by itself.)"""
    held = st.session_state.get("holding")
    if held is None or held == keep:
        return
    st.session_state.pop("holding", None)
    st.session_state.pop(f"held_{held}", None)
    if reviewer():
        quietly("releasing the claim you left", reservations.release, get_db(), held, reviewer=reviewer())


def queue_view() -> dict[str, str]:
    """The queue's sort, page and page size in the current URL (the queue's, or a claim's opened from it)."""
    return {k: str(st.query_params[k]) for k in QUEUE_VIEW if st.query_params.get(k)}


def open_claim(claim_id: int, walk: Optional[ClaimFilter] = None) -> None:
    """Open a claim; `walk` is the queue slice its "next" buttons go through, carried in the URL."""
    st.session_state["claim_id"] = int(claim_id)
    params = {"id": str(int(claim_id)), **(queue.filter_params(walk) if walk else {}), **queue_view()}
    st.switch_page(CLAIM_PAGE, query_params=params)


def seed_filters(prefix: str, initial: ClaimFilter) -> None:
    """Put a filter (from the URL) into widgets that have no value yet: widget state is dropped
    when a page is left, so coming back (Back, a reload, a shared link) starts from the URL."""
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    values = {
        "status": initial.status or ANY,
        "verdict": NO_VERDICT if initial.verdict == "none" else (initial.verdict or ANY),
        "outlet": initial.outlet or ANY,
        "assigned": "(unassigned)" if initial.assigned_to == "none" else (initial.assigned_to or ANY),
        "speaker": initial.speaker or "", "text": initial.text or "",
        "date_from": initial.date_from, "date_to": initial.date_to,
        "min_cw": float(initial.min_checkworthy or 0.0),
        "contra": ANY if initial.has_contradictions is None else ("yes" if initial.has_contradictions else "no"),
        "source": initial.source_id,
    }
    for name, value in values.items():
        if k(name) not in st.session_state:
            st.session_state[k(name)] = value


def claim_filters(prefix: str, *, on_change: Optional[Callable[[], None]] = None,
                  initial: Optional[ClaimFilter] = None) -> ClaimFilter:
    """The shared filter widgets (queue and report), keys `<prefix>_<field>`; `initial` fills
    the widgets that have no value yet."""
    opts = filter_options()
    k = lambda name: f"{prefix}_{name}"  # noqa: E731
    if initial is not None:
        seed_filters(prefix, initial)
        # A value from a link that is no option here (a renamed verdict) falls back to any.
        for name, options in (("verdict", [ANY, NO_VERDICT, *opts["verdicts"]]), ("outlet", [ANY, *opts["outlets"]]),
                              ("assigned", [ANY, "(unassigned)", *opts["reviewers"]]), ("status", [ANY, *CLAIM_STATUSES])):
            if st.session_state.get(k(name)) not in options:
                st.session_state[k(name)] = ANY
    c1, c2, c3, c4 = st.columns(4)
    c1.selectbox("Status", [ANY, *CLAIM_STATUSES], key=k("status"), on_change=on_change)
    c2.selectbox("Verdict", [ANY, NO_VERDICT, *opts["verdicts"]], key=k("verdict"), on_change=on_change)
    c3.selectbox("Outlet", [ANY, *opts["outlets"]], key=k("outlet"), on_change=on_change)
    c4.selectbox(
        "Assigned to", [ANY, "(unassigned)", *opts["reviewers"]], key=k("assigned"), on_change=on_change
    )
    c1, c2, c3, c4 = st.columns(4)
    c1.text_input("Speaker contains", key=k("speaker"), on_change=on_change)
    c2.text_input("Claim text contains", key=k("text"), on_change=on_change)
    c3.date_input("Stated from", value=None, key=k("date_from"), on_change=on_change)
    c4.date_input("Stated until", value=None, key=k("date_to"), on_change=on_change)
    c1, c2, c3 = st.columns([2, 1, 1])
    # value=None is the minimum (0.0), and lets a seeded value stand without a warning.
    c1.slider("Check-worthiness at least", 0.0, 1.0, None, 0.05, key=k("min_cw"), on_change=on_change)
    c2.selectbox("Has contradictions", [ANY, "yes", "no"], key=k("contra"), on_change=on_change)
    c3.number_input("Source id", min_value=1, value=None, step=1, key=k("source"), on_change=on_change)
    return filter_from_state(prefix)


def filter_from_state(prefix: str) -> ClaimFilter:
    """The filter the widgets `<prefix>_*` hold (their session state), read before or after they are drawn."""
    v = lambda name, default=None: st.session_state.get(f"{prefix}_{name}", default)  # noqa: E731
    status, verdict, outlet, assigned = v("status", ANY), v("verdict", ANY), v("outlet", ANY), v("assigned", ANY)
    contra, source_id = v("contra", ANY), v("source")
    date_from, date_to = v("date_from"), v("date_to")
    return ClaimFilter(
        status=None if status == ANY else status,
        verdict=None if verdict == ANY else ("none" if verdict == NO_VERDICT else verdict),
        outlet=None if outlet == ANY else outlet,
        assigned_to=None if assigned == ANY else ("none" if assigned == "(unassigned)" else assigned),
        speaker=(v("speaker") or "").strip() or None,
        text=(v("text") or "").strip() or None,
        date_from=date_from if isinstance(date_from, date) else None,
        date_to=date_to if isinstance(date_to, date) else None,
        min_checkworthy=v("min_cw") or None,
        has_contradictions=None if contra == ANY else contra == "yes",
        source_id=int(source_id) if source_id else None,
    )
