"""AppTest of the settings page: rating scale editor, threshold (an editor's), accounts (an admin's)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from claims import review, settings
from db.engine import Database
from tests.ui_apptest import assert_clean, claim_id_by_text, make_app, open_page


@pytest.fixture
def app(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return open_page(make_app(sample_url, monkeypatch, reviewer="ana"), "settings")


def rating_id(db: Database, label: str) -> int:
    return next(r["id"] for r in review.scale(db) if r["label"] == label)


def test_a_reviewer_cannot_change_the_scale(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "settings")
    rid = rating_id(loaded_db, "Needs context")
    # Read-only from the start: no field to type into, no button to be refused after.
    assert at.text_input(key=f"rating_label_{rid}").disabled
    scale_buttons = [b for b in at.button if str(b.key).startswith(("rating_", "threshold_", "publishing_"))]
    assert scale_buttons and all(b.disabled for b in scale_buttons)
    # And the workflow refuses it whatever a page shows.
    with pytest.raises(ValueError, match="rita is a reviewer and cannot edit the rating scale, which needs a role of editor"):
        review.rename_rating(loaded_db, rid, "Missing context", reviewer="rita")
    assert "Needs context" in [r["label"] for r in review.scale(loaded_db)]


def test_rename_reorder_add_rating(app: AppTest, loaded_db: Database) -> None:
    rid = rating_id(loaded_db, "Needs context")
    app.text_input(key=f"rating_label_{rid}").input("Missing context")
    app.button(key=f"rating_rename_{rid}").click().run()
    assert_clean(app)
    app.button(key=f"rating_up_{rid}").click().run()
    labels = [r["label"] for r in review.scale(loaded_db)]
    assert labels[-2:] == ["Missing context", "Unverifiable"]
    app.text_input(key="rating_new_label").input("Satire")
    app.button(key="rating_add").click().run()
    assert [r["label"] for r in review.scale(loaded_db)][-1] == "Satire"
    assert app.text_input(key=f"rating_label_{rating_id(loaded_db, 'Satire')}").value == "Satire"


def test_a_verdict_in_use_cannot_be_deleted(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = claim_id_by_text(loaded_db, "Police said about 800 residents")
    review.set_verdict(loaded_db, cid, verdict="False", rationale="800", reviewer="bea")
    at = open_page(make_app(sample_url, monkeypatch), "settings")
    assert at.button(key=f"rating_delete_{rating_id(loaded_db, 'False')}").disabled
    unused = rating_id(loaded_db, "Half true")
    at.button(key=f"rating_delete_{unused}").click().run()
    assert_clean(at)
    assert "Half true" not in [r["label"] for r in review.scale(loaded_db)]


def test_duplicate_label_is_refused_with_reason(app: AppTest, loaded_db: Database) -> None:
    rid = rating_id(loaded_db, "True")
    app.text_input(key=f"rating_label_{rid}").input("False")
    app.button(key=f"rating_rename_{rid}").click().run()
    assert "already exists" in app.error[0].value


def test_threshold_is_saved(app: AppTest, loaded_db: Database) -> None:
    app.slider(key="settings_threshold").set_value(0.65)
    app.button(key="threshold_save").click().run()
    assert_clean(app)
    assert settings.get_threshold(loaded_db) == pytest.approx(0.65)


def test_an_editor_sets_the_publishing_settings(app: AppTest, loaded_db: Database) -> None:
    app.text_input(key="pub_newsroom").input("Valdoria Fact Desk")
    app.text_input(key="pub_fact_check_url").input("https://news.example/fact-checks/{claim_id}")
    app.text_input(key="pub_desk_url").input("https://desk.example/")
    app.button(key="publishing_save").click().run()
    assert_clean(app)
    assert settings.publishing(loaded_db) == settings.Publishing(
        desk_url="https://desk.example", newsroom="Valdoria Fact Desk", newsroom_url="",
        fact_check_url="https://news.example/fact-checks/{claim_id}")
    assert app.text_input(key="pub_desk_url").value == "https://desk.example"


def test_a_bad_pattern_is_refused_and_the_typing_kept(app: AppTest, loaded_db: Database) -> None:
    app.text_input(key="pub_fact_check_url").input("https://news.example/fact-checks/")
    app.button(key="publishing_save").click().run()
    shown = [e.value.replace("\\", "") for e in app.error]  # md_escape'd
    assert shown == ["the fact-check URL pattern needs {claim_id} where the claim's id goes, "
                     "e.g. https://news.example/fact-checks/{claim_id}"]
    assert app.text_input(key="pub_fact_check_url").value == "https://news.example/fact-checks/"
    assert settings.publishing(loaded_db) == settings.Publishing()


def test_a_reviewer_sees_the_publishing_settings_but_cannot_change_them(
    loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_publishing(loaded_db, newsroom="Valdoria Fact Desk", reviewer="ana")
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "settings")
    assert at.text_input(key="pub_newsroom").value == "Valdoria Fact Desk"
    assert at.text_input(key="pub_newsroom").disabled and at.button(key="publishing_save").disabled


def test_an_admin_manages_accounts_on_the_settings_page(loaded_db: Database, sample_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from claims import accounts

    editor = open_page(make_app(sample_url, monkeypatch), "settings")  # ana, an editor
    assert "Accounts" not in [h.value for h in editor.subheader]
    at = open_page(make_app(sample_url, monkeypatch, reviewer="adam"), "settings")
    assert "Accounts" in [h.value for h in at.subheader]
    at.text_input(key="acct_new_name").input("nora")
    at.selectbox(key="acct_new_role").select("reviewer")
    at.text_input(key="acct_new_password").input("a long enough passphrase")
    at.button(key="FormSubmitter:acct_add-Add account").click().run()
    assert_clean(at)
    nora = accounts.get(loaded_db, "nora")
    assert (nora.role, nora.active, nora.has_password) == ("reviewer", True, True)
    assert at.text_input(key="acct_new_password").value == ""  # the password is not kept in the form
    assert accounts.sign_in(loaded_db, "nora", "a long enough passphrase").name == "nora"
    at.selectbox(key="acct_pick").select("nora").run()
    at.selectbox(key="acct_role").select("editor")
    at.button(key="acct_set_role").click().run()
    assert accounts.get(loaded_db, "nora").role == "editor"
    at.button(key="acct_toggle").click().run()
    assert not accounts.get(loaded_db, "nora").active
    # a refusal is one line beside the panel, nothing changed
    at.selectbox(key="acct_pick").select("adam").run()
    at.button(key="acct_toggle").click().run()
    assert any("last active admin" in e.value for e in at.error)
    assert accounts.get(loaded_db, "adam").active
