"""AppTest of the claim page: source context, matches, evidence, verdicts, stale saves, history."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from claims import queue, review
from claims.ingest import ingest_article
from claims.text.records import Article
from db.engine import Database
from tests.ui_apptest import (
    assert_clean,
    claim_id_by_text,
    frame_with,
    html_bodies,
    make_app,
    markdown_bodies,
    open_page,
)

CLAIM = "Police said about 800 residents"


@pytest.fixture
def claim_app(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, int]:
    cid = claim_id_by_text(loaded_db, CLAIM)
    return open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid)), cid


def test_claim_page_shows_claim_in_its_paragraph_and_a_contradicting_match(claim_app: tuple[AppTest, int]) -> None:
    at, cid = claim_app
    assert_clean(at)
    assert at.title[0].value == f"Claim {cid}"
    bodies = html_bodies(at)
    # the claim text is marked in its paragraph, its frame ("Police said") around it
    assert any("Police said <mark>about 800 residents" in b for b in bodies)
    assert any("Northline Times" in b for b in bodies)
    # the claim text heads the page, the sentence it was said in below it
    assert any(b.startswith("<blockquote") and ">about 800 residents were evacuated" in b for b in bodies)
    assert any(b.startswith('<div class="cd-meta">In context: <span class="cd-text">Police said <mark>about 800')
               for b in bodies)
    # Contradicting matches come first, with score and the differing words marked.
    groups = [b for b in bodies if b.startswith("<h4>")]
    assert "contradicts" in groups[0]
    assert any("1,200" in b and "score" in b and 'class="cd-diff"' in b for b in bodies)
    assert any("words are those the claim does not have" in b for b in bodies)  # what the marking means


def test_verdict_saves_and_appears_in_history(claim_app: tuple[AppTest, int], loaded_db: Database) -> None:
    at, cid = claim_app
    at.selectbox(key=f"verdict_choice_{cid}").select("False")
    at.text_area(key=f"verdict_rationale_{cid}").input("Police figure is 800; the mayor said 1,200.")
    at.button(key=f"verdict_save_{cid}").click().run()
    assert_clean(at)
    assert [t.value for t in at.toast] == ["Saved: False (reviewed)."]
    state = review.claim_state(loaded_db, cid)
    assert (state.verdict, state.status, state.reviewer) == ("False", "reviewed", "ana")
    hist = frame_with(at, "action", "rationale")
    assert list(hist["action"]) == ["verdict"]
    assert hist["verdict"].iloc[0] == "– → False"
    assert hist["rationale"].iloc[0].startswith("Police figure is 800")
    # the time in UTC, said in the column's name (the database stores UTC)
    saved_at = review.history(loaded_db, cid)[-1]["changed_at"]
    assert hist["when (UTC)"].iloc[0] == f"{saved_at:%Y-%m-%d %H:%M:%S}"


def test_a_verdict_key_chooses_the_verdict_and_keeps_it_as_a_draft(claim_app: tuple[AppTest, int], loaded_db: Database) -> None:
    """Alt+1 ... Alt+9 are buttons in the scale's order: one action chooses a verdict."""
    from claims import drafts

    at, cid = claim_app
    labels = [r["label"] for r in review.scale(loaded_db)]
    i = labels.index("False") + 1
    assert at.button(key=f"verdict_key_{cid}_{i}").label == f"{i} · False"
    at.button(key=f"verdict_key_{cid}_{i}").click().run()
    assert_clean(at)
    assert at.selectbox(key=f"verdict_choice_{cid}").value == "False"
    assert drafts.load(loaded_db, cid, reviewer="ana")[drafts.VERDICT] == "False"


def test_final_verdict_without_rationale_is_refused(claim_app: tuple[AppTest, int], loaded_db: Database) -> None:
    at, cid = claim_app
    at.selectbox(key=f"verdict_choice_{cid}").select("True")
    at.button(key=f"verdict_save_{cid}").click().run()
    assert "rationale is required" in at.error[0].value
    assert review.claim_state(loaded_db, cid).verdict is None


def test_stale_save_is_refused_and_shows_the_other_change(claim_app: tuple[AppTest, int], loaded_db: Database) -> None:
    at, cid = claim_app
    # Another reviewer saves while this page is open.
    review.set_verdict(loaded_db, cid, verdict="Mostly false", rationale="Bea's reading", reviewer="bea")
    at.selectbox(key=f"verdict_choice_{cid}").select("True")
    at.text_area(key=f"verdict_rationale_{cid}").input("Ana's reading")
    at.button(key=f"verdict_save_{cid}").click().run()
    assert not at.exception
    state = review.claim_state(loaded_db, cid)
    assert (state.verdict, state.rationale, state.reviewer) == ("Mostly false", "Bea's reading", "bea")
    assert "bea changed this claim" in at.error[0].value
    assert any("Bea&#x27;s reading" in b and "Ana&#x27;s reading" in b for b in html_bodies(at))
    # Keeping theirs loads their verdict into the form, and nothing is written.
    at.button(key=f"stale_keep_{cid}").click().run()
    assert at.selectbox(key=f"verdict_choice_{cid}").value == "Mostly false"
    assert review.claim_state(loaded_db, cid).version == state.version


