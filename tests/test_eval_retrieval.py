"""`claims eval retrieval`: measures, the BEIR reader, query context, end to end
on a small BEIR folder of our own (the CheckThat! data is read from ../shared only
by the evaluation command, never by the tests)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.cli import main
from claims.eval import retrieval as er
from claims.search import Match
from claims.text import measures


def test_measures() -> None:
    assert measures.average_precision_at(["a", "x", "b"], {"a", "b"}, 5) == pytest.approx((1 + 2 / 3) / 2)
    assert measures.average_precision_at(["x", "y"], {"a"}, 5) == 0.0
    # CheckThat! divides by min(|relevant|, k)
    assert measures.average_precision_at(["a"], {"a", "b", "c"}, 1) == 1.0
    assert measures.reciprocal_rank(["x", "a"], {"a"}) == 0.5
    assert measures.reciprocal_rank(["x"] * 10 + ["a"], {"a"}) == 0.0  # beyond 10
    assert measures.recall_at(["a", "x"], {"a", "b"}) == 0.5


def test_query_place() -> None:
    assert er.query_place({"_id": "20170822_Trump_phoenix_0017"}) == er.QueryPlace("20170822_Trump_phoenix", 17)
    assert er.query_place({"_id": "tweet-sno-1000"}) is None
    assert er.query_place({"_id": "42"}) is None
    assert er.query_place({"_id": "q", "document": "town-hall", "line": 3}) == er.QueryPlace("town-hall", 3)


def test_neighbours_are_nearest_first_within_the_document() -> None:
    places = {q: er.query_place({"_id": q}) for q in
              ("d_0010", "d_0012", "d_0009", "d_0030", "e_0011", "d_0016")}
    places = {q: p for q, p in places.items() if p}
    assert er.neighbours("d_0010", places, lines=10, limit=4) == ["d_0009", "d_0012", "d_0016"]
    assert er.neighbours("d_0010", places, lines=10, limit=1) == ["d_0009"]
    assert er.neighbours("tweet", places) == []


def _hit(speaker: str | None, score: float) -> Match:
    return Match(statement_id=1, text="", speaker=speaker, speaker_title=None, source_id=1,
                 source_title="", outlet=None, score=score, stance="related")


def test_document_speakers_vote_by_score_without_the_querys_own_vote() -> None:
    places = {q: er.QueryPlace(q[0], i) for i, q in enumerate(["a1", "a2", "a3", "b1", "c1"])}
    top = {"a1": _hit("Vera Lind", 90), "a2": _hit("Tomas Brenn", 50), "a3": _hit("Tomas Brenn", 30),
           "b1": None, "c1": _hit("Ilse Dorn", 80)}
    # a2 and a3 see Lind's 90 against the other Brenn hit; a1 sees only Brenn's
    # c1 has no other query to vote for it; b1 found nothing
    assert er.document_speakers(places, top) == {"a1": "Tomas Brenn", "a2": "Vera Lind", "a3": "Vera Lind"}


# A debate of three lines about the coastal guard, and fact-checks of two speakers.
CORPUS = [
    {"_id": "fc-guard", "title": "Dorn on the coastal guard", "speaker": "Ilse Dorn",
     "text": "Says spending by the member states on the coastal guard is falling year after year."},
    {"_id": "fc-bridge", "title": "The Vell bridge", "speaker": "Marta Kell",
     "text": "Says the new bridge over the Vell is going up faster than planned."},
    {"_id": "fc-fees-dorn", "title": "Dorn on harbour fees", "speaker": "Ilse Dorn",
     "text": "Says the port authority doubled harbour fees in Askaran."},
    {"_id": "fc-fees-lind", "title": "Lind on harbour fees", "speaker": "Vera Lind",
     "text": "Says harbour fees in Askaran doubled under the port authority."},
    {"_id": "fc-ferry", "title": "Ferry prices", "speaker": "Vera Lind",
     "text": "Says ferry prices in Askaran are the highest on the coast."},
]
QUERIES = [
    {"_id": "townhall_0010", "text": "The member states were spending less and less on the coastal guard."},
    {"_id": "townhall_0011", "text": "Year after year the coastal guard got less money from the member states."},
    {"_id": "townhall_0012", "text": "And now the spending is going up very substantially."},
    {"_id": "townhall_0014", "text": "Harbour fees in Askaran have doubled since the port authority took over."},
    {"_id": "townhall_0040", "text": "Ferry prices on the coast keep rising."},
]
QRELS = {"dev": [("townhall_0012", "fc-guard"), ("townhall_0014", "fc-fees-dorn")],
         "train": [("townhall_0010", "fc-guard")]}


def _folder(tmp_path: Path, queries: list[dict] = QUERIES) -> Path:
    folder = tmp_path / "mini"
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in CORPUS))
    (folder / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in queries))
    for split, rows in QRELS.items():
        (folder / "qrels" / f"{split}.tsv").write_text(
            "query-id\tcorpus-id\tscore\n" + "".join(f"{q}\t{d}\t1\n" for q, d in rows))
    return folder


def test_evaluate_in_context_beats_alone(tmp_path: Path) -> None:
    rep = er.evaluate(_folder(tmp_path), "dev")
    assert rep.queries == 2 and rep.corpus == len(CORPUS)
    assert rep.in_context is not None
    assert rep.with_neighbours == 2
    # alone, the fragment finds the bridge that is "going up"; in context, the coastal guard
    assert rep.plain.map_k < 1.0
    assert rep.in_context.map_k == 1.0
    text = "\n".join(rep.lines())
    assert "in context" in text and "alone" in text and "(x" in text
    assert "named for 0, estimated for 2" in text
    no_ctx = er.evaluate(_folder(tmp_path / "b"), "dev", use_context=False)
    assert no_ctx.in_context is None and no_ctx.plain.map_k == rep.plain.map_k


def test_evaluate_standalone_queries_have_no_context_pass(tmp_path: Path) -> None:
    queries = [dict(q, _id=f"tweet-{i}") for i, q in enumerate(QUERIES)]
    folder = _folder(tmp_path, queries)
    (folder / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\ntweet-4\tfc-ferry\t1\n")
    rep = er.evaluate(folder, "dev")
    assert rep.in_context is None and rep.plain.map_k == 1.0
    assert rep.lines()[1].startswith("no context: the queries stand alone")
    assert rep.lines()[2].startswith("MAP@5")


@pytest.mark.parametrize("damage, message", [
    (lambda f: (f / "corpus.jsonl").unlink(), "missing file"),
    (lambda f: (f / "queries.jsonl").write_text('{"_id": "x", "text": "ok"}\n{not json\n'), "queries.jsonl:2: not JSON"),
    (lambda f: (f / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\n"), "no relevance judgements"),
    (lambda f: (f / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\nnope\tfc-guard\t1\n"),
     "missing from queries.jsonl"),
])
def test_bad_folders_name_the_problem(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    damage(folder)
    with pytest.raises(er.EvalDataError, match=message):
        er.evaluate(folder, "dev")


def test_cli_eval_retrieval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["eval", "retrieval", str(folder), "--split", "dev"]) == 0
    out = capsys.readouterr().out
    assert "mini [dev]: 2 queries, 5 documents" in out and "MAP@5" in out and "in context" in out
    assert main(["eval", "retrieval", str(folder), "--split", "dev", "--no-context"]) == 0
    assert "in context" not in capsys.readouterr().out
    assert main(["eval", "retrieval", str(tmp_path / "nowhere"), "--split", "dev"]) == 2
    assert "missing file" in capsys.readouterr().err
