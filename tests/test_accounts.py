"""Accounts and roles (claims/accounts.py): who may do what, enforced in the workflows."""
from __future__ import annotations

from datetime import timedelta

import pytest

from claims import accounts, queue, review, settings
from claims.queue import ClaimFilter
from db.engine import Database, open_database
from tests.conftest import PASSWORD


def unreviewed(db: Database, n: int = 1) -> list[int]:
    return [int(r["claim_id"]) for r in queue.list_claims(db, ClaimFilter(status="unreviewed"), per_page=n).rows]


@pytest.mark.parametrize("role, allowed", [
    ("viewer", {"read", "export"}),
    ("reviewer", {"read", "export", "verdict", "evidence", "claims"}),
    ("editor", {"read", "export", "verdict", "evidence", "claims", "final_verdict", "scale", "settings", "publish"}),
    ("admin", {"read", "export", "verdict", "evidence", "claims", "final_verdict", "scale", "settings", "publish",
               "accounts"}),
])
def test_each_role_may_do_what_the_table_says(role: str, allowed: set[str]) -> None:
    from claims.text.vocab import PERMISSIONS

    assert {a for a in PERMISSIONS if accounts.can(role, a)} == allowed


def test_passwords_are_argon2_hashes_and_sign_in_checks_them(db: Database) -> None:
    with db.read() as s:
        from db import queries

        stored = queries.accounts.by_name(s, "ana").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.sign_in(db, "ana", PASSWORD).role == "editor"
    for name, pw in (("ana", "wrong password"), ("nobody", PASSWORD)):
        with pytest.raises(accounts.AccountError, match="^wrong name or password, or the account is disabled$"):
            accounts.sign_in(db, name, pw)


def test_a_viewer_reads_but_writes_nothing(loaded_db: Database) -> None:
    cid, other = unreviewed(loaded_db, 2)
    detail = queue.claim_detail(loaded_db, cid)
    with pytest.raises(review.ReviewError, match="^vic is a viewer and cannot save verdicts, which needs a role of reviewer"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="vic")
    with pytest.raises(review.ReviewError, match="cannot attach evidence"):
        review.attach_evidence(loaded_db, cid, detail["statement_id"] + 1, stance="supports", reviewer="vic")
    with pytest.raises(review.ReviewError, match="cannot change the queue"):
        review.assign(loaded_db, [cid], to="ana", reviewer="vic")
    assert review.history(loaded_db, cid) == [] and review.claim_state(loaded_db, cid).version == 1


def test_a_reviewer_sets_a_first_verdict_but_only_an_editor_changes_a_final_one(loaded_db: Database) -> None:
    cid = unreviewed(loaded_db)[0]
    review.set_verdict(loaded_db, cid, verdict="False", rationale="Records show 4", reviewer="rita")
    with pytest.raises(review.ReviewError, match="rita is a reviewer and cannot change a final verdict"):
        review.set_verdict(loaded_db, cid, verdict="True", rationale="changed my mind", reviewer="rita")
    assert review.set_verdict(loaded_db, cid, verdict="True", rationale="Registry says so", reviewer="ana").verdict == "True"
    with pytest.raises(review.ReviewError, match="cannot edit the rating scale"):
        review.add_rating(loaded_db, "Satire", reviewer="rita")
    with pytest.raises(ValueError, match="cannot change the desk's settings"):
        settings.set_threshold(loaded_db, 0.9, reviewer="rita")


def test_unknown_and_disabled_names_write_nothing(loaded_db: Database) -> None:
    cid = unreviewed(loaded_db)[0]
    with pytest.raises(review.ReviewError, match="^no account named 'zed'"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="zed")
    with pytest.raises(review.ReviewError, match="^name the acting account"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="  ")
    accounts.set_active(loaded_db, "rita", False, by="adam")
    with pytest.raises(review.ReviewError, match="^the account 'rita' is disabled$"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="rita")
    with pytest.raises(review.ReviewError, match="no account named 'zed'"):
        review.assign(loaded_db, [cid], to="zed", reviewer="ana")  # no account is made up on the way
    assert accounts.get(loaded_db, "zed") is None
    assert review.claim_state(loaded_db, cid).version == 1


def test_only_an_admin_manages_accounts_and_the_last_admin_stays(db: Database) -> None:
    with pytest.raises(accounts.AccountError, match="ana is a editor and cannot manage accounts"):
        accounts.add_user(db, "newbie", "reviewer", PASSWORD, by="ana")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.add_user(db, "ana", "reviewer", PASSWORD, by="adam")
    with pytest.raises(accounts.AccountError, match="at least 8 characters"):
        accounts.add_user(db, "newbie", "reviewer", "short", by="adam")
    with pytest.raises(accounts.AccountError, match="unknown role 'boss'"):
        accounts.add_user(db, "newbie", "boss", PASSWORD, by="adam")
    assert accounts.set_role(db, "rita", "editor", by="adam").role == "editor"
    with pytest.raises(accounts.AccountError, match="adam is the last active admin"):
        accounts.set_role(db, "adam", "editor", by="adam")
    with pytest.raises(accounts.AccountError, match="adam is the last active admin"):
        accounts.set_active(db, "adam", False, by="adam")


def test_the_first_account_of_a_desk_must_be_an_admin(empty_url: str) -> None:
    db = open_database(empty_url)
    try:
        with pytest.raises(accounts.AccountError, match="no admin yet"):
            accounts.add_user(db, "ana", "reviewer", PASSWORD, by=None)
        assert accounts.add_user(db, "boss", "admin", PASSWORD, by=None).role == "admin"
        with pytest.raises(accounts.AccountError, match="name the acting account"):
            accounts.add_user(db, "ana", "reviewer", PASSWORD, by=None)  # from now on an admin acts
    finally:
        db.dispose()


def test_session_tokens_survive_until_sign_out_disable_or_expiry(db: Database) -> None:
    ana = accounts.get(db, "ana")
    rita = accounts.get(db, "rita")
    token = accounts.issue_token(db, ana.id)
    assert accounts.account_from_token(db, token).name == "ana"
    assert accounts.account_from_token(db, token + "x") is None  # tampered
    assert accounts.account_from_token(db, token, max_age=timedelta(seconds=-1)) is None  # expired
    other = accounts.issue_token(db, rita.id)
    accounts.sign_out(db, ana.id)
    assert accounts.account_from_token(db, token) is None
    assert accounts.account_from_token(db, other).name == "rita"  # only ana's sessions end
    accounts.set_active(db, "rita", False, by="adam")
    assert accounts.account_from_token(db, other) is None


def test_first_admin_link_is_one_time_and_never_a_password(empty_url: str) -> None:
    db = open_database(empty_url)
    try:
        link = accounts.first_admin_link(db, "http://127.0.0.1:8501/")
        token = link.split("first_admin=", 1)[1]
        again = accounts.first_admin_link(db, "http://127.0.0.1:8501")  # a new link voids the old one
        assert not accounts.first_admin_token_valid(db, token)
        token = again.split("first_admin=", 1)[1]
        with pytest.raises(accounts.AccountError, match="used, expired or wrong"):
            accounts.create_first_admin(db, "guess", "boss", PASSWORD)
        assert accounts.create_first_admin(db, token, "boss", PASSWORD).role == "admin"
        with pytest.raises(accounts.AccountError, match="used, expired or wrong"):
            accounts.create_first_admin(db, token, "boss2", PASSWORD)
        assert accounts.sign_in(db, "boss", PASSWORD).name == "boss"
    finally:
        db.dispose()
