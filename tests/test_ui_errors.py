"""Every write of the desk's pages survives a busy desk and a database error: one line next to
the control (never a traceback, never SQL), nothing the user typed is lost, and the next try
saves. The busy case is real (another connection holds the lock) for the verdict form; for the
other controls the workflow is made to raise what a busy or broken database raises."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from claims import accounts, drafts, ingest, queue, review, settings
from db.engine import Database, DeskBusy
from tests.conftest import PASSWORD
from tests.ui_apptest import claim_id_by_text, make_app, open_page
from ui.text import md_escape

CLAIM = "Police said about 800 residents"
BUSY_LINE = ("the desk is busy (another save held the database for a few seconds); what you typed is kept, "
             "try again in a moment")
# What must never reach the person at the desk.
LEAKS = ("Traceback", "[SQL", "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "sqlite3.", "psycopg", "parameters",
         "File \"")


def page_texts(at: AppTest) -> list[str]:
    """Every text the page shows (alerts, captions, markdown, HTML, exceptions)."""
    out = [e.value for e in (*at.error, *at.warning, *at.info, *at.success, *at.caption, *at.markdown)]
    out += [h.proto.body for h in at.get("html")] + [str(e.value) for e in at.exception]
    return out


def assert_one_clean_line(at: AppTest, expected: str) -> None:
    """The page shows one error, EXPECTED (as written, before Markdown escaping), and nothing
    anywhere on it looks like a traceback or SQL."""
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [md_escape(expected)]
    assert "\n" not in expected
    for t in page_texts(at):
        assert not any(leak in t for leak in LEAKS), t


def block_with_key(at: AppTest, key: str) -> Any:
    """The container drawn with that key (st.container(key=...))."""
    stack = [at._tree]  # noqa: SLF001 - the element tree is what AppTest gives
    while stack:
        node = stack.pop()
        if getattr(node, "key", None) == key or f"st-key-{key}" in str(getattr(node, "proto", "")):
            return node
        stack.extend(getattr(node, "children", {}).values())
    raise AssertionError(f"no container with key {key}")


def sql_error(message: str) -> sa_exc.OperationalError:
    """What SQLAlchemy raises for a failing statement: its text carries the SQL and the parameters."""
    return sa_exc.OperationalError("UPDATE claims SET rationale=? WHERE claims.id = ?", ("secret draft", 7),
                                   sqlite3.OperationalError(message))


BUSY = DeskBusy("the desk is busy: another writer held the database through 3 tries; try again in a moment")
FAILURES = {
    "busy": (BUSY, BUSY_LINE),
    "locked": (sql_error("database is locked"), BUSY_LINE),
    "disk": (sql_error("disk I/O error"), "the database at {db} cannot be written: disk error or disk full"),
    "unknown": (sql_error("no such column: claims.nope"),
                "unexpected error (OperationalError); the server log has the details"),
}


def raising(exc: BaseException) -> Callable[..., Any]:
    def fail(*_a: Any, **_kw: Any) -> Any:
        raise exc
    return fail


def db_name(url: str) -> str:
    u = make_url(url)
    return str(u.database) if u.get_backend_name() == "sqlite" else f"{u.host or 'localhost'}:{u.port or 5432}/{u.database}"


@contextmanager
def another_writer(url: str, claim_id: int) -> Iterator[None]:
    """Another process's open write transaction: SQLite's write lock, or the claim's row on PostgreSQL."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        conn = sqlite3.connect(str(u.database), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
        return
    engine = create_engine(u)
    try:
        with engine.connect() as c:
            c.execute(text("SELECT id FROM claims WHERE id = :i FOR UPDATE"), {"i": claim_id})
            yield
            c.rollback()
    finally:
        engine.dispose()


@pytest.fixture
def claim_app(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, int]:
    monkeypatch.setenv("CLAIMS_BUSY_TIMEOUT", "0.3")  # three tries and their pauses: about 1.5 s
    cid = claim_id_by_text(loaded_db, CLAIM)
    return open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid)), cid