def test_stale_save_can_replace_theirs_only_when_asked(claim_app: tuple[AppTest, int], loaded_db: Database) -> None:
    at, cid = claim_app
    review.set_verdict(loaded_db, cid, verdict="Mostly false", rationale="Bea's reading", reviewer="bea")
    at.selectbox(key=f"verdict_choice_{cid}").select("False")
    at.text_area(key=f"verdict_rationale_{cid}").input("Police say 800")
    at.button(key=f"verdict_save_{cid}").click().run()
    at.button(key=f"stale_overwrite_{cid}").click().run()
    assert_clean(at)
    state = review.claim_state(loaded_db, cid)
    assert (state.verdict, state.reviewer) == ("False", "ana")
    assert [h["reviewer"] for h in review.history(loaded_db, cid)] == ["bea", "ana"]


def test_attach_match_as_evidence(claim_app: tuple[AppTest, int], loaded_db: Database) -> None:
    at, cid = claim_app
    attach = [b for b in at.button if b.key and b.key.startswith(f"ev_attach_{cid}_")][0]
    sid = int(attach.key.rsplit("_", 1)[1])
    at.text_input(key=f"ev_note_{cid}_{sid}").input("mayor's figure")
    at.button(key=attach.key).click().run()
    assert_clean(at)
    ev = queue.claim_detail(loaded_db, cid)["evidence"]
    assert [(e["statement_id"], e["stance"], e["note"]) for e in ev] == [(sid, "contradicts", "mayor's figure")]
    assert frame_with(at, "stance", "statement")["stance"].tolist() == ["contradicts"]


def test_reuse_previous_verdict(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # matched on claim text: the police's "about 800 residents were evacuated ..., not the 1,200"
    # is the close one (the city's own 1,200 shared the mayor's name only in its frame)
    src = claim_id_by_text(loaded_db, "Police said about 800 residents")
    cid = claim_id_by_text(loaded_db, "Mayor Ilse Marrow stood by her figure")
    review.set_verdict(loaded_db, src, verdict="Mostly false", rationale="Police count 800", reviewer="bea")
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    reuse = [b for b in at.button if b.key == f"reuse_{cid}_{src}"]
    assert reuse, "a reviewed near-identical claim offers its verdict"
    reuse[0].click().run()
    assert_clean(at)
    state = review.claim_state(loaded_db, cid)
    assert state.verdict == "Mostly false" and f"Same as claim {src}" in (state.rationale or "")


def test_article_text_is_shown_as_text_never_markup(loaded_db: Database, sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    evil = ('The mayor said the plant was safe <script>alert("x")</script> and [click](javascript:alert(1)) '
            "according to **officials** in Drevna on Monday.")
    res = ingest_article(loaded_db, Article(text=evil + "\n\nSecond paragraph.", title="<img src=x onerror=alert(1)>",
                                            outlet="[Evil](javascript:alert(2))", url="javascript:alert(3)"))
    with loaded_db.read() as s:
        from db.queries.sources import source_statements
        sid = source_statements(s, res.source_id)[0].id
    cid = review.promote_statement(loaded_db, sid, reviewer="ana")
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    assert_clean(at)
    from ui.common import COMMIT_BEFORE_SHORTCUT  # the desk's own scripts, the only scripts on a page
    from ui.typed import SCRIPT as KEEP_TYPED

    bodies = "\n".join(b for b in html_bodies(at) if b not in (COMMIT_BEFORE_SHORTCUT, KEEP_TYPED))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in bodies
    assert "[click](javascript:alert(1))" in bodies and "**officials**" in bodies
    assert "<script>" not in bodies and "<img" not in bodies
    assert 'href="javascript' not in bodies  # the unsafe source URL is not a link
    assert not any("javascript" in m or "script" in m for m in markdown_bodies(at))


def test_the_match_list_is_short_the_rest_folded(loaded_db: Database, sample_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind shows its top three; the rest are behind "Show N more (kind)", so the verdict
    form is not pages away; the evidence controls sit in one popover per match."""
    import re

    from ui.claim_page import SHOWN_PER_SECTION

    cid = claim_id_by_text(loaded_db, "about 600 sailors")  # a claim with many related statements
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    assert_clean(at)
    heads = {re.search(r">(\w+)</span> (\d+)</h4>", b).groups() for b in html_bodies(at) if b.startswith("<h4>")}
    folded = {e.label for e in at.expander if e.label.startswith("Show ")}
    assert any(int(n) > SHOWN_PER_SECTION for _, n in heads)  # the case this test is about
    assert folded == {f"Show {int(n) - SHOWN_PER_SECTION} more ({kind})" for kind, n in heads if int(n) > SHOWN_PER_SECTION}
    own = [p for e in at.expander if e.label.startswith("From this claim's own article") for p in e.get("popover")]
    # one "Attach as evidence" per entry: those of the kinds above, and those of the claim's own article
    assert len(at.get("popover")) - len(own) == sum(int(n) for _, n in heads)


def test_the_claim_is_read_with_a_paragraph_on_each_side() -> None:
    from claims.queue import paragraph_around

    text = "Lead.\n\nBefore it.\n\nThe claim sits here.\n\nAfter it.\n\nLast."
    start = text.index("The claim")
    end = start + len("The claim sits here.")
    shown, at = paragraph_around(text, start, end)
    assert shown == "Before it.\n\nThe claim sits here.\n\nAfter it." and text[at:at + len(shown)] == shown
    assert paragraph_around(text, start, end, around=0) == ("The claim sits here.", start)
    # at the edges there is nothing more to show
    assert paragraph_around(text, 0, 5) == ("Lead.\n\nBefore it.", 0)
    assert paragraph_around(text, len(text) - 5, len(text))[0] == "After it.\n\nLast."
