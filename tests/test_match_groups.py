"""Issue 12, a match list a reviewer can read: reprints folded into one entry with a count
and their outlets; other sources first, contradictions first; the claim's own article apart."""
from __future__ import annotations

import pytest

from claims import search as matching
from claims.ingest import ingest_article
from claims.text.records import Article
from db import queries
from db.engine import Database
from tests.ui_apptest import assert_clean, html_bodies, make_app, open_page

WIRE = "The Kessel river flooded 40 homes in Arnby on Tuesday, the fire service said."
OWN = Article(title="Arnby floods", outlet="Arnby Courier", text=(
    "The Kessel river flooded 40 homes in Arnby, the mayor said.\n\n"
    "The mayor said the Kessel river flooded homes in Arnby because the dykes were old."))
REPRINTS = [Article(title=f"Floods ({o})", outlet=o, text=f"{o.upper()} -- {WIRE}\n\nMore rain is forecast.")
            for o in ("Wire One", "Valley Post", "Coast Daily")]
DISPUTE = Article(title="Flood count", outlet="Northline Times", text=(
    "The Kessel river flooded 12 homes in Arnby, the county said."))


def _match(i: int, text: str, stance: str, score: float, source: int, outlet: str) -> matching.Match:
    return matching.Match(statement_id=i, text=text, speaker=None, speaker_title=None, source_id=source,
                          source_title=f"source {source}", outlet=outlet, score=score, stance=stance)


def test_group_matches_folds_reprints_and_orders_for_review() -> None:
    found = [
        _match(1, "Forty homes flooded in Arnby, the mayor said.", "supports", 95, source=9, outlet="Own"),
        _match(2, "DAILY -- The river flooded 40 homes in Arnby on Tuesday.", "supports", 90, 2, "Daily"),
        _match(3, "POST -- The river flooded 40 homes in Arnby on Tuesday.", "supports", 89, 3, "Post"),
        _match(4, "The river flooded 12 homes in Arnby.", "contradicts", 60, 4, "Times"),
        _match(5, "Rain is forecast for Arnby.", "related", 70, 5, "Daily"),
    ]
    groups = matching.group_matches(found, own_source_id=9)
    assert [(g.top.statement_id, g.count, g.own) for g in groups] == [(4, 1, False), (2, 2, False), (5, 1, False), (1, 1, True)]
    assert groups[1].outlets == ["Daily", "Post"]
    # a hit list keeps the order it is given (the search's ranking)
    assert [g.top.statement_id for g in matching.group_matches(found, by_stance=False)] == [1, 2, 4, 5]


def test_reprints_are_one_entry_with_their_outlets(db: Database) -> None:
    for a in (OWN, *REPRINTS, DISPUTE):
        ingest_article(db, a)
    hits = matching.search(db, "The Kessel river flooded 40 homes in Arnby.")
    groups = matching.group_matches(hits)
    wire = [g for g in groups if "fire service" in g.top.text]
    assert len(wire) == 1 and wire[0].count == 3
    assert sorted(wire[0].outlets) == ["Coast Daily", "Valley Post", "Wire One"]
    assert groups[0].top.stance == "contradicts" and groups[0].top.reasons


