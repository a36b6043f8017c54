"""`claims user ...` and the acting account of every CLI write, run as a user runs them."""
from __future__ import annotations

from claims import review
from claims.queue import ClaimFilter, list_claims
from db.engine import open_database
from tests.test_cli import run

PW = "a long password\n"


def test_user_commands_from_a_new_desk(empty_url: str) -> None:
    init = run(empty_url, "init", "--url", "http://127.0.0.1:9999").stdout
    assert "one-time link" in init and "http://127.0.0.1:9999/?first_admin=" in init
    assert "password" not in init.split("link")[0].lower()  # never a default password
    run(empty_url, "user", "add", "boss", "--role", "admin", "--password-stdin", stdin=PW)
    assert "first_admin" not in run(empty_url, "init").stdout  # an admin exists: no link
    run(empty_url, "user", "add", "ana", "--role", "reviewer", "--password-stdin", "--reviewer", "boss", stdin=PW)
    run(empty_url, "user", "add", "vic", "--role", "viewer", "--email", "vic@example.org", "--reviewer", "boss")
    bad = run(empty_url, "user", "add", "eve", "--role", "admin", "--password-stdin", "--reviewer", "ana", stdin=PW, ok=False)
    assert (bad.returncode, bad.stderr) == (
        1, "claims: ana is a reviewer and cannot manage accounts, which needs a role of admin or above\n")
    assert run(empty_url, "user", "set-role", "ana", "editor", "--reviewer", "boss").stdout == "ana is now editor\n"
    assert run(empty_url, "user", "disable", "vic", "--reviewer", "boss").stdout == "vic is disabled\n"
    listing = run(empty_url, "user", "list").stdout.splitlines()
    assert [line.split()[:3] for line in listing] == [
        ["ana", "editor", "active"], ["boss", "admin", "active"], ["vic", "viewer", "disabled"]]
    empty = run(empty_url, "user", "add", "zoe", "--role", "viewer", "--password-stdin", "--reviewer", "boss", stdin="", ok=False)
    assert empty.stderr == "claims: no password on standard input\n"


def test_a_viewer_cannot_save_a_verdict_from_the_cli(sample_url: str) -> None:
    db = open_database(sample_url)
    cid = str(list_claims(db, ClaimFilter(status="unreviewed"), per_page=1).rows[0]["claim_id"])
    p = run(sample_url, "review", cid, "--verdict", "False", "--rationale", "x", "--reviewer", "vic", ok=False)
    assert (p.returncode, p.stderr) == (
        1, "claims: vic is a viewer and cannot save verdicts, which needs a role of reviewer or above\n")
    unknown = run(sample_url, "review", cid, "--verdict", "False", "--rationale", "x", "--reviewer", "nemo", ok=False)
    assert unknown.stderr.startswith("claims: no account named 'nemo'")
    scale = run(sample_url, "scale", "--add", "Satire", "--reviewer", "rita", ok=False)
    assert "rita is a reviewer and cannot edit the rating scale" in scale.stderr
    assert review.claim_state(db, int(cid)).version == 1
    assert "Satire" not in [r["label"] for r in review.scale(db)]
    db.dispose()
