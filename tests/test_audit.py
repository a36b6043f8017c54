"""The audit trail: every change to a claim is a history row, nothing deletes
history or evidence, renames of the scale are recorded, one compare-and-set."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError as SQLDatabaseError

from claims import queue, review
from claims.ingest import ingest_paths
from db.engine import Database, open_database
from db.models import Claim, Evidence, Rating, Source, Statement, VerdictHistory
from db.queries.claims import ClaimFilter


def unreviewed(db: Database, n: int) -> list[dict]:
    return queue.list_claims(db, ClaimFilter(status="unreviewed"), per_page=n).rows


def rating_id(db: Database, label: str) -> int:
    with db.read() as s:
        return int(s.scalar(select(Rating.id).where(Rating.label == label)))


def actions(db: Database, cid: int) -> list[tuple]:
    return [(h["action"], h["old_verdict"], h["new_verdict"], h["old_status"], h["new_status"])
            for h in review.history(db, cid)]


def test_swapping_labels_is_recorded_on_every_claim_and_verdicts_keep_their_rating(loaded_db: Database) -> None:
    a, b, c = (r["claim_id"] for r in unreviewed(loaded_db, 3))
    review.set_verdict(loaded_db, a, verdict="True", rationale="Registry agrees", reviewer="ana")
    review.set_verdict(loaded_db, b, verdict="False", rationale="Registry disagrees", reviewer="ana")
    true_id, false_id = rating_id(loaded_db, "True"), rating_id(loaded_db, "False")
    versions = {cid: review.claim_state(loaded_db, cid).version for cid in (a, b, c)}
    # The attack of the issue: True -> X, False -> True, X -> False.
    assert review.rename_rating(loaded_db, true_id, "X", reviewer="editor") == 1
    # b and the sample data's imported "Corvel Chemicals" fact-check use False.
    assert review.rename_rating(loaded_db, false_id, "True", reviewer="editor") == 2
    assert review.rename_rating(loaded_db, true_id, "False", reviewer="editor") == 1
    with loaded_db.read() as s:
        assert s.get(Claim, a).rating_id == true_id and s.get(Claim, b).rating_id == false_id
    assert actions(loaded_db, a) == [
        ("verdict", None, "True", "unreviewed", "reviewed"),
        ("relabel", "True", "X", "reviewed", "reviewed"),
        ("relabel", "X", "False", "reviewed", "reviewed"),
    ]
    assert actions(loaded_db, b) == [
        ("verdict", None, "False", "unreviewed", "reviewed"),
        ("relabel", "False", "True", "reviewed", "reviewed"),
    ]
    assert [h["reviewer"] for h in review.history(loaded_db, a)] == ["ana", "editor", "editor"]
    assert "'True' -> 'X'" in review.history(loaded_db, a)[1]["note"]
    # Each relabel is a new version (an open form on the old wording is stale); c is untouched.
    assert review.claim_state(loaded_db, a).version == versions[a] + 2
    assert review.claim_state(loaded_db, b).version == versions[b] + 1
    assert review.claim_state(loaded_db, c).version == versions[c]
    assert review.history(loaded_db, c) == []


def test_renaming_an_unused_label_touches_no_claim(loaded_db: Database) -> None:
    rid = review.add_rating(loaded_db, "Misleading", reviewer="editor")
    assert review.rename_rating(loaded_db, rid, "Out of context", reviewer="editor") == 0
    assert review.rename_rating(loaded_db, rid, "Out of context", reviewer="editor") == 0  # same name: nothing to do


def test_dismissal_is_a_status_that_keeps_history_and_evidence(loaded_db: Database) -> None:
    a, b = unreviewed(loaded_db, 2)
    cid = a["claim_id"]
    review.attach_evidence(loaded_db, cid, b["statement_id"], stance="related", reviewer="ana")
    review.set_verdict(loaded_db, cid, verdict="Half true", rationale="partly", reviewer="ana")
    review.set_verdict(loaded_db, cid, verdict="none", rationale="", reviewer="ana")
    state = review.mark_not_claim(loaded_db, cid, reviewer="ben")
    assert state.status == "dismissed"
    assert [h[0] for h in actions(loaded_db, cid)] == ["evidence", "verdict", "verdict", "dismiss"]
    assert actions(loaded_db, cid)[-1] == ("dismiss", None, None, "in_review", "dismissed")
    detail = queue.claim_detail(loaded_db, cid)  # its page still opens, with everything on it
    assert detail is not None and detail["status"] == "dismissed"
    assert [e["statement_id"] for e in detail["evidence"]] == [b["statement_id"]]
    # Off the queue, the counts and the next-unreviewed walk; found by asking for it.
    assert queue.list_claims(loaded_db, ClaimFilter(claim_ids=[cid])).total == 0
    assert [r["claim_id"] for r in queue.list_claims(loaded_db, ClaimFilter(status="dismissed")).rows] == [cid]
    # Promoting the statement again brings the same claim back, recorded.
    assert review.promote_statement(loaded_db, a["statement_id"], reviewer="ana") == cid
    assert actions(loaded_db, cid)[-1] == ("promote", None, None, "dismissed", "unreviewed")
    assert review.claim_state(loaded_db, cid).status == "unreviewed"


def test_a_claim_with_a_verdict_cannot_be_dismissed(loaded_db: Database) -> None:
    cid = unreviewed(loaded_db, 1)[0]["claim_id"]
    review.set_verdict(loaded_db, cid, verdict="False", rationale="no", reviewer="ana")
    with pytest.raises(review.ReviewError, match="clear it first"):
        review.mark_not_claim(loaded_db, cid, reviewer="ana")


def test_the_database_refuses_to_rewrite_or_delete_the_record(loaded_db: Database) -> None:
    """Even a writer that skips the workflows (a script, a cascade) cannot erase the record."""
    a, b = unreviewed(loaded_db, 2)
    review.attach_evidence(loaded_db, a["claim_id"], b["statement_id"], stance="supports", reviewer="ana")
    attempts = [
        delete(VerdictHistory),
        update(VerdictHistory).values(new_verdict="True"),
        delete(Evidence),
        delete(Claim).where(Claim.id == a["claim_id"]),  # cascades to its history
        delete(Source).where(Source.id == a["source_id"]),  # cascades to its claims
    ]
    for stmt in attempts:
        with pytest.raises(SQLDatabaseError, match="append-only"):
            with loaded_db.write() as s:
                s.execute(stmt)
    assert len(review.history(loaded_db, a["claim_id"])) == 1
    with loaded_db.read() as s:
        assert s.scalar(select(Evidence.stance)) == "supports"


def test_changing_evidence_stance_is_recorded(loaded_db: Database) -> None:
    a, b = unreviewed(loaded_db, 2)
    review.attach_evidence(loaded_db, a["claim_id"], b["statement_id"], stance="supports", reviewer="ana")
    review.attach_evidence(loaded_db, a["claim_id"], b["statement_id"], stance="contradicts", reviewer="ben")
    notes = [h["note"] for h in review.history(loaded_db, a["claim_id"])]
    assert notes == [f"statement {b['statement_id']} linked as supports",
                     f"statement {b['statement_id']} changed from supports to contradicts"]


def test_assignment_is_one_compare_and_set_version(loaded_db: Database) -> None:
    cid = unreviewed(loaded_db, 1)[0]["claim_id"]
    v = review.claim_state(loaded_db, cid).version
    assert review.assign(loaded_db, [cid], to="ana", reviewer="editor") == 1
    assert review.assign(loaded_db, [cid], to="ana", reviewer="editor") == 0  # already hers
    assert review.claim_state(loaded_db, cid).version == v + 1
    with pytest.raises(review.StaleClaimError):  # a form opened before the assignment is stale
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="ben", expected_version=v)
    assert [h["action"] for h in review.history(loaded_db, cid)] == ["assign"]


def test_imported_factcheck_goes_through_the_verdict_rule(db: Database, tmp_path: Path) -> None:
    body = "Long explanation. " * 3000  # 54,000 characters: more than a rationale may hold
    (tmp_path / "fc.json").write_text(
        '{"@type": "ClaimReview", "claimReviewed": "The bridge cost four million.", '
        '"url": "https://example.org/fc/1", "author": {"name": "Example Checks"}, '
        '"reviewRating": {"alternateName": "False"}, "reviewBody": "' + body + '"}', encoding="utf-8")
    summary = ingest_paths(db, [tmp_path])
    assert summary.count("errors") == 0, [f.message for f in summary.files]
    with db.read() as s:
        cid = s.scalar(select(Claim.id))
    state = review.claim_state(db, cid)
    assert (state.verdict, state.status, state.version) == ("False", "reviewed", 2)  # one compare-and-set
    assert len(state.rationale or "") == review.MAX_RATIONALE
    assert (state.rationale or "").startswith("Example Checks rated this 'False'. https://example.org/fc/1 Long")
    assert actions(db, cid) == [("import", None, "False", "unreviewed", "reviewed")]


def test_rationale_and_note_have_a_length_limit(loaded_db: Database) -> None:
    a, b = unreviewed(loaded_db, 2)
    with pytest.raises(review.ReviewError, match="rationale is longer than 20,000"):
        review.set_verdict(loaded_db, a["claim_id"], verdict="False", rationale="x" * 20_001, reviewer="ana")
    with pytest.raises(review.ReviewError, match="note is longer than 2,000"):
        review.attach_evidence(loaded_db, a["claim_id"], b["statement_id"], stance="related",
                               reviewer="ana", note="y" * 2_001)
    assert review.history(loaded_db, a["claim_id"]) == []


def test_saves_without_a_version_are_never_refused_as_stale(sample_url: str, loaded_db: Database) -> None:
    """Scripts pass no version: "whatever is current". Under concurrency that must not
    turn into a spurious StaleClaimError (it did on PostgreSQL 35% of the time)."""
    cid = unreviewed(loaded_db, 1)[0]["claim_id"]
    outcome: list[str] = []
    barrier = threading.Barrier(4)

    def work(i: int) -> None:
        d = open_database(sample_url, migrate_schema=False)
        barrier.wait()
        try:
            for j in range(10):
                review.set_verdict(d, cid, verdict="Unverifiable", rationale=f"w{i}-{j}", reviewer=f"r{i}")
                outcome.append("saved")
        except Exception as exc:  # noqa: BLE001 - any refusal is the bug under test
            outcome.append(repr(exc))
        finally:
            d.dispose()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcome == ["saved"] * 40
    assert len(review.history(loaded_db, cid)) == 40
    assert review.claim_state(loaded_db, cid).version == 41


def test_history_guard_is_in_the_schema(db: Database) -> None:
    """The guard comes with `claims init` (migration 0003), not with the workflows."""
    with db.read() as s:
        if db.engine.dialect.name == "sqlite":
            names = s.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).scalars().all()
        else:
            names = s.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars().all()
    assert {"verdict_history_no_update", "verdict_history_no_delete", "evidence_no_delete"} <= set(names)


def test_statement_of_a_dismissed_claim_stays(loaded_db: Database) -> None:
    cid = unreviewed(loaded_db, 1)[0]["claim_id"]
    review.mark_not_claim(loaded_db, cid, reviewer="ana")
    with loaded_db.read() as s:
        claim = s.get(Claim, cid)
        assert claim is not None and s.get(Statement, claim.statement_id).reviewer_label is False


def test_cli_dismiss_rename_and_history(sample_url: str, loaded_db: Database) -> None:
    from tests.test_cli import run

    a, b = (r["claim_id"] for r in unreviewed(loaded_db, 2))
    out = run(sample_url, "dismiss", str(a), "--reviewer", "ana").stdout
    assert f"claim {a} dismissed" in out
    assert str(a) in run(sample_url, "list", "--status", "dismissed").stdout.split()
    assert str(a) not in [line.split()[0] for line in run(sample_url, "list", "--limit", "1000").stdout.splitlines()[1:]]
    run(sample_url, "review", str(b), "--verdict", "True", "--rationale", "Registry", "--reviewer", "ana")
    out = run(sample_url, "scale", "--rename", str(rating_id(loaded_db, "True")), "Correct", "--reviewer", "editor").stdout
    assert "recorded on the history of 1 claims" in out
    history = run(sample_url, "history", str(b)).stdout.splitlines()
    assert "relabel" in history[1] and "True -> Correct" in history[1] and "editor" in history[1]
    assert "dismiss" in run(sample_url, "history", str(a)).stdout
