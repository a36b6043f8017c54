"""AppTest of signing in and out: the form, the sidebar, roles on the claim page, the first admin."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from claims import accounts, review
from db.engine import Database, open_database
from tests.conftest import PASSWORD
from tests.ui_apptest import assert_clean, claim_id_by_text, make_app, open_page

CLAIM = "Police said about 800 residents"


def sidebar_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption]


def test_not_signed_in_sees_only_the_sign_in_form(loaded_db: Database, sample_url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(sample_url, monkeypatch, reviewer=None).run()
    assert_clean(at)
    assert [t.label for t in at.text_input] == ["Name", "Password"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe  # no queue behind it


def test_sign_in_shows_who_and_sign_out_ends_the_session(loaded_db: Database, sample_url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(sample_url, monkeypatch, reviewer=None).run()
    at.text_input(key="signin_name").input("ana")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    assert_clean(at)
    assert "Signed in as ana" in sidebar_texts(at)
    token = at.session_state["session_token"]
    assert accounts.account_from_token(loaded_db, token).name == "ana"
    # The browser is handed the token in a cookie (a script, since the server cannot set one).
    assert any("claimdesk_session=" + token in h.proto.body for h in at.get("html"))

    at.sidebar.button(key="sign_out").click().run()
    assert [t.label for t in at.text_input] == ["Name", "Password"]
    assert accounts.account_from_token(loaded_db, token) is None  # void everywhere, not only here


def test_wrong_password_is_refused_without_saying_which(loaded_db: Database, sample_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(sample_url, monkeypatch, reviewer=None).run()
    at.text_input(key="signin_name").input("ana")
    at.text_input(key="signin_password").input("not the password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["wrong name or password, or the account is disabled"]
    assert "session_token" not in at.session_state


def test_a_disabled_account_is_signed_out_at_its_next_click(loaded_db: Database, sample_url: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "queue")
    assert "Signed in as rita" in sidebar_texts(at)
    accounts.set_active(loaded_db, "rita", False, by="adam")
    at.run()
    assert [t.label for t in at.text_input] == ["Name", "Password"]


def test_a_viewer_cannot_save_a_verdict(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch, reviewer="vic"), "claim", id=str(cid))
    assert_clean(at)
    save = at.button(key=f"verdict_save_{cid}")
    assert save.disabled
    assert "As a viewer you can read this claim but not change its verdict." in [c.value for c in at.info]
    # Read-only before anything is typed, not refused after: the fields and the match controls too.
    shown = [t for t in at.text_area if t.label == "Rationale"]
    assert len(shown) == 1 and shown[0].disabled and not str(shown[0].key).startswith("verdict_rationale_")
    assert all(s.disabled for s in at.selectbox if s.label == "Verdict")
    notes = [t for t in at.text_input if str(t.key).startswith(f"ev_note_{cid}_")]
    assert notes and all(t.disabled for t in notes)
    assert all(b.disabled for b in at.button if str(b.key).startswith(f"ev_attach_{cid}_"))
    # And the workflow refuses it whatever the page shows.
    with pytest.raises(review.ReviewError, match="vic is a viewer and cannot save verdicts"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="vic")
    assert review.claim_state(loaded_db, cid).version == 1


def test_first_admin_link_creates_the_admin_once(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(empty_url)  # migrated, no account at all
    link = accounts.first_admin_link(db, "http://127.0.0.1:8501")
    assert link is not None and link.startswith("http://127.0.0.1:8501/?first_admin=")
    token = link.split("=", 1)[1]
    at = make_app(empty_url, monkeypatch, reviewer=None)
    at.query_params["first_admin"] = token
    at.run()
    assert [b.label for b in at.button] == ["Create and sign in"]
    at.text_input(key="first_name").input("chief")
    at.text_input(key="first_password").input("a good long password")
    at.button[0].click().run()
    assert_clean(at)
    assert "Signed in as chief" in sidebar_texts(at)
    assert accounts.get(db, "chief").role == "admin"
    assert accounts.first_admin_link(db, "http://x") is None  # an admin exists: no more links
    assert not accounts.first_admin_token_valid(db, token)
    db.dispose()


@pytest.mark.parametrize("ended_by", ["sign-out elsewhere", "password reset"])
def test_a_browser_signed_out_elsewhere_saves_nothing(loaded_db: Database, sample_url: str,
                                                      monkeypatch: pytest.MonkeyPatch, ended_by: str) -> None:
    """The save callback runs before the page checks the session: it checks it itself."""
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "claim", id=str(cid))
    at.selectbox(key=f"verdict_choice_{cid}").select("False")
    at.text_area(key=f"verdict_rationale_{cid}").input("Typed before the session ended.")
    rita = accounts.get(loaded_db, "rita")
    if ended_by == "sign-out elsewhere":
        accounts.sign_out(loaded_db, rita.id)
    else:
        accounts.set_password(loaded_db, "rita", "a brand new password", by="adam")
    at.button(key=f"verdict_save_{cid}").click().run()
    assert not at.exception
    state = review.claim_state(loaded_db, cid)
    assert (state.verdict, state.version) == (None, 1)  # nothing written, not even the draft
    from claims import drafts
    assert drafts.load(loaded_db, cid, reviewer="rita") == {}
    assert [t.label for t in at.text_input] == ["Name", "Password"]  # the sign-in page, saying why
    assert [w.value for w in at.warning] == [
        "You were signed out (from another browser, or your password or account changed): nothing was saved. "
        "Sign in again; what you typed is kept in this browser."]


def test_after_a_reviewer_saves_a_final_verdict_the_form_shows_it(loaded_db: Database, sample_url: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer may set the first final verdict but not change it: the form turns read-only
    and shows what was saved, not an empty box."""
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "claim", id=str(cid))
    at.selectbox(key=f"verdict_choice_{cid}").select("False")
    at.text_area(key=f"verdict_rationale_{cid}").input("Police log says 800.")
    at.button(key=f"verdict_save_{cid}").click().run()
    assert_clean(at)
    shown = [t for t in at.text_area if t.label == "Rationale"]
    assert [(t.value, t.disabled) for t in shown] == [("Police log says 800.", True)]
    assert [s.value for s in at.selectbox if s.label == "Verdict"] == ["False"]
    assert any(i.value.startswith("This claim has a final verdict: as a reviewer you can read it") for i in at.info)


