"""Review workflow: verdicts with history, optimistic locking, evidence, the scale."""
from __future__ import annotations

import threading

import pytest

from claims import queue, review
from claims.queue import ClaimFilter
from db.engine import Database, open_database


def first_claim(db: Database) -> int:
    page = queue.list_claims(db, ClaimFilter(status="unreviewed"), per_page=1)
    return int(page.rows[0]["claim_id"])


def test_verdict_saves_and_is_in_history(loaded_db: Database) -> None:
    cid = first_claim(loaded_db)
    st = review.set_verdict(loaded_db, cid, verdict="mostly FALSE", rationale="Port log shows 4 ships",
                            reviewer="ana", expected_version=1)
    assert (st.verdict, st.status, st.version, st.reviewer) == ("Mostly false", "reviewed", 2, "ana")
    hist = review.history(loaded_db, cid)
    assert [(h["action"], h["old_verdict"], h["new_verdict"], h["reviewer"]) for h in hist] == [
        ("verdict", None, "Mostly false", "ana")]
    detail = queue.claim_detail(loaded_db, cid)
    assert detail is not None and detail["verdict"] == "Mostly false" and detail["reviewed_at"] is not None


def test_unknown_verdict_lists_the_scale(loaded_db: Database) -> None:
    cid = first_claim(loaded_db)
    with pytest.raises(review.UnknownVerdict) as exc:
        review.set_verdict(loaded_db, cid, verdict="Pants on fire", rationale="x", reviewer="ana")
    assert "True, Mostly true, Half true, Mostly false, False, Unverifiable, Needs context" in str(exc.value)
    assert review.claim_state(loaded_db, cid).version == 1  # nothing written


def test_final_verdict_needs_rationale(loaded_db: Database) -> None:
    cid = first_claim(loaded_db)
    with pytest.raises(review.ReviewError, match="rationale is required"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="  ", reviewer="ana")


def test_stale_save_is_refused_and_shows_the_other_change(loaded_db: Database) -> None:
    cid = first_claim(loaded_db)
    seen = review.claim_state(loaded_db, cid).version
    review.set_verdict(loaded_db, cid, verdict="True", rationale="Confirmed by the registry",
                       reviewer="ben", expected_version=seen)
    with pytest.raises(review.StaleClaimError) as exc:
        review.set_verdict(loaded_db, cid, verdict="False", rationale="mine", reviewer="ana", expected_version=seen)
    assert exc.value.current.reviewer == "ben" and exc.value.current.verdict == "True"
    assert "ben" in str(exc.value)
    state = review.claim_state(loaded_db, cid)
    assert (state.verdict, state.rationale) == ("True", "Confirmed by the registry")
    assert len(review.history(loaded_db, cid)) == 1


def test_a_reviewer_beaten_to_a_final_verdict_is_told_who_saved_what(loaded_db: Database) -> None:
    """rita (a reviewer) may not change a final verdict; when ben saved one while she was
    working, she is told that (the stale save), not only that she lacks the role."""
    cid = first_claim(loaded_db)
    seen = review.claim_state(loaded_db, cid).version
    review.set_verdict(loaded_db, cid, verdict="True", rationale="Registry", reviewer="ben", expected_version=seen)
    with pytest.raises(review.StaleClaimError) as exc:
        review.set_verdict(loaded_db, cid, verdict="False", rationale="mine", reviewer="rita", expected_version=seen)
    assert (exc.value.current.reviewer, exc.value.current.verdict) == ("ben", "True")
    # and a viewer is still refused for being a viewer, stale or not
    with pytest.raises(review.ReviewError, match="vic is a viewer"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="x", reviewer="vic", expected_version=seen)
    # with the current version, rita is refused for her role
    with pytest.raises(review.ReviewError, match="cannot change a final verdict"):
        review.set_verdict(loaded_db, cid, verdict="False", rationale="mine", reviewer="rita",
                           expected_version=seen + 1)


