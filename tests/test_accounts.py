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
    ("reviewer", {"read", "export", "verdict", "evidence", "claims", "ingest"}),
    ("editor", {"read", "export", "verdict", "evidence", "claims", "ingest", "final_verdict", "scale", "settings",
                "publish"}),
    ("admin", {"read", "export", "verdict", "evidence", "claims", "ingest", "final_verdict", "scale", "settings",
               "publish", "accounts"}),
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


def test_two_creations_of_one_name_at_once_give_one_account_and_one_clear_error(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from db import queries

    # Both creations read "no such name" before either inserts (the race PostgreSQL allows; on
    # SQLite the second waits for the write lock and then finds the name).
    barrier = threading.Barrier(2, timeout=3)
    plain = queries.accounts.by_name

    def by_name(session, name):  # type: ignore[no-untyped-def]
        found = plain(session, name)
        if name == "newbie":
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
        return found

    monkeypatch.setattr(queries.accounts, "by_name", by_name)
    results: list[object] = []

    def create(role: str) -> None:
        try:
            results.append(accounts.add_user(db, "newbie", role, PASSWORD, by="adam"))
        except Exception as exc:  # noqa: BLE001 - the test looks at what came out
            results.append(exc)

    threads = [threading.Thread(target=create, args=(role,)) for role in ("reviewer", "viewer")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    made = [r for r in results if isinstance(r, accounts.Account)]
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(made) == 1 and len(errors) == 1, results
    assert isinstance(errors[0], accounts.AccountError), repr(errors[0])
    assert str(errors[0]) == "an account named 'newbie' already exists"
    monkeypatch.undo()
    assert [a.role for a in accounts.list_users(db) if a.name == "newbie"] == [made[0].role]


def test_a_name_taken_after_the_check_is_already_exists_not_an_integrity_error(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from db import queries

    # The checks saw no such account (another transaction was about to commit it): the insert
    # finds the name or e-mail taken and says so.
    accounts.add_user(db, "erin", "reviewer", PASSWORD, by="adam", email="erin@x.example")
    plain_name, stale = queries.accounts.by_name, {"ana"}

    def by_name(session, name):  # type: ignore[no-untyped-def]
        if name in stale:
            stale.discard(name)
            return None
        return plain_name(session, name)

    monkeypatch.setattr(queries.accounts, "by_name", by_name)
    monkeypatch.setattr(queries.accounts, "by_email", lambda session, email: None)
    with pytest.raises(accounts.AccountError, match="^an account named 'ana' already exists$"):
        accounts.add_user(db, "ana", "reviewer", PASSWORD, by="adam")
    with pytest.raises(accounts.AccountError, match="^an account with the e-mail 'erin@x.example' already exists$"):
        accounts.add_user(db, "fresh", "reviewer", PASSWORD, by="adam", email="erin@x.example")
    monkeypatch.undo()
    assert [a.name for a in accounts.list_users(db)].count("fresh") == 0