def test_a_save_while_another_writer_holds_the_desk_says_busy_and_keeps_the_form(
        claim_app: tuple[AppTest, int], loaded_db: Database, sample_url: str) -> None:
    at, cid = claim_app
    rationale = "Police count 800; the mayor's 1,200 has no source."
    at.selectbox(key=f"verdict_choice_{cid}").select("False")
    at.text_area(key=f"verdict_rationale_{cid}").input(rationale).run()
    with another_writer(sample_url, cid):
        at.button(key=f"verdict_save_{cid}").click().run()
        assert not at.exception, [e.value for e in at.exception]
        line = md_escape(f"Verdict not saved: {BUSY_LINE}")
        assert [e.value for e in at.error] == [line]
        assert [e.value for e in block_with_key(at, f"verdict_form_{cid}").error] == [line]
        for t in page_texts(at):
            assert not any(leak in t for leak in LEAKS), t
        # What was typed is still in the form, and nothing was written.
        assert at.selectbox(key=f"verdict_choice_{cid}").value == "False"
        assert at.text_area(key=f"verdict_rationale_{cid}").value == rationale
        assert review.claim_state(loaded_db, cid).verdict is None
    at.button(key=f"verdict_save_{cid}").click().run()  # the other writer is done: the same click saves
    assert not at.error and [t.value for t in at.toast] == ["Saved: False (reviewed)."]
    state = review.claim_state(loaded_db, cid)
    assert (state.verdict, state.rationale, state.reviewer) == ("False", rationale, "ana")


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("button", ["verdict_save", "verdict_save_next"])
def test_verdict_save_failures_are_one_line_in_the_form(claim_app: tuple[AppTest, int], loaded_db: Database,
                                                        sample_url: str, monkeypatch: pytest.MonkeyPatch,
                                                        failure: str, button: str) -> None:
    at, cid = claim_app
    exc, line = FAILURES[failure]
    at.selectbox(key=f"verdict_choice_{cid}").select("Mostly false")
    at.text_area(key=f"verdict_rationale_{cid}").input("Two counts disagree.").run()
    monkeypatch.setattr(review, "set_verdict", raising(exc))
    at.button(key=f"{button}_{cid}").click().run()
    expected = "Verdict not saved: " + line.format(db=db_name(sample_url))
    assert_one_clean_line(at, expected)
    assert [e.value for e in block_with_key(at, f"verdict_form_{cid}").error] == [md_escape(expected)]
    assert at.title[0].value == f"Claim {cid}"  # "next" did not move on
    assert at.selectbox(key=f"verdict_choice_{cid}").value == "Mostly false"
    assert at.text_area(key=f"verdict_rationale_{cid}").value == "Two counts disagree."