def test_two_reviewers_at_once_one_wins_one_is_told(sample_url: str, loaded_db: Database) -> None:
    cid = first_claim(loaded_db)
    dbs = [open_database(sample_url) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(name: str, d: Database) -> None:
        barrier.wait()
        try:
            review.set_verdict(d, cid, verdict="False", rationale=f"by {name}", reviewer=name, expected_version=1)
            outcome[name] = "saved"
        except review.StaleClaimError:
            outcome[name] = "stale"
        except Exception as exc:  # e.g. "database is locked" would be a bug
            outcome[name] = repr(exc)

    threads = [threading.Thread(target=save, args=(n, d)) for n, d in zip(("ana", "ben"), dbs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in dbs:
        d.dispose()
    assert sorted(outcome.values()) == ["saved", "stale"], outcome
    assert len(review.history(loaded_db, cid)) == 1


def test_many_concurrent_writers_no_lock_errors(sample_url: str, loaded_db: Database) -> None:
    ids = [r["claim_id"] for r in queue.list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=8).rows]
    errors: list[str] = []

    def work(i: int) -> None:
        d = open_database(sample_url, migrate_schema=False)
        try:
            for cid in ids:
                try:
                    review.set_verdict(d, cid, verdict="Unverifiable", rationale=f"w{i}", reviewer=f"r{i}")
                except review.StaleClaimError:
                    pass  # lost the race for this claim: fine, it was refused, not overwritten
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            d.dispose()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for cid in ids:
        hist = review.history(loaded_db, cid)
        assert review.claim_state(loaded_db, cid).version == len(hist) + 1


def test_evidence_and_reuse(loaded_db: Database) -> None:
    rows = queue.list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=2).rows
    a, b = rows[0], rows[1]
    review.set_verdict(loaded_db, a["claim_id"], verdict="False", rationale="Registry says 5", reviewer="ana")
    review.attach_evidence(loaded_db, b["claim_id"], a["statement_id"], stance="contradicts",
                           reviewer="ana", note="different toll")
    st = review.reuse_verdict(loaded_db, b["claim_id"], from_claim_id=a["claim_id"], reviewer="ben")
    assert st.verdict == "False" and f"claim {a['claim_id']}" in (st.rationale or "")
    detail = queue.claim_detail(loaded_db, b["claim_id"])
    assert detail is not None
    assert [(e["statement_id"], e["stance"]) for e in detail["evidence"]] == [(a["statement_id"], "contradicts")]
    assert [h["action"] for h in detail["history"]] == ["evidence", "reuse"]
    with pytest.raises(review.ReviewError, match="stance"):
        review.attach_evidence(loaded_db, b["claim_id"], a["statement_id"], stance="agrees", reviewer="ana")
    with pytest.raises(review.ReviewError, match="itself"):
        review.attach_evidence(loaded_db, b["claim_id"], b["statement_id"], stance="supports", reviewer="ana")


def test_promote_and_dismiss(loaded_db: Database) -> None:
    from sqlalchemy import select

    from db.models import Statement

    with loaded_db.read() as s:
        sid = s.scalar(select(Statement.id).where(~Statement.claim.has()).limit(1))
    cid = review.promote_statement(loaded_db, sid, reviewer="ana")
    assert review.promote_statement(loaded_db, sid, reviewer="ana") == cid  # idempotent
    assert queue.list_claims(loaded_db, ClaimFilter(claim_ids=[cid])).total == 1
    review.mark_not_claim(loaded_db, cid, reviewer="ana")
    assert queue.list_claims(loaded_db, ClaimFilter(claim_ids=[cid])).total == 0
    with loaded_db.read() as s:
        assert s.get(Statement, sid).reviewer_label is False


def test_assign_and_filter(loaded_db: Database) -> None:
    ids = [r["claim_id"] for r in queue.list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=3).rows]
    assert review.assign(loaded_db, ids[:2], to="ana", reviewer="editor") == 2
    page = queue.list_claims(loaded_db, ClaimFilter(assigned_to="ana"))
    assert sorted(r["claim_id"] for r in page.rows) == sorted(ids[:2])
    assert all(r["assigned_to"] == "ana" for r in page.rows)
    assert queue.next_unreviewed(loaded_db, assigned_to="ana") in ids[:2]


