"""AppTest of the compact loop (issue 10, item 4): feedback beside the hand, evidence-note drafts,
the same verdict for a claim's repeats, search on Enter with date and a link into the source,
sources found by title or outlet without server paths, a page added by its address."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from claims import accounts, drafts, review, sources
from claims.ingest import ingest_paths
from db.engine import Database
from tests.test_bulk_verdict import load_repeats
from tests.test_ingest_url import site  # noqa: F401 - the local web server fixture
from tests.ui_apptest import assert_clean, claim_id_by_text, frame_with, html_bodies, make_app, open_page

CLAIM = "Police said about 800 residents"


def _match_with_note_field(at, cid: int) -> int:  # noqa: ANN001 - AppTest
    keys = [w.key for w in at.text_input if str(w.key).startswith(f"ev_note_{cid}_")]
    assert keys
    return int(keys[0].rsplit("_", 1)[1])


def test_an_evidence_note_is_a_draft_until_attached(loaded_db: Database, sample_url: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    sid = _match_with_note_field(at, cid)
    key = f"ev_note_{cid}_{sid}"
    at.text_input(key=key).input("Mayor's figure, not the police's").run()
    assert drafts.load(loaded_db, cid, reviewer="ana") == {f"note:{sid}": "Mayor's figure, not the police's"}
    # Another page and back: the note is in its field again.
    at.switch_page("ui/search_page.py").run()
    at.switch_page("ui/claim_page.py")
    at.query_params["id"] = str(cid)
    at.run()
    assert at.text_input(key=key).value == "Mayor's figure, not the police's"
    # A reload (a new session) too; another account does not see it.
    again = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    assert again.text_input(key=key).value == "Mayor's figure, not the police's"
    bea = open_page(make_app(sample_url, monkeypatch, reviewer="bea"), "claim", id=str(cid))
    assert bea.text_input(key=key).value == ""
    # Attaching saves the note with the evidence and clears the draft.
    again.button(key=f"ev_attach_{cid}_{sid}").click().run()
    assert_clean(again)
    assert drafts.load(loaded_db, cid, reviewer="ana") == {}
    assert again.text_input(key=key).value == ""  # saved with the evidence, the box is empty again
    assert not any("note drafted" in p.proto.popover.label for p in again.get("popover"))
    assert frame_with(again, "stance", "note")["note"].tolist() == ["Mayor's figure, not the police's"]
    assert re.fullmatch(rf"Statement {sid} attached as \w+\.", again.toast[0].value)


def test_a_refused_action_says_so_beside_its_control(loaded_db: Database, sample_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cid = claim_id_by_text(loaded_db, CLAIM)
    at = open_page(make_app(sample_url, monkeypatch, reviewer="rita"), "claim", id=str(cid))
    sid = _match_with_note_field(at, cid)
    # An admin makes rita a viewer while her page is open: the page still offers Attach, the workflow refuses.
    accounts.set_role(loaded_db, "rita", "viewer", by="adam")
    at.button(key=f"ev_attach_{cid}_{sid}").click().run()
    assert not at.exception
    message = "Not attached: rita is a viewer and cannot attach evidence, which needs a role of reviewer or above"
    assert [t.value for t in at.toast] == [message]
    # The same words inside the match's own card, not at the top of the page.
    assert [e.value for e in at.error] == [message]
    assert [e.value for e in at.get_by_key(f"match_{sid}").error] == [message]
    assert review.claim_state(loaded_db, cid).version == 1
    # A save refused for want of a rationale: under the verdict form.
    ana = open_page(make_app(sample_url, monkeypatch), "claim", id=str(cid))
    ana.selectbox(key=f"verdict_choice_{cid}").select("True")
    ana.button(key=f"verdict_save_{cid}").click().run()
    refused = ["Not saved: a rationale is required for the final verdict 'True'"]
    assert [e.value for e in ana.get_by_key(f"verdict_form_{cid}").error] == refused
    assert [e.value for e in ana.error] == refused


def test_same_verdict_for_the_repeats_from_the_claim_page(schema_url: str, db: Database, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (a, b, c), voss = load_repeats(db, tmp_path / "articles")
    at = open_page(make_app(schema_url, monkeypatch), "claim", id=str(b))
    assert f"Repeated as 2 other claims: {a} (unreviewed), {c} (unreviewed)" in [x.value for x in at.caption]
    # Someone reviews c while the page is open: c is skipped and named, a and b are saved.
    review.set_verdict(db, c, verdict="True", rationale="Ben's reading", reviewer="ben")
    at.selectbox(key=f"verdict_choice_{b}").select("False")
    at.text_area(key=f"verdict_rationale_{b}").input("Budget office: 22 million")
    at.button(key=f"repeats_save_{b}").click().run()
    assert not at.exception
    line = f"Same verdict for claim {b} and its repeats: 2 saved, 1 skipped as changed meanwhile (claims {c})."
    unescaped = lambda value: value.replace("\\", "")  # noqa: E731 - toasts carry Markdown escapes
    assert [unescaped(t.value) for t in at.toast] == [line]
    assert [unescaped(w.value) for w in at.get_by_key(f"repeats_{b}").warning] == [line]
    assert [review.claim_state(db, x).verdict for x in (a, b, c)] == ["False", "False", "True"]
    assert review.claim_state(db, voss).verdict is None
    assert drafts.load(db, b, reviewer="ana") == {}
    # A viewer sees the repeats but cannot use the control.
    vic = open_page(make_app(schema_url, monkeypatch, reviewer="vic"), "claim", id=str(a))
    assert vic.button(key=f"repeats_save_{a}").disabled


def test_search_on_enter_with_date_and_a_link_into_the_source(loaded_db: Database, sample_url: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "search")
    at.text_input(key="search_text").input("evacuated 1,200 residents").run()  # a one-line field: Enter runs it
    assert_clean(at)
    assert at.query_params["q"] == "evacuated 1,200 residents"
    hit = next(b for b in html_bodies(at) if "score" in b and "1,200" in b)
    assert re.search(r"stated \d\d \w{3} 2026", hit)
    link = next(p for p in at.get("page_link") if p.proto.label == "Read it in its source")
    params = dict(pair.split("=", 1) for pair in link.proto.query_string.split("&"))
    sid, source_id = int(params["statement"]), int(params["id"])
    assert params["q"] == "evacuated+1%2C200+residents"
    # The source opens at the statement, highlighted, with the way back to the hits.
    src = open_page(make_app(sample_url, monkeypatch), "sources", id=str(source_id), statement=str(sid),
                    q="evacuated 1,200 residents")
    assert_clean(src)
    article = next(b for b in html_bodies(src) if 'id="cd-focus"' in b)
    focus = re.search(r'<mark id="cd-focus"[^>]*>([^<]*)</mark>', article).group(1)
    view = sources.source_view(loaded_db, source_id)
    stmt = next(s for s in view["statements"] if s["id"] == sid)
    assert "1,200" in focus and html.unescape(focus) == view["text"][stmt["start"]:stmt["end"]]
    back = next(p for p in src.get("page_link") if p.proto.label == "Back to the search")
    assert back.proto.query_string == "q=evacuated+1%2C200+residents"


def test_sources_found_by_title_or_outlet_without_paths(loaded_db: Database, sample_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(sample_url, monkeypatch), "sources")
    assert not [w for w in at.number_input if w.key == "source_view"]  # no typing of ids
    at.text_input(key="sources_find").input("northline").run()
    found = frame_with(at, "id", "title", "outlet")
    assert len(found) >= 1 and set(found["outlet"]) == {"Northline Times"}
    at.text_input(key="sources_find").input("drevna").run()
    titles = frame_with(at, "id", "title", "outlet")["title"]
    assert len(titles) >= 1 and all("drevna" in t.lower() for t in titles)
    at.text_input(key="sources_find").input("no such outlet 100%").run()
    assert at.info[0].value == "No source's title or outlet contains that."
    # An opened source names its file without the folder it was ingested from.
    first = sources.list_sources(loaded_db, text="Harbour Herald").rows[0]
    view = sources.source_view(loaded_db, first["id"])
    assert "/" in view["filename"]  # stored as given to `claims ingest`
    page = open_page(make_app(sample_url, monkeypatch), "sources", id=str(first["id"]))
    shown = " ".join(html_bodies(page))
    assert Path(view["filename"]).name in shown and view["filename"] not in shown
    assert str(Path(view["filename"]).parent) not in shown


def test_add_a_page_by_its_address(schema_url: str, db: Database, site: str,  # noqa: F811 - the fixture
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(make_app(schema_url, monkeypatch), "sources")
    at.text_input(key="url_to_ingest").input(f"{site}/report.pdf")
    at.button(key="FormSubmitter:ingest_url_form-Fetch and add").click().run()
    assert [e.value for e in at.error] == ["Not added: not a web page but application/pdf"]
    at.text_input(key="url_to_ingest").input(f"{site}/article.html")
    at.button(key="FormSubmitter:ingest_url_form-Fetch and add").click().run()
    assert_clean(at)
    assert at.toast[0].value.startswith("Added Port deal questioned:")
    rows = sources.list_sources(db).rows
    assert [r["url"] for r in rows] == [f"{site}/article.html"]
    assert at.query_params["id"] == str(rows[0]["id"])  # the new source is open
    assert any("Port deal questioned" in b for b in html_bodies(at))


def test_ingest_paths_names_files_as_given(db: Database, tmp_path: Path) -> None:
    # (What the sources page strips: the stored file name is the path the CLI was given.)
    (tmp_path / "a.md").write_text("---\ntitle: T\n---\nThe mayor said 12 bridges were built in 2025.\n", encoding="utf-8")
    ingest_paths(db, [tmp_path])
    assert sources.source_view(db, sources.list_sources(db).rows[0]["id"])["filename"] == str(tmp_path / "a.md")
