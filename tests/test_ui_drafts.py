"""AppTest: nothing typed is lost. Drafts per claim and account survive leaving the page and a
reload (a new session); the queue slice lives in the URL; the claim page says what "next" walks."""
from __future__ import annotations

import pytest

from claims import drafts, queue, review
from claims.queue import ClaimFilter
from db.engine import Database
from tests.ui_apptest import assert_clean, claim_id_by_text, frame_with, make_app, open_page

CLAIM = "Police said about 800 residents"
RATIONALE = "Police count 800; the mayor's 1,200 is contradicted."


def test_a_typed_rationale_survives_another_page_and_a_reload(loaded_db: Database, sample_url: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    at.selectbox(key=f"verdict_choice_{cid}").select("False").run()
    at.text_area(key=f"verdict_rationale_{cid}").input(RATIONALE).run()
    assert drafts.load(loaded_db, cid, reviewer="ana") == {"verdict": "False", "rationale": RATIONALE}
    # Another page, then back: the form's widgets were dropped, the draft fills them again.
    at.switch_page("ui/sources_page.py").run()
    at.switch_page("ui/claim_page.py")
    at.query_params["id"] = str(cid)
    at.run()
    assert at.text_area(key=f"verdict_rationale_{cid}").value == RATIONALE
    assert at.selectbox(key=f"verdict_choice_{cid}").value == "False"
    # A reload is a new session: the same.
    again = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    assert again.text_area(key=f"verdict_rationale_{cid}").value == RATIONALE
    assert "Your unsaved draft is restored." in [c.value for c in again.caption]
    # Drafts are per account: bea sees the saved (empty) form.
    bea = open_page(make_app(sample_url, monkeypatch, reviewer="bea"), "claim", id=str(cid))
    assert bea.text_area(key=f"verdict_rationale_{cid}").value == ""
    # Saving clears the draft.
    again.button(key=f"verdict_save_{cid}").click().run()
    assert_clean(again)
    assert "Your unsaved draft is restored." not in [c.value for c in again.caption]  # nothing unsaved now
    assert review.claim_state(loaded_db, cid).rationale == RATIONALE
    assert drafts.load(loaded_db, cid, reviewer="ana") == {}


def test_queue_filters_sort_and_page_live_in_the_url(loaded_db: Database, sample_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "queue")
    at.toggle(key="q_show_filters").set_value(True).run()
    at.selectbox(key="q_status").select("unreviewed").run()
    at.text_input(key="q_speaker").input("Korr").run()
    at.selectbox(key="q_sort").select("newest").run()
    assert at.query_params["status"] == "unreviewed" and at.query_params["speaker"] == "Korr"
    assert at.query_params["sort"] == "newest"
    shown = list(frame_with(at, "id", "claim")["id"])
    # A shared link (a new session with only the URL) shows the same slice.
    link = make_app(sample_url, monkeypatch, reviewer="bea")
    for k, v in {"status": "unreviewed", "speaker": "Korr", "sort": "newest"}.items():
        link.query_params[k] = v
    link.run()  # the queue is the default page: the link's first run draws it
    assert_clean(link)
    assert list(frame_with(link, "id", "claim")["id"]) == shown
    assert any(c.value.startswith("Showing: unreviewed, speaker Korr — ") for c in link.caption)
    link.toggle(key="q_show_filters").set_value(True).run()  # unfolded, the widgets show the link's slice
    assert link.selectbox(key="q_status").value == "unreviewed" and link.text_input(key="q_speaker").value == "Korr"
    assert list(frame_with(link, "id", "claim")["id"]) == shown


def test_the_claim_page_says_what_next_walks_and_walks_it(loaded_db: Database, sample_url: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    korr = queue.list_claims(loaded_db, ClaimFilter(status="unreviewed", speaker="Korr"), sort="checkworthy").rows
    assert len(korr) >= 2
    first, second = korr[0]["claim_id"], korr[1]["claim_id"]
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(first), status="unreviewed", speaker="Korr")
    assert f"Next in: unreviewed, speaker Korr — {len(korr)} left" in [c.value for c in at.caption]
    at.selectbox(key=f"verdict_choice_{first}").select("False")
    at.text_area(key=f"verdict_rationale_{first}").input("Budget office says otherwise")
    at.button(key=f"verdict_save_next_{first}").click().run()
    assert_clean(at)
    assert review.claim_state(loaded_db, first).status == "reviewed"
    assert at.query_params["id"] == str(second) and at.query_params["speaker"] == "Korr"
    assert f"Next in: unreviewed, speaker Korr — {len(korr) - 1} left" in [c.value for c in at.caption]


def test_the_claim_page_tells_the_browser_what_the_server_holds(loaded_db: Database, sample_url: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser keeps words typed but not yet sent (ui/typed.py) until the server holds the
    same: the page carries what the server holds for each watched box, escaped for an attribute."""
    import html
    import json
    import re

    from tests.ui_apptest import html_bodies

    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    hostile = 'He said "no" </div><script>alert(1)</script> & left'
    at.text_area(key=f"verdict_rationale_{cid}").input(hostile).run()
    state = next(b for b in html_bodies(at) if 'id="cd-typed"' in b)
    assert "<script>" not in state and 'data-user="ana"' in state
    held = json.loads(html.unescape(re.search(r'data-held="([^"]*)"', state).group(1)))
    assert held[f"verdict_rationale_{cid}"] == hostile
    notes = [k for k in held if k.startswith(f"ev_note_{cid}_")]
    assert notes and all(held[k] == "" for k in notes)  # every note box shown is watched too
