"""No double work: opening a claim holds it; others see it, "next" skips it, it expires, it can be taken over."""
from __future__ import annotations

from datetime import timedelta

import pytest

from claims import queue, reservations, review
from claims.queue import ClaimFilter
from db.engine import Database
from tests.ui_apptest import assert_clean, make_app, open_page


def top_unreviewed(db: Database, n: int) -> list[int]:
    return [int(r["claim_id"]) for r in queue.list_claims(db, ClaimFilter(status="unreviewed"), per_page=n).rows]


def test_a_hold_is_shown_to_others_expires_and_can_be_taken_over(loaded_db: Database) -> None:
    cid = top_unreviewed(loaded_db, 1)[0]
    mine = reservations.reserve(loaded_db, cid, reviewer="ana")
    assert (mine.reviewer, mine.mine) == ("ana", True)
    theirs = reservations.reserve(loaded_db, cid, reviewer="bea")
    assert (theirs.reviewer, theirs.mine) == ("ana", False)  # still ana's
    assert reservations.holder(loaded_db, cid, reviewer="bea").reviewer == "ana"
    taken = reservations.reserve(loaded_db, cid, reviewer="bea", take_over=True)
    assert (taken.reviewer, taken.mine) == ("bea", True)
    reservations.reserve(loaded_db, cid, reviewer="bea", hold=timedelta(seconds=-1))  # an expired hold
    assert reservations.holder(loaded_db, cid) is None
    assert reservations.reserve(loaded_db, cid, reviewer="ana").mine
    with pytest.raises(ValueError, match="vic is a viewer"):
        reservations.reserve(loaded_db, cid, reviewer="vic")


def test_next_unreviewed_skips_claims_others_hold(loaded_db: Database) -> None:
    first, second, third = top_unreviewed(loaded_db, 3)
    assert queue.next_unreviewed(loaded_db) == first
    reservations.reserve(loaded_db, first, reviewer="ana")
    reservations.reserve(loaded_db, second, reviewer="ana")
    held = reservations.held_by_others(loaded_db, "bea")
    assert held == {first, second}
    assert queue.next_unreviewed(loaded_db, skip=held) == third
    assert reservations.held_by_others(loaded_db, "ana") == set()  # one's own holds are not skipped