def test_a_draft_that_cannot_be_kept_says_so_and_keeps_the_text(claim_app: tuple[AppTest, int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    at, cid = claim_app
    monkeypatch.setattr(drafts, "save", raising(BUSY))
    at.text_area(key=f"verdict_rationale_{cid}").input("Half a thought").run()
    assert_one_clean_line(at, f"Draft not kept: {BUSY_LINE}")
    assert at.text_area(key=f"verdict_rationale_{cid}").value == "Half a thought"


@pytest.mark.parametrize("failure", ["busy", "unknown"])
def test_evidence_attach_failure_is_shown_at_the_match_and_keeps_the_note(
        claim_app: tuple[AppTest, int], loaded_db: Database, monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    at, cid = claim_app
    attach = [b for b in at.button if b.key and b.key.startswith(f"ev_attach_{cid}_")][0]
    sid = int(attach.key.rsplit("_", 1)[1])
    at.selectbox(key=f"ev_stance_{cid}_{sid}").select("supports")
    at.text_input(key=f"ev_note_{cid}_{sid}").input("the mayor's figure").run()
    monkeypatch.setattr(review, "attach_evidence", raising(FAILURES[failure][0]))
    at.button(key=attach.key).click().run()
    expected = f"Evidence not attached: {FAILURES[failure][1]}"
    assert_one_clean_line(at, expected)
    assert [e.value for e in block_with_key(at, f"match_{sid}").error] == [md_escape(expected)]
    assert at.text_input(key=f"ev_note_{cid}_{sid}").value == "the mayor's figure"
    assert at.selectbox(key=f"ev_stance_{cid}_{sid}").value == "supports"
    assert queue.claim_detail(loaded_db, cid)["evidence"] == []


def test_not_a_claim_failure_is_shown_in_its_panel(claim_app: tuple[AppTest, int], loaded_db: Database,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    at, cid = claim_app
    monkeypatch.setattr(review, "mark_not_claim", raising(BUSY))
    at.button(key=f"not_claim_{cid}").click().run()
    assert_one_clean_line(at, f"Not removed from the queue: {BUSY_LINE}")
    assert [e.value for e in at.expander[-1].error] == [md_escape(f"Not removed from the queue: {BUSY_LINE}")]
    assert at.title[0].value == f"Claim {cid}"
    assert review.claim_state(loaded_db, cid).status != "dismissed"


def test_a_busy_desk_when_opening_a_claim_still_shows_it(loaded_db: Database, sample_url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from claims import reservations

    monkeypatch.setattr(reservations, "reserve", raising(sql_error("database is locked")))
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    assert not at.exception and not at.error
    assert md_escape(f"Not held for you this time: {BUSY_LINE}") in [c.value for c in at.caption]
    assert at.button(key=f"verdict_save_{cid}")  # the form is there


def test_a_page_whose_reads_fail_says_so_in_one_line(loaded_db: Database, sample_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "queue")
    monkeypatch.setattr(queue, "list_claims", raising(sql_error("disk I/O error")))
    at.run()
    assert_one_clean_line(at, f"This page could not be shown: the database at {db_name(sample_url)} cannot be "
                              "written: disk error or disk full")


def test_assign_failure_is_shown_in_the_assign_panel_and_keeps_the_choice(
        loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "queue")
    ids = [int(r["claim_id"]) for r in queue.list_claims(loaded_db, queue.ClaimFilter(), per_page=50).rows][:2]
    at.multiselect(key="assign_ids").set_value(ids)
    at.text_input(key="assign_new").input("bea")
    monkeypatch.setattr(review, "assign", raising(BUSY))
    at.button(key="assign_go").click().run()
    assert_one_clean_line(at, f"Not assigned: {BUSY_LINE}")
    assert at.expander[-1].error[0].value == md_escape(f"Not assigned: {BUSY_LINE}")
    assert at.multiselect(key="assign_ids").value == ids
    assert at.text_input(key="assign_new").value == "bea"


def test_promote_failure_is_shown_at_the_statement(loaded_db: Database, sample_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from db.queries.sources import source_statements

    with loaded_db.read() as s:
        target = next(r for r in source_statements(s, 1) if r.claim_id is None)
    at = open_page(make_app(sample_url, monkeypatch), "search")
    at.text_input(key="search_text").input(target.text).run()
    monkeypatch.setattr(review, "promote_statement", raising(sql_error("database is locked")))
    at.button(key=f"promote_{target.id}").click().run()
    assert_one_clean_line(at, f"Not promoted: {BUSY_LINE}")
    assert [e.value for e in block_with_key(at, f"hit_{target.id}").error] == [md_escape(f"Not promoted: {BUSY_LINE}")]
    assert at.text_input(key="search_text").value == target.text


@pytest.mark.parametrize("action", ["rename", "add", "delete", "move", "threshold", "publishing"])
def test_settings_failures_are_one_line_and_keep_what_was_typed(
        loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "settings")
    scale = review.scale(loaded_db)
    rid = next(r["id"] for r in scale if r["label"] == "Needs context")
    unused = next(r["id"] for r in scale if not r["in_use"])
    monkeypatch.setattr(review, "rename_rating", raising(BUSY))
    monkeypatch.setattr(review, "add_rating", raising(BUSY))
    monkeypatch.setattr(review, "delete_rating", raising(BUSY))
    monkeypatch.setattr(review, "reorder_ratings", raising(BUSY))
    monkeypatch.setattr(settings, "set_threshold", raising(BUSY))
    monkeypatch.setattr(settings, "set_publishing", raising(BUSY))
    before = review.scale(loaded_db), settings.publishing(loaded_db)
    if action == "rename":
        at.text_input(key=f"rating_label_{rid}").input("Missing context")
        at.button(key=f"rating_rename_{rid}").click().run()
        kept = at.text_input(key=f"rating_label_{rid}").value == "Missing context"
        line = "Not renamed"
    elif action == "add":
        at.text_input(key="rating_new_label").input("Satire")
        at.button(key="rating_add").click().run()
        kept = at.text_input(key="rating_new_label").value == "Satire"
        line = "Verdict not added"
    elif action == "delete":
        at.button(key=f"rating_delete_{unused}").click().run()
        kept, line = True, "Not deleted"
    elif action == "move":
        at.button(key=f"rating_down_{scale[0]['id']}").click().run()
        kept, line = True, "Not moved"
    elif action == "threshold":
        at.slider(key="settings_threshold").set_value(0.8)
        at.button(key="threshold_save").click().run()
        kept = at.slider(key="settings_threshold").value == 0.8
        line = "Threshold not saved"
    else:
        at.text_input(key="pub_newsroom").input("Valdoria Fact Desk")
        at.button(key="publishing_save").click().run()
        kept = at.text_input(key="pub_newsroom").value == "Valdoria Fact Desk"
        line = "Publishing settings not saved"
    assert_one_clean_line(at, f"{line}: {BUSY_LINE}")
    assert kept
    monkeypatch.undo()
    assert (review.scale(loaded_db), settings.publishing(loaded_db)) == before


def test_sign_in_on_a_busy_desk_says_so_and_keeps_the_name(loaded_db: Database, sample_url: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(sample_url, monkeypatch, reviewer=None).run()
    at.text_input(key="signin_name").input("ana")
    at.text_input(key="signin_password").input(PASSWORD)
    monkeypatch.setattr(accounts, "sign_in", raising(sql_error("database is locked")))
    at.button[0].click().run()
    assert_one_clean_line(at, f"Not signed in: {BUSY_LINE}")
    assert at.text_input(key="signin_name").value == "ana"
    assert "session_token" not in at.session_state


def test_sign_out_on_a_busy_desk_stays_signed_in_and_says_so(loaded_db: Database, sample_url: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "queue")
    token = at.session_state["session_token"]
    monkeypatch.setattr(accounts, "sign_out", raising(BUSY))
    at.sidebar.button(key="sign_out").click().run()
    assert_one_clean_line(at, f"Not signed out: {BUSY_LINE}")
    monkeypatch.undo()
    assert accounts.account_from_token(loaded_db, token).name == "ana"  # the session still holds


def test_an_upload_stopped_by_the_database_says_so_in_one_line(loaded_db: Database, sample_url: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "sources")
    at.get("file_uploader")[0].set_value([("fees.md", b"The port said fees would double.", "text/markdown")])
    at.run()
    monkeypatch.setattr(ingest, "ingest_uploads", raising(sql_error("disk I/O error")))
    at.button(key="upload_go").click().run()
    assert_one_clean_line(at, (f"Ingest stopped after 0 of 1 files: the database at {db_name(sample_url)} cannot "
                               "be written: disk error or disk full"))


def test_creating_the_first_admin_on_a_busy_desk_says_so_and_keeps_the_form(
        empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from db.engine import open_database

    db = open_database(empty_url)  # migrated, no account at all
    token = accounts.first_admin_link(db, "http://127.0.0.1:8501").split("=", 1)[1]
    at = make_app(empty_url, monkeypatch, reviewer=None)
    at.query_params["first_admin"] = token
    at.run()
    at.text_input(key="first_name").input("chief")
    at.text_input(key="first_password").input("a good long password")
    monkeypatch.setattr(accounts, "create_first_admin", raising(sql_error("database is locked")))
    at.button[0].click().run()
    assert_one_clean_line(at, f"The admin account was not created: {BUSY_LINE}")
    assert at.text_input(key="first_name").value == "chief"
    monkeypatch.undo()
    assert accounts.first_admin_token_valid(db, token) and accounts.get(db, "chief") is None  # the link still works
    db.dispose()
