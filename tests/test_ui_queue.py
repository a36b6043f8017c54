"""AppTest of the queue: filters change the rows, counts per status, pages, next unreviewed, assignment."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from claims import queue, review
from claims.queue import ClaimFilter
from db.engine import Database
from tests import sql_oracle
from tests.ui_apptest import assert_clean, claim_id_by_text, frame_with, make_app, open_page


@pytest.fixture
def app(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    at = open_page(make_app(sample_url, monkeypatch), "queue")
    return at.toggle(key="q_show_filters").set_value(True).run()  # unfold the filter widgets


def metrics(at: AppTest) -> dict[str, int]:
    """The counts of the summary line ("Showing: … — 166 claims: 163 unreviewed · 0 in review · 3 reviewed")."""
    line = next(c.value for c in at.caption if c.value.startswith("Showing:"))
    m = re.search(r"— (\d+) claims? · by status: (\d+) unreviewed · (\d+) in review · (\d+) reviewed$", line)
    assert m, line
    return dict(zip(("Matching claims", "Unreviewed", "In review", "Reviewed"), map(int, m.groups())))


def test_queue_lists_claims_with_counts_per_status(app: AppTest, loaded_db: Database) -> None:
    assert_clean(app)
    counts = sql_oracle.status_counts(loaded_db)
    # The sample data's three imported fact-checks arrive reviewed; nothing is in review yet.
    assert counts["reviewed"] == 3 and "in_review" not in counts
    assert metrics(app) == {"Matching claims": sum(counts.values()), "Unreviewed": counts["unreviewed"],
                            "In review": 0, "Reviewed": 3}
    rows = frame_with(app, "id", "claim")
    assert list(rows["id"]) == sql_oracle.first_page_ids(loaded_db, 50)  # the default page size and order
    assert rows["check-worthy"].is_monotonic_decreasing


@pytest.mark.parametrize(
    "widget,key,value,expected",
    [
        # the queue shows the claim text (without "Police said")
        ("text_input", "q_text", "800 residents", {"about 800 residents were evacua"}),
        ("selectbox", "q_outlet", "VBS News", None),
        ("selectbox", "q_contra", "yes", None),
    ],
)
def test_filters_change_the_rows(app: AppTest, loaded_db: Database, widget: str, key: str, value: str,
                                 expected: set[str] | None) -> None:
    getattr(app, widget)(key=key)
    w = getattr(app, widget)(key=key)
    (w.input(value) if widget == "text_input" else w.select(value)).run()
    assert_clean(app)
    if expected == set():
        assert app.info[0].value == "No claims match these filters."
        return
    rows = frame_with(app, "id", "claim")
    if expected is None:  # exactly the claims plain SQL selects with that filter
        wanted = (sql_oracle.claim_ids(loaded_db, "so.outlet = :o", o=value) if key == "q_outlet"
                  else sql_oracle.claim_ids(loaded_db, sql_oracle.CONTRADICTED))
        assert wanted and set(rows["id"]) <= wanted
        assert metrics(app)["Matching claims"] == len(wanted)
        if key == "q_outlet":
            assert set(rows["outlet"]) == {value}
        return
    else:
        assert [t[:31] for t in rows["claim"]] == sorted(expected)
    assert metrics(app)["Matching claims"] == len(rows)


def test_status_and_verdict_filters_follow_reviews(app: AppTest, loaded_db: Database) -> None:
    cid = claim_id_by_text(loaded_db, "Police said about 800 residents")
    before = sql_oracle.claim_ids(loaded_db, "c.status = 'reviewed'")  # the sample data's imported fact-checks
    assert len(before) == 3
    review.set_verdict(loaded_db, cid, verdict="False", rationale="800 vs 1,200", reviewer="bea")
    app.selectbox(key="q_status").select("reviewed").run()
    assert set(frame_with(app, "id", "claim")["id"]) == before | {cid}
    assert metrics(app)["Reviewed"] == len(before) + 1
    app.selectbox(key="q_status").select("(any)")
    app.selectbox(key="q_verdict").select("False").run()
    rows = frame_with(app, "id", "verdict")
    assert cid in set(rows["id"]) and set(rows["id"]) == sql_oracle.claim_ids(loaded_db, "r.label = 'False'")
    assert set(rows["verdict"]) == {"False"}


def test_pages_and_sort(app: AppTest, loaded_db: Database) -> None:
    total = sum(sql_oracle.status_counts(loaded_db).values())
    app.number_input(key="q_page").set_value(2).run()
    rows = frame_with(app, "id", "claim")
    assert list(rows["id"]) == sql_oracle.first_page_ids(loaded_db, 100)[50:]
    assert len(rows) == min(50, total - 50)
    app.selectbox(key="q_sort").select("oldest").run()
    # Changing the sort goes back to page 1.
    assert app.number_input(key="q_page").value == 1
    assert list(frame_with(app, "id", "claim")["id"])[:3] == [1, 2, 3]


def test_next_unreviewed_opens_the_most_checkworthy_claim(app: AppTest, loaded_db: Database) -> None:
    expected = queue.next_unreviewed(loaded_db, assigned_to="ana")
    app.button(key="queue_next").click().run()
    assert_clean(app)
    assert app.title[0].value == f"Claim {expected}"
    assert app.query_params["id"] == str(expected)


def test_assign_claims_to_a_reviewer(app: AppTest, loaded_db: Database) -> None:
    ids = list(frame_with(app, "id", "claim")["id"])[:3]
    app.multiselect(key="assign_ids").set_value(ids)
    app.text_input(key="assign_new").input("bea")
    app.button(key="assign_go").click().run()
    assert_clean(app)
    assert app.toast[0].value == "3 claims assigned to bea"
    mine = queue.list_claims(loaded_db, ClaimFilter(assigned_to="bea")).rows
    assert sorted(r["claim_id"] for r in mine) == sorted(ids)
    app.selectbox(key="q_assigned").select("bea").run()
    assert sorted(frame_with(app, "id", "assigned to")["id"]) == sorted(ids)


def test_next_and_previous_page_walk_the_queue(app: AppTest, loaded_db: Database) -> None:
    app.selectbox(key="q_per_page").select(25).run()
    first = list(frame_with(app, "id", "claim")["id"])
    assert app.button(key="q_prev").disabled
    app.button(key="q_next_page").click().run()
    assert_clean(app)
    second = list(frame_with(app, "id", "claim")["id"])
    assert second == sql_oracle.first_page_ids(loaded_db, 50)[25:50]
    assert app.query_params["page"] == "2" and app.query_params["per_page"] == "25"
    app.button(key="q_prev").click().run()
    assert list(frame_with(app, "id", "claim")["id"]) == first


def test_contradictions_column_counts_what_matching_found(app: AppTest, loaded_db: Database) -> None:
    """"Has contradictions: yes" lists claims whose matching found a contradiction; their
    column says how many (not 0 until a reviewer attaches one as evidence)."""
    app.selectbox(key="q_contra").select("yes").run()
    rows = frame_with(app, "id", "claim")
    assert len(rows) > 0 and (rows["contradicts"] > 0).all()