def test_a_reviewer_beaten_to_the_final_verdict_keeps_their_words_in_view(
        loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """ben saves a final verdict while rita types hers: rita is told who saved what, may not
    replace it (an editor may), and her words stay on the page on every visit, as a draft."""
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "claim", id=str(cid))
    at.selectbox(key=f"verdict_choice_{cid}").select("False").run()
    at.text_area(key=f"verdict_rationale_{cid}").input("Rita's dissent: the log says 800.").run()
    review.set_verdict(loaded_db, cid, verdict="True", rationale="Ben: the mayor is right", reviewer="ben")
    at.button(key=f"verdict_save_{cid}").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Not saved: ben changed this claim after you opened it (now version 2). Nothing was overwritten."]
    assert at.button(key=f"stale_overwrite_{cid}").disabled
    # A reload (a new session): the form shows ben's verdict, and rita's words below it.
    again = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "claim", id=str(cid))
    assert [t.value for t in again.text_area if t.label == "Rationale"] == ["Ben: the mayor is right"]
    assert [t.value for t in again.text_area if t.label == "Your unsaved rationale"] == [
        "Rita's dissent: the log says 800."]
    assert any(c.value.endswith("Your verdict: False") for c in again.caption)
    # Still hers to edit (as a draft, for an editor to read), never lost.
    again.text_area(key=f"verdict_rationale_{cid}").input("Rita's dissent: the police log says 800.").run()
    from claims import drafts
    assert drafts.load(loaded_db, cid, reviewer="rita")[drafts.RATIONALE] == "Rita's dissent: the police log says 800."