@pytest.mark.database
def test_claim_page_shows_grouped_matches_and_keeps_its_own_article_apart(
        db: Database, schema_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = _flood_claim(db)
    at = open_page(make_app(schema_url, monkeypatch), "claim", id=str(cid))
    assert_clean(at)
    bodies = html_bodies(at)
    assert sum("fire service" in b for b in bodies) == 1
    assert any("Same statement in 3 places" in b and "Valley Post" in b for b in bodies)
    heads = [b for b in bodies if b.startswith("<h4>")]
    assert "contradicts" in heads[0]
    assert [e.label for e in at.expander if e.label.startswith("From this claim's own article")] == [
        "From this claim's own article (1)"]


def _flood_claim(db: Database) -> int:
    for a in (OWN, *REPRINTS, DISPUTE):
        ingest_article(db, a)
    with db.write() as s:
        from sqlalchemy import select

        from db.models import Statement
        sid = s.scalars(select(Statement.id).where(Statement.text.startswith("The Kessel river flooded 40"))).one()
        if queries.claims.claim_for_statement(s, sid) is None:
            queries.claims.add_claims(s, [sid])
        return queries.claims.claim_for_statement(s, sid).id


def test_cli_search_and_matches_group_reprints_like_the_claim_page(
        db: Database, schema_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from claims.cli.main import main
    cid = _flood_claim(db)
    assert main(["--db", schema_url, "matches", str(cid)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"matches of claim {cid}: The Kessel river flooded 40 homes")
    # the three wire copies are one entry, the dispute comes first, the own article last
    assert out.count("fire service said") == 1
    assert "+ 2 near-identical" in out and "Wire One" in out and "Coast Daily" in out
    entries = [line for line in out.splitlines() if line[:6].strip().replace(".", "").isdigit()]
    assert "contradicts" in entries[0]
    assert out.index("-- from the claim's own article --") > out.index("near-identical")
    # jsonl keeps one line per statement, numbered by the entry it is folded into
    assert main(["--db", schema_url, "matches", str(cid), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    wire = [r for r in rows if "fire service" in r["text"]]
    assert len(wire) == 3 and len({r["group"] for r in wire}) == 1
    # a plain search groups too; --no-group lists each copy
    assert main(["--db", schema_url, "search", WIRE]) == 0
    assert capsys.readouterr().out.count("fire service said") == 1
    assert main(["--db", schema_url, "search", WIRE, "--no-group"]) == 0
    assert capsys.readouterr().out.count("fire service said") >= 3


def test_the_claims_own_words_elsewhere_are_a_repeat_not_support() -> None:
    claim = "The Kessel river flooded 40 homes in Arnby."
    found = [
        _match(1, "POST -- The Kessel river flooded 40 homes in Arnby.", "supports", 100, 2, "Post"),
        _match(2, "Forty homes were flooded by the Kessel in Arnby, the fire service said.", "supports", 80, 3, "Daily"),
        _match(3, "The Kessel river flooded 12 homes in Arnby.", "contradicts", 70, 4, "Times"),
        _match(4, "The Kessel river flooded 40 homes in Arnby.", "supports", 100, 9, "Own"),
    ]
    for m in found:
        m.claim_text = m.text.split(" -- ")[-1]
    groups = matching.group_matches(found, own_source_id=9, repeat_of=claim)
    assert [(g.top.statement_id, g.repeat) for g in groups] == [(3, False), (1, True), (2, False), (4, False)]
    # without the claim's text nothing is a repeat (a plain search)
    assert not any(g.repeat for g in matching.group_matches(found, own_source_id=9))


def test_claim_page_shows_a_single_reprint_as_a_repeat(db: Database, schema_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_article(db, Article(title="Dyke report", outlet="Arnby Courier", text=(
        "The county engineer said the old dykes along the Kessel failed in three places on Tuesday.")))
    ingest_article(db, Article(title="Dykes (reprint)", outlet="Valley Post", text=(
        "The county engineer said the old dykes along the Kessel failed in three places on Tuesday.\n\n"
        "Repairs start next week.")))
    with db.read() as s:
        from sqlalchemy import select

        from db.models import Source, Statement
        sid = s.scalars(select(Statement.id).join(Source).where(Source.outlet == "Arnby Courier")).first()
    with db.write() as s:
        if queries.claims.claim_for_statement(s, sid) is None:
            queries.claims.add_claims(s, [sid])
        cid = queries.claims.claim_for_statement(s, sid).id
    at = open_page(make_app(schema_url, monkeypatch), "claim", id=str(cid))
    assert_clean(at)
    bodies = html_bodies(at)
    heads = [b for b in bodies if b.startswith("<h4>")]
    assert len(heads) == 1 and "cd-repeat" in heads[0] and ">repeat<" in heads[0], heads
    assert any("a reprint or a repeat, not independent support" in b for b in bodies)
    assert not any('class="cd-badge cd-supports"' in b for b in bodies)