def test_the_second_reviewer_sees_the_first_ones_hold(loaded_db: Database, sample_url: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cid = top_unreviewed(loaded_db, 1)[0]
    open_page(make_app(sample_url, monkeypatch, reviewer="ana"), "claim", id=str(cid))
    bea = open_page(make_app(sample_url, monkeypatch, reviewer="bea"), "claim", id=str(cid))
    assert [w.value for w in bea.warning] == [f"ana is reviewing this claim (held until "
                                              f"{reservations.holder(loaded_db, cid).expires_at:%H:%M} UTC)."]
    bea.button(key=f"take_over_btn_{cid}").click().run()
    assert_clean(bea)
    assert not bea.warning and reservations.holder(loaded_db, cid).reviewer == "bea"
    # Saving lets go of the hold.
    bea.selectbox(key=f"verdict_choice_{cid}").select("False")
    bea.text_area(key=f"verdict_rationale_{cid}").input("Registry says so")
    bea.button(key=f"verdict_save_{cid}").click().run()
    assert review.claim_state(loaded_db, cid).reviewer == "bea"
    assert reservations.holder(loaded_db, cid) is None


def test_the_queue_marks_what_others_hold(loaded_db: Database, sample_url: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Held claims show who has them open, so no one opens one to find it taken."""
    from tests.ui_apptest import frame_with

    first, second = top_unreviewed(loaded_db, 2)
    reservations.reserve(loaded_db, first, reviewer="ana")
    reservations.reserve(loaded_db, second, reviewer="bea")
    assert reservations.holders(loaded_db, [first, second, 10_000]) == {first: "ana", second: "bea"}
    at = open_page(make_app(sample_url, monkeypatch, reviewer="bea"), "queue")
    rows = frame_with(at, "id", "status").set_index("id")["status"]
    assert (rows[first], rows[second]) == ("held: ana", "held: you")
    assert (rows.drop([first, second]) != "held: ana").all()


@pytest.mark.parametrize("ended_by", ["sign-out", "new password", "disabled"])
def test_an_accounts_holds_end_with_its_sessions(loaded_db: Database, ended_by: str) -> None:
    """A claim left open in a browser that is signed out is no one's any more."""
    from claims import accounts

    first, second = top_unreviewed(loaded_db, 2)
    reservations.reserve(loaded_db, first, reviewer="rita")
    reservations.reserve(loaded_db, second, reviewer="ana")
    if ended_by == "sign-out":
        accounts.sign_out(loaded_db, accounts.get(loaded_db, "rita").id)
    elif ended_by == "new password":
        accounts.set_password(loaded_db, "rita", "another long password", by="adam")
    else:
        accounts.set_active(loaded_db, "rita", False, by="adam")
    assert reservations.holders(loaded_db, [first, second]) == {second: "ana"}


def test_a_reviewer_whose_claim_was_taken_over_saves_only_after_taking_it_back(
        loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims import drafts

    cid = top_unreviewed(loaded_db, 1)[0]
    ana = open_page(make_app(sample_url, monkeypatch, reviewer="ana"), "claim", id=str(cid))
    ana.selectbox(key=f"verdict_choice_{cid}").select("False").run()
    ana.text_area(key=f"verdict_rationale_{cid}").input("Ana's reading").run()
    reservations.reserve(loaded_db, cid, reviewer="bea", take_over=True)  # bea takes it over
    ana.button(key=f"verdict_save_{cid}").click().run()
    assert not ana.exception
    assert any(w.value.startswith("Not saved: bea took this claim over") for w in ana.warning)
    assert review.claim_state(loaded_db, cid).version == 1
    assert drafts.load(loaded_db, cid, reviewer="ana")[drafts.RATIONALE] == "Ana's reading"
    ana.button(key=f"take_over_btn_{cid}").click().run()  # ana takes it back, then saves
    ana.button(key=f"verdict_save_{cid}").click().run()
    assert (review.claim_state(loaded_db, cid).reviewer, review.claim_state(loaded_db, cid).verdict) == ("ana", "False")


def test_a_cli_review_of_a_claim_someone_holds_saves_and_says_so(loaded_db: Database, sample_url: str) -> None:
    from tests.test_cli import run
    first, second = top_unreviewed(loaded_db, 2)
    reservations.reserve(loaded_db, first, reviewer="ana")
    refused = run(sample_url, "review", str(first), "--verdict", "False", "--reviewer", "bea", ok=False)
    assert "rationale is required" in refused.stderr and "ana" not in refused.stderr  # nothing saved, no note
    p = run(sample_url, "review", str(first), "--verdict", "False", "--rationale", "the ledger says 5.8", "--reviewer", "bea")
    assert "ana was reviewing claim" in p.stderr and "refused as stale" in p.stderr
    assert review.claim_state(loaded_db, first).verdict == "False"  # saved all the same
    quiet = run(sample_url, "review", str(second), "--verdict", "False", "--rationale", "no such order",
                "--reviewer", "bea")
    assert quiet.stderr == ""  # nobody holds the second claim


def test_a_claim_left_for_another_claim_or_page_is_free_again(loaded_db: Database, sample_url: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Looking at a claim holds it only while it is open: opening the next claim or going back to
    the queue lets colleagues have it (a fresh-eyes finding: claims stayed 'held' 15 minutes)."""
    first, second = top_unreviewed(loaded_db, 2)
    at = open_page(make_app(sample_url, monkeypatch, reviewer="ana"), "claim", id=str(first))
    assert reservations.holder(loaded_db, first).reviewer == "ana"
    at.query_params["id"] = str(second)
    at.run()
    assert_clean(at)
    assert reservations.holder(loaded_db, first) is None
    assert reservations.holder(loaded_db, second).reviewer == "ana"
    at.switch_page("ui/queue_page.py").run()
    assert_clean(at)
    assert reservations.holder(loaded_db, second) is None
    # someone else's hold is never let go of by leaving it
    reservations.reserve(loaded_db, first, reviewer="bea")
    at.switch_page("ui/claim_page.py")
    at.query_params["id"] = str(first)
    at.run()
    at.switch_page("ui/queue_page.py").run()
    assert reservations.holder(loaded_db, first).reviewer == "bea"