def test_scale_editing(loaded_db: Database) -> None:
    rid = review.add_rating(loaded_db, "Misleading", reviewer="ana")
    labels = [r["label"] for r in review.scale(loaded_db)]
    assert labels[-1] == "Misleading"
    review.rename_rating(loaded_db, rid, "Out of context", reviewer="ana")
    cid = first_claim(loaded_db)
    review.set_verdict(loaded_db, cid, verdict="out of context", rationale="cropped video", reviewer="ana")
    with pytest.raises(review.ReviewError, match="used by 1 claims"):
        review.delete_rating(loaded_db, rid, reviewer="ana")
    with pytest.raises(review.ReviewError, match="already exists"):
        review.add_rating(loaded_db, "true", reviewer="ana")
    ids = [r["id"] for r in review.scale(loaded_db)]
    review.reorder_ratings(loaded_db, list(reversed(ids)), reviewer="ana")
    assert [r["id"] for r in review.scale(loaded_db)] == list(reversed(ids))
    unused = review.add_rating(loaded_db, "Spare", reviewer="ana")
    review.delete_rating(loaded_db, unused, reviewer="ana")
    assert "Spare" not in [r["label"] for r in review.scale(loaded_db)]


def test_next_unreviewed_walks_the_queue_in_order_and_wraps(loaded_db: Database) -> None:
    order = [r["claim_id"] for r in queue.list_claims(
        loaded_db, ClaimFilter(status="unreviewed"), sort="checkworthy", per_page=1000).rows]
    walked, cid = [], None
    for _ in range(len(order) + 1):
        cid = queue.next_unreviewed(loaded_db, after_id=cid)
        walked.append(cid)
    assert walked[:-1] == order and walked[-1] == order[0]  # every claim once, then round again


@pytest.mark.parametrize("sort", ["newest", "oldest", "published", "updated"])
def test_next_unreviewed_walks_in_the_queues_sort(loaded_db: Database, sort: str) -> None:
    """"Save and next" goes where the sorted queue goes next, a saved claim still marking the place."""
    order = [r["claim_id"] for r in queue.list_claims(
        loaded_db, ClaimFilter(status="unreviewed"), sort=sort, per_page=1000).rows]
    walked, cid = [], None
    for _ in range(len(order) + 1):
        cid = queue.next_unreviewed(loaded_db, after_id=cid, sort=sort)
        walked.append(cid)
    assert walked[:-1] == order and walked[-1] == order[0]
    if sort == "updated":
        return  # a save moves the claim to the top of "recently updated": it has no place left to mark
    # the claim just saved is no longer unreviewed: the walk goes on from where it stood
    review.set_verdict(loaded_db, order[3], verdict="False", rationale="checked", reviewer="ana")
    assert queue.next_unreviewed(loaded_db, after_id=order[3], sort=sort) == order[4]
    assert queue.next_unreviewed(loaded_db, after_id=order[2], sort=sort, skip={order[4]}) == order[5]


def test_next_unreviewed_keeps_the_queue_filters(loaded_db: Database) -> None:
    f = ClaimFilter(outlet="Northline Times")
    ids = {r["claim_id"] for r in queue.list_claims(loaded_db, ClaimFilter(outlet="Northline Times", status="unreviewed"), per_page=1000).rows}
    first = queue.next_unreviewed(loaded_db, f)
    assert first in ids
    assert queue.next_unreviewed(loaded_db, f, after_id=first) in ids - {first}


def test_saving_the_same_verdict_again_changes_nothing(loaded_db: Database) -> None:
    cid = first_claim(loaded_db)
    st = review.set_verdict(loaded_db, cid, verdict="False", rationale="Registry says 5", reviewer="ana")
    again = review.set_verdict(loaded_db, cid, verdict="False", rationale="Registry says 5 ", reviewer="ben",
                               expected_version=st.version)
    assert again.version == st.version and again.reviewer == "ana"
    assert len(review.history(loaded_db, cid)) == 1


def test_attaching_the_same_evidence_twice_records_it_once(loaded_db: Database) -> None:
    a, b = queue.list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=2).rows
    for _ in range(2):
        review.attach_evidence(loaded_db, a["claim_id"], b["statement_id"], stance="supports", reviewer="ana")
    assert [h["action"] for h in review.history(loaded_db, a["claim_id"])] == ["evidence"]
